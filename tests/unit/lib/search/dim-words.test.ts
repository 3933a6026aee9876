import { describe, expect, it } from 'vitest';
import { compileSearch, indexItems, suggest, type SearchItem } from '@/lib/search';
import { yearOfSeason } from '@/lib/search/vocabulary';
import { failure, tree } from './show-ast';

describe("DIM's precedence: a space binds looser than or, an explicit and tighter", () => {
  it.each([
    // The example, and DIM's own reading of it.
    ['is:blue is:weapon or is:armor not:maxpower', '(and is:rare (or is:weapon is:armor) (not is:maxpower))'],
    ['is:blue and (is:weapon or is:armor) and -is:maxpower', '(and is:rare (group (or is:weapon is:armor)) (not is:maxpower))'],
    ['a or b c', '(and (or text:"a" text:"b") text:"c")'],
    ['a b or c', '(and text:"a" (or text:"b" text:"c"))'],
    ['a and b or c', '(or (and text:"a" text:"b") text:"c")'],
    ['a or b and c', '(or text:"a" (and text:"b" text:"c"))'],
    ['a and b c', '(and text:"a" text:"b" text:"c")'],
    ['a or b or c d', '(and (or text:"a" text:"b" text:"c") text:"d")'],
    ['-a or b', '(or (not text:"a") text:"b")'],
    ['not a or b', '(or (not text:"a") text:"b")'],
    ['(is:weapon is:sniperrifle) or (is:armor is:helmet)', '(or (group (and is:weapon is:sniperrifle)) (group (and is:armor is:helmet)))'],
    ['(is:weapon and is:sniperrifle) or not (is:armor and is:helmet)', '(or (group (and is:weapon is:sniperrifle)) (not (group (and is:armor is:helmet))))'],
    ['-(power:>1000 and -is:crafted)', '(not (group (and power>1000 (not is:crafted))))'],
    ['is:weapon (a b or c)', '(and is:weapon (group (and text:"a" (or text:"b" text:"c"))))'],
  ])('%j → %s', (query, expected) => {
    expect(tree(query)).toBe(expected);
  });
});

describe('DIM comments, quotes and not:', () => {
  it.each([
    ['/* comment */ is:armor', 'is:armor'],
    ['/* Hand cannons */ is:handcannon', 'is:handcannon'],
    ['/*no spaces*/is:armor', 'is:armor'],
    ['is:weapon /* middle */ is:exotic', '(and is:weapon is:exotic)'],
    ['is:weapon /* trailing */', 'is:weapon'],
    ['/* a or b */ is:arc or is:void', '(or is:arc is:void)'],
    ['/* only a comment */', '∅'],
    ['/* ( and or - */ is:arc', 'is:arc'],
    ['not:locked', '(not is:locked)'],
    ['NOT:Maxpower', '(not is:maxpower)'],
    ["'ashen oath'", 'text:"ashen oath"'],
    ["name:'ashen oath'", 'name:"ashen oath"'],
    ["perk:‘kill clip’", 'perk:"kill clip"'],
    ["hawthorne's", 'text:"hawthorne\'s"'],
    ['perk:"Kill Clip"', 'perk:"kill clip"'],
    ['perkname:outlaw', 'perk:"outlaw"'],
    ['stat:range:>=60', 'stat:range>=60'],
    ['stat:RPM:<=150', 'stat:rpm<=150'],
    ['stat:total:>60', 'stat:total>60'],
    ['stat:recovery:30', 'stat:recovery=30'],
    ['count:>1', 'count>1'],
    ['tag:junk', 'tag:junk'],
    ['tag:none', 'tag:none'],
    ['notes:"god roll"', 'notes:"god roll"'],
    ['basestat:mobility:>10', 'basestat:mobility>10'],
    ['basestat:Total:>=60', 'basestat:total>=60'],
    ['basestat:range:=50', 'basestat:range=50'],
    ['season:20', 'season=20'],
    ['season:>=24', 'season>=24'],
    ['year:<3', 'year<3'],
    ['-year:7 is:weapon', '(and (not year=7) is:weapon)'],
  ])('%j → %s', (query, expected) => {
    expect(tree(query)).toBe(expected);
  });

  it.each([
    ['/* never closed is:armor', '/* never closed is:armor', /comment is never closed/],
    ["'open", "'open", /quote is never closed: add a closing '/],
    ['not:foo', 'not:foo', /^Unknown filter not:foo — try not:/],
    ['is:new', 'is:new', /is:new is a DIM filter Vault Raider does not support: .*no “new” flag/],
    ['source:raid', 'source:raid', /source: is a DIM filter Vault Raider does not support/],
    ['basestat:speed:>1', 'basestat:speed:>1', /names no stat — try basestat:/],
    ['basestat:total', 'basestat:total', /names no stat/],
    ['basestat:total:lots', 'basestat:total:lots', /needs a number after the stat, like basestat:total:>=60/],
    ['season:witch', 'season:witch', /season:witch needs a number, like season:>=20/],
    ['year:', 'year:', /year: needs a value, like year:7/],
    ['stat:speed:>1', 'stat:speed:>1', /names no stat/],
    ['stat:range', 'stat:range', /names no stat/],
    ['stat:range:lots', 'stat:range:lots', /needs a number after the stat, like stat:range:>=60/],
    ['count:many', 'count:many', /needs a number/],
    ['tag:shiny', 'tag:shiny', /Unknown tag tag:shiny/],
    ['a and', 'and', /“and” needs a filter on both sides/],
    ['and a', 'and', /“and” needs a filter on both sides/],
    ['a or', 'or', /“or” needs a filter on both sides/],
  ])('%j is an error marking %j', (query, marked, message) => {
    const error = failure(query);
    expect(error.marked).toBe(marked);
    expect(error.message).toMatch(message);
  });
});

// Hashes and subtypes as Bungie has them.
const KINETIC = 1498876634;
const ENERGY = 2465295065;
const HELMET_BUCKET = 3448274439;
const CHEST_BUCKET = 14239492;

let nextHash = 1;
// Tiles with their facts (stats, base stats, perks) joined on, as the search sees them once loaded.
const tile = (name: string, extra: Partial<SearchItem>): SearchItem => ({
  key: name, hash: nextHash++, instanceId: `i-${name}`, known: true, name, iconUrl: null, tier: 'legendary', tierName: 'Legendary',
  typeName: '', power: null, damageType: null, locked: false, masterwork: false, quantity: 1, equipped: false, slotHash: 0, itemType: 0,
  classType: 3, location: { kind: 'vault', label: 'Vault' }, ...extra,
});

const ITEMS: SearchItem[] = [
  tile('Cannon', { itemType: 3, subType: 9, typeName: 'Hand Cannon', slotHash: KINETIC, power: 2000, crafted: true, stats: { range: 70, rpm: 140 }, baseStats: { range: 60 }, perks: ['kill clip', 'outlaw'], tag: 'favorite', season: 23 }),
  tile('Sniper', { itemType: 3, subType: 12, typeName: 'Sniper Rifle', slotHash: ENERGY, power: 1990, tier: 'rare', stats: { range: 50 }, perks: ['snapshot sights'], notes: 'PvP God roll', season: 4 }),
  tile('Sniper', { key: 'sniper2', itemType: 3, subType: 12, typeName: 'Sniper Rifle', slotHash: ENERGY, power: 2010, hash: 500, tier: 'rare' }),
  tile('Sniper', { key: 'sniper3', itemType: 3, subType: 12, typeName: 'Sniper Rifle', slotHash: ENERGY, power: 1500, hash: 500, tier: 'rare', tag: 'junk' }),
  tile('Linear', { itemType: 3, subType: 22, typeName: 'Linear Fusion Rifle', slotHash: ENERGY, power: 1900 }),
  tile('Fusion', { itemType: 3, subType: 11, typeName: 'Fusion Rifle', slotHash: ENERGY, power: 1900 }),
  tile('Glaive', { itemType: 3, subType: 33, typeName: 'Glaive', slotHash: ENERGY, power: 1900 }),
  // Helm: a +10 mobility mod and the masterwork (+2 each) on a base of 54.
  tile('Helm', { itemType: 2, subType: 26, typeName: 'Hunter Helmet', slotHash: HELMET_BUCKET, classType: 1, power: 1950, season: 27,
    stats: { mobility: 20, resilience: 10, recovery: 30, discipline: 2, intellect: 2, strength: 2 },
    baseStats: { mobility: 8, resilience: 8, recovery: 28, discipline: 0, intellect: 0, strength: 0 } }),
  tile('Helm Two', { itemType: 2, subType: 26, typeName: 'Hunter Helmet', slotHash: HELMET_BUCKET, classType: 1, power: 1960, stats: { mobility: 10, resilience: 10, recovery: 10, discipline: 10, intellect: 10, strength: 10 }, season: 3 }),
  tile('Titan Helm', { itemType: 2, subType: 26, typeName: 'Titan Helmet', slotHash: HELMET_BUCKET, classType: 0, power: 1700 }),
  tile('Plate', { itemType: 2, subType: 28, typeName: 'Chest Armor', slotHash: CHEST_BUCKET, classType: 0, power: 1800, tier: 'exotic' }),
  tile('Core', { itemType: 9, typeName: 'Consumable', tier: 'common', instanceId: undefined }),
];

describe('DIM words pick the right items', () => {
  const index = indexItems(ITEMS, new Set(['i-Fusion', 'i-Plate']));
  const names = (query: string) => {
    const compiled = compileSearch(query, index);
    if (!compiled.ok) throw new Error(`${query}: ${compiled.error.message}`);
    return ITEMS.filter(compiled.matches).map((t) => t.key);
  };

  it.each([
    ['is:handcannon', ['Cannon']],
    ['is:sniperrifle', ['Sniper', 'sniper2', 'sniper3']],
    ['is:fusionrifle', ['Fusion']],
    ['is:linearfusionrifle', ['Linear']],
    ['is:glaive', ['Glaive']],
    ['is:helmet', ['Helm', 'Helm Two', 'Titan Helm']],
    ['is:chest', ['Plate']],
    ['is:crafted', ['Cannon']],
    ['-is:crafted is:weapon', ['Sniper', 'sniper2', 'sniper3', 'Linear', 'Fusion', 'Glaive']],
    ['is:inloadout', ['Fusion', 'Plate']],
    // The best of each slot (weapons for all; armour per class).
    ['is:maxpower', ['Cannon', 'sniper2', 'Helm Two', 'Titan Helm', 'Plate']],
    ['stat:range:>=60', ['Cannon']],
    ['stat:range:<60', ['Sniper']],
    ['stat:rpm:=140', ['Cannon']],
    ['stat:total:>=64', ['Helm']],
    ['stat:total:=60', ['Helm Two']],
    ['stat:weapons:>15', ['Helm']],
    ['perk:"kill clip"', ['Cannon']],
    ['perk:snap', ['Sniper']],
    ['perkname:outlaw', ['Cannon']],
    ['count:>1', ['sniper2', 'sniper3']],
    ['count:1 is:weapon', ['Cannon', 'Sniper', 'Linear', 'Fusion', 'Glaive']],
    ['tag:favorite', ['Cannon']],
    ['tag:junk', ['sniper3']],
    ['is:tagged', ['Cannon', 'sniper3']],
    ['tag:none is:sniperrifle', ['Sniper', 'sniper2']],
    ['notes:"god roll"', ['Sniper']],
    ['is:hasnotes', ['Sniper']],
    ['not:weapon not:armor', ['Core']],
    // The pasted query: rare and (weapon or armour) and not max power.
    ['/* rare non-max */ is:blue is:weapon or is:armor not:maxpower', ['Sniper', 'sniper3']],
    ['is:yellow', ['Plate']],
    // Base stats: the current value less the plugged mods' and masterwork's bonuses; without any, the current value.
    ['basestat:range:>=60', ['Cannon']],
    ['basestat:range:<=60', ['Cannon', 'Sniper']],
    ['stat:range:>60 basestat:range:<=60', ['Cannon']],
    ['basestat:mobility:<10', ['Helm']],
    ['basestat:total:<60', ['Helm']],
    ['basestat:total:=60', ['Helm Two']],
    ['stat:total:>=64 basestat:total:<=44', ['Helm']],
    ['basestat:rpm:140', ['Cannon']],
    // Seasons and their years (season 3: year 1; 4: year 2; 23: year 6; 27: year 8); no season, no match.
    ['season:23', ['Cannon']],
    ['season:>=23', ['Cannon', 'Helm']],
    ['season:<10', ['Sniper', 'Helm Two']],
    ['year:1', ['Helm Two']],
    ['year:2', ['Sniper']],
    ['year:6', ['Cannon']],
    ['year:>=8', ['Helm']],
    ['-season:>0 is:weapon', ['sniper2', 'sniper3', 'Linear', 'Fusion', 'Glaive']],
  ])('%j → %j', (query, expected) => {
    expect(names(query)).toEqual(expected);
  });

  it('suggests the new words and the page’s perk names', () => {
    const texts = (q: string) => suggest(q, q.length, index, 20).map((s) => s.text);
    expect(texts('is:hand')).toEqual(['is:handcannon']);
    expect(texts('not:lo')).toEqual(['not:locked']);
    expect(texts('stat:ra')).toEqual(['stat:range:>=']);
    expect(texts('stat:to')).toEqual(['stat:total:>=']);
    expect(texts('tag:j')).toEqual(['tag:junk']);
    expect(texts('perk:ki')).toEqual(['perk:"kill clip"']);
    expect(texts('cou')).toEqual(['count:>']);
    expect(texts('note')).toEqual(['notes:']);
    expect(texts('basestat:to')).toEqual(['basestat:total:>=']);
    expect(texts('seas')).toEqual(['season:>=', 'season:']);
    expect(texts('yea')).toEqual(['year:']);
  });
});

describe('a season number to its year', () => {
  it.each([[1, 1], [3, 1], [4, 2], [7, 2], [8, 3], [11, 3], [12, 4], [16, 5], [20, 6], [23, 6], [24, 7], [26, 7], [27, 8], [28, 8], [0, 0]])('season %i is year %i', (season, year) => {
    expect(yearOfSeason(season)).toBe(year);
  });
});

describe('is:maxpower is the max-power tool’s set for each class', () => {
  const CHEST = 14239492;
  const gear: SearchItem[] = [
    tile('Exotic Helm', { itemType: 2, subType: 26, slotHash: HELMET_BUCKET, classType: 1, power: 2000, tier: 'exotic' }),
    tile('Plain Helm', { itemType: 2, subType: 26, slotHash: HELMET_BUCKET, classType: 1, power: 1990 }),
    tile('Exotic Chest', { itemType: 2, subType: 28, slotHash: CHEST, classType: 1, power: 2000, tier: 'exotic' }),
    tile('Plain Chest', { itemType: 2, subType: 28, slotHash: CHEST, classType: 1, power: 1950 }),
    tile('Exotic Kinetic', { itemType: 3, slotHash: KINETIC, power: 2005, tier: 'exotic' }),
    tile('Plain Kinetic', { itemType: 3, slotHash: KINETIC, power: 2000 }),
    tile('Exotic Energy', { itemType: 3, slotHash: ENERGY, power: 2010, tier: 'exotic' }),
    tile('Plain Energy', { itemType: 3, slotHash: ENERGY, power: 1990, location: { kind: 'inventory', characterId: '1', label: 'x' } }),
    tile('Twin Energy', { itemType: 3, slotHash: ENERGY, power: 1990 }),
    // Higher than all, but at the postmaster: the tool never picks what must be pulled first.
    tile('Lost Chest', { itemType: 2, subType: 28, slotHash: CHEST, classType: 1, power: 2050, location: { kind: 'postmaster', characterId: '1', label: 'x' } }),
  ];

  it('takes one exotic weapon and one exotic armour piece, whichever pairing sums highest, and skips the postmaster', () => {
    const compiled = compileSearch('is:maxpower', indexItems(gear));
    if (!compiled.ok) throw new Error(compiled.error.message);
    // Armour: the exotic chest with the plain helmet (3,990) beats the exotic helmet with the plain chest (3,950).
    // Weapons: the exotic energy weapon with the plain kinetic (4,010) beats the exotic kinetic with an energy 1,990.
    expect(gear.filter(compiled.matches).map((t) => t.key)).toEqual(['Plain Helm', 'Exotic Chest', 'Plain Kinetic', 'Exotic Energy']);
  });
});
