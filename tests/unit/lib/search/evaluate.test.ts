import { describe, expect, it } from 'vitest';
import type { ItemTile } from '@/lib/inventory/types';
import { compileSearch, indexItems } from '@/lib/search';

const KINETIC = 1498876634;
const ENERGY = 2465295065;
const POWER = 953998645;
const HELMET = 3448274439;

let nextHash = 1;
const tile = (name: string, extra: Partial<ItemTile>): ItemTile => ({
  key: name, hash: nextHash++, known: true, name, iconUrl: null, tier: 'legendary', tierName: 'Legendary',
  typeName: '', power: null, damageType: null, locked: false, masterwork: false, quantity: 1, equipped: false, slotHash: 0, itemType: 0,
  classType: 3, location: { kind: 'vault', label: 'Vault' }, ...extra,
});
const weapon = (name: string, typeName: string, slotHash: number, damageType: string, power: number, extra: Partial<ItemTile> = {}) =>
  tile(name, { itemType: 3, typeName, slotHash, damageType, power, ...extra });
const armor = (name: string, typeName: string, classType: number, power: number, extra: Partial<ItemTile> = {}) =>
  tile(name, { itemType: 2, typeName, slotHash: HELMET, classType, power, ...extra });

// One page's items, each chosen to sit on one side of some filter.
const ITEMS: ItemTile[] = [
  weapon('Ace of Spades', 'Hand Cannon', KINETIC, 'Kinetic', 1810, { tier: 'exotic', tierName: 'Exotic', locked: true, masterwork: true }),
  weapon('Ashen Oath', 'Scout Rifle', KINETIC, 'Strand', 1800, { hash: 77 }),
  weapon('Ashen Oath', 'Scout Rifle', KINETIC, 'Strand', 1950, { hash: 77, key: 'second', locked: true }),
  weapon('Iron Verse', 'Auto Rifle', ENERGY, 'Solar', 2000, { equipped: true, location: { kind: 'equipped', characterId: 'c1', label: 'Equipped' } }),
  weapon('Bright Lance', 'Fusion Rifle', ENERGY, 'Void', 1799, { tier: 'rare', tierName: 'Rare' }),
  weapon('Silent Tide', 'Rocket Launcher', POWER, 'Arc', 2010),
  weapon('Lunar Hymn', 'Sword', POWER, 'Stasis', 1900, { location: { kind: 'postmaster', characterId: 'c1', label: 'Postmaster' } }),
  armor('Crimson Crown', 'Hunter Helmet', 1, 1900, { tier: 'exotic', tierName: 'Exotic' }),
  armor('Gilded Mantle', 'Titan Helmet', 0, 1850, { masterwork: true }),
  armor('Hidden Spire', 'Warlock Helmet', 2, 1780),
  tile('Glimmer Ghost', { typeName: 'Ghost Shell', itemType: 24, tier: 'uncommon' }),
  tile('Enhancement Core', { typeName: 'Consumable', itemType: 9, tier: 'common', quantity: 40 }),
  tile('Unknown item 1234', { known: false, tier: 'unknown', tierName: '' }),
];
const index = indexItems(ITEMS);

function names(query: string): string[] {
  const compiled = compileSearch(query, index);
  if (!compiled.ok) throw new Error(`${query}: ${compiled.error.message}`);
  return [...new Set(ITEMS.filter(compiled.matches).map((t) => t.name))].sort();
}
const sorted = (...n: string[]) => [...n].sort();

describe('evaluate: each filter picks the right items', () => {
  it.each([
    ['', [...new Set(ITEMS.map((t) => t.name))]],
    ['is:weapon', ['Ace of Spades', 'Ashen Oath', 'Iron Verse', 'Bright Lance', 'Silent Tide', 'Lunar Hymn']],
    ['is:armor', ['Crimson Crown', 'Gilded Mantle', 'Hidden Spire']],
    ['is:armour', ['Crimson Crown', 'Gilded Mantle', 'Hidden Spire']],
    ['is:exotic', ['Ace of Spades', 'Crimson Crown']],
    ['is:legendary is:weapon', ['Ashen Oath', 'Iron Verse', 'Silent Tide', 'Lunar Hymn']],
    ['is:rare', ['Bright Lance']],
    ['is:uncommon', ['Glimmer Ghost']],
    ['is:common', ['Enhancement Core']],
    ['is:equipped', ['Iron Verse']],
    ['is:locked', ['Ace of Spades', 'Ashen Oath']],
    ['is:unlocked is:weapon', ['Ashen Oath', 'Iron Verse', 'Bright Lance', 'Silent Tide', 'Lunar Hymn']],
    ['is:masterwork', ['Ace of Spades', 'Gilded Mantle']],
    ['is:kineticslot', ['Ace of Spades', 'Ashen Oath']],
    // DIM: is:kinetic is the element; Ashen Oath is a Strand weapon in the kinetic slot.
    ['is:kinetic', ['Ace of Spades']],
    ['is:energy', ['Iron Verse', 'Bright Lance']],
    ['is:power', ['Silent Tide', 'Lunar Hymn']],
    ['is:heavy', ['Silent Tide', 'Lunar Hymn']],
    ['is:hunter', ['Crimson Crown']],
    ['is:titan', ['Gilded Mantle']],
    ['is:warlock', ['Hidden Spire']],
    ['is:dupe', ['Ashen Oath']],
    ['is:postmaster', ['Lunar Hymn']],
    ['is:arc', ['Silent Tide']],
    ['is:solar', ['Iron Verse']],
    ['is:void', ['Bright Lance']],
    ['is:stasis', ['Lunar Hymn']],
    ['is:strand', ['Ashen Oath']],
    ['damage:kinetic', ['Ace of Spades']],
    ['element:SOLAR', ['Iron Verse']],
    ['tier:exotic', ['Ace of Spades', 'Crimson Crown']],
    ['tier:unknown', ['Unknown item 1234']],
    ['rarity:rare', ['Bright Lance']],
    ['type:"hand cannon"', ['Ace of Spades']],
    ['type:HandCannon', ['Ace of Spades']],
    ['type:helmet', ['Crimson Crown', 'Gilded Mantle', 'Hidden Spire']],
    ['type:"hunter helmet"', ['Crimson Crown']],
    ['type:rifle', ['Ashen Oath', 'Iron Verse', 'Bright Lance']],
    ['type:cannon', ['Ace of Spades']],
    ['type:hand', []],
    ['name:oath', ['Ashen Oath']],
    ['name:"ace of"', ['Ace of Spades']],
    ['name:rifle', []],
    ['ashen', ['Ashen Oath']],
    ['rifle', ['Ashen Oath', 'Iron Verse', 'Bright Lance']],
    ['"iron verse"', ['Iron Verse']],
    ['IRON', ['Iron Verse']],
    ['power:>=1900', ['Ashen Oath', 'Iron Verse', 'Silent Tide', 'Lunar Hymn', 'Crimson Crown']],
    ['power:>1900', ['Ashen Oath', 'Iron Verse', 'Silent Tide']],
    ['power:<=1800', ['Ashen Oath', 'Bright Lance', 'Hidden Spire']],
    ['power:<1800', ['Bright Lance', 'Hidden Spire']],
    ['power:=1810', ['Ace of Spades']],
    ['power:1810', ['Ace of Spades']],
    ['power:>1800 power:<=2000', ['Ace of Spades', 'Ashen Oath', 'Iron Verse', 'Lunar Hymn', 'Crimson Crown', 'Gilded Mantle']],
    ['-power:>0', ['Glimmer Ghost', 'Enhancement Core', 'Unknown item 1234']],
    ['is:arc or is:void', ['Silent Tide', 'Bright Lance']],
    ['is:weapon -is:locked', ['Ashen Oath', 'Iron Verse', 'Bright Lance', 'Silent Tide', 'Lunar Hymn']],
    ['(is:solar or is:void) -is:rare', ['Iron Verse']],
    ['-(is:weapon or is:armor)', ['Glimmer Ghost', 'Enhancement Core', 'Unknown item 1234']],
    // DIM's precedence: a space binds looser than `or` — exotic and (weapon or titan).
    ['is:exotic is:weapon or is:titan', ['Ace of Spades']],
    ['is:exotic and is:weapon or is:titan', ['Ace of Spades', 'Gilded Mantle']],
    ['is:exotic (is:weapon or is:titan)', ['Ace of Spades']],
    ['not is:weapon not is:armor is:common', ['Enhancement Core']],
    ['is:weapon -is:locked power:>=1800 (is:solar or is:void) name:"i"', ['Iron Verse']],
  ])('%j', (query, expected) => {
    expect(names(query)).toEqual(sorted(...expected));
  });

  it('matches the locked copy of a dupe only once a lock filter is added', () => {
    const compiled = compileSearch('is:dupe is:locked', index);
    expect(compiled.ok && ITEMS.filter(compiled.matches).map((t) => t.key)).toEqual(['second']);
  });

  it('finds dupes within the list it was given, not a fixed one', () => {
    const one = indexItems(ITEMS.filter((t) => t.key !== 'second'));
    const compiled = compileSearch('is:dupe', one);
    expect(compiled.ok && ITEMS.filter(compiled.matches)).toEqual([]);
  });

  it('answers a bad query with its error, not a predicate', () => {
    const compiled = compileSearch('is:weapon is:foo', index);
    expect(compiled).toEqual({ ok: false, error: { message: expect.stringMatching(/^Unknown filter is:foo/), offset: 10, length: 6 } });
  });
});

describe('indexItems: read only when asked', () => {
  // Each item counts the reads of its hash: the index's one pass over the items reads them.
  function counted(items: readonly ItemTile[]): { items: ItemTile[]; reads: () => number } {
    let reads = 0;
    const wrapped = items.map((t) => {
      const copy = { ...t };
      Object.defineProperty(copy, 'hash', { get: () => (reads++, t.hash), enumerable: true });
      return copy;
    });
    return { items: wrapped, reads: () => reads };
  }

  it('reads no item until a field is asked, then every item once for all the fields', () => {
    const { items, reads } = counted(ITEMS);
    const lazy = indexItems(items);
    // A page's render builds the index and compiles the empty query: no item read.
    expect(compileSearch('', lazy).ok).toBe(true);
    expect(lazy.loadoutItems.size).toBe(0);
    expect(reads()).toBe(0);
    expect([...lazy.dupes]).toEqual([77]);
    const pass = reads();
    expect(pass).toBeGreaterThanOrEqual(ITEMS.length);
    expect(lazy.counts.get(77)).toBe(2);
    expect(lazy.typeNames).toEqual(index.typeNames);
    expect(lazy.perkNames).toEqual([]);
    expect([...lazy.maxPower].sort()).toEqual([...index.maxPower].sort());
    expect(reads()).toBe(pass);
  });

  it('answers a query that needs the index the same as before', () => {
    const { items, reads } = counted(ITEMS);
    const compiled = compileSearch('is:dupe', indexItems(items));
    if (!compiled.ok) throw new Error(compiled.error.message);
    expect(items.filter(compiled.matches).map((t) => t.key).sort()).toEqual(['Ashen Oath', 'second']);
    expect(reads()).toBeGreaterThanOrEqual(ITEMS.length);
  });
});
