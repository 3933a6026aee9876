import { describe, expect, it } from 'vitest';
import type { ItemPlace } from '@/components/inventory/item-action-client';
import { applyOverrides, reconcile, withChange, type Override, type StoreGroup } from '@/components/inventory/item-store';
import type { CharacterSummary, ItemTile } from '@/lib/inventory/types';

const KINETIC = 1498876634;
const POSTMASTER = 215593132;
const character = (characterId: string, className: string): CharacterSummary => ({ characterId, className, raceName: 'Human', power: 1990, emblemUrl: null, emblemBackgroundUrl: null, dateLastPlayed: '2026-11-30T00:00:00Z' });
const CHARACTERS = [character('c-titan', 'Titan'), character('c-hunter', 'Hunter')];

const tile = (key: string, extra: Partial<ItemTile> = {}): ItemTile => ({
  key, hash: 1, instanceId: key, known: true, name: key, iconUrl: null, tier: 'legendary', tierName: 'Legendary', typeName: 'Hand Cannon',
  power: 2000, damageType: 'Solar', locked: false, masterwork: false, quantity: 1, equipped: false, slotHash: KINETIC, itemType: 3, classType: 3,
  location: { kind: 'vault', label: 'Vault' }, ...extra,
});
const onTitan = (key: string, equipped = false, extra: Partial<ItemTile> = {}) =>
  tile(key, { equipped, location: { kind: equipped ? 'equipped' : 'inventory', characterId: 'c-titan', label: equipped ? 'Equipped on your Titan' : 'In the inventory of your Titan' }, ...extra });
const place = (itemId: string, owner: string, equipped = false, locked = false): ItemPlace => ({ itemId, itemHash: 1, owner, equipped, locked });
const confirmed = (...places: ItemPlace[]) => new Map<string, Override>(places.map((p) => [p.itemId, { place: p, pending: false }]));
const section = (bucketHash: number, items: ItemTile[], capacity: number | null = null) => ({ bucketHash, name: String(bucketHash), items, count: items.length, capacity });
const keysOf = (groups: StoreGroup[]) => groups.map((g) => g.sections.map((s) => s.items.map((t) => t.key)));

describe('the item store', () => {
  const vault: StoreGroup[] = [{ id: 'weapons', label: 'Weapons', sections: [section(KINETIC, [tile('a'), tile('b')])] }];

  it('moves an item the vault sent to a character off the vault page, keeps it for the sheet at its new place, and counts the section again', () => {
    const view = applyOverrides(vault, confirmed(place('a', 'c-hunter')), CHARACTERS, 'vault');
    expect(keysOf(view.groups)).toEqual([[['b']]]);
    expect(view.groups[0]!.sections[0]!.count).toBe(1);
    expect(view.byKey.get('a')!.location).toEqual({ kind: 'inventory', characterId: 'c-hunter', label: 'In the inventory of your Hunter' });
  });

  it('flips the lock where the tile stays', () => {
    const view = applyOverrides(vault, confirmed(place('b', 'vault', false, true)), CHARACTERS, 'vault');
    expect(view.groups[0]!.sections[0]!.items.map((t) => [t.key, t.locked])).toEqual([['a', false], ['b', true]]);
  });

  it('unequips what the read showed equipped in the slot when an action equips another item there', () => {
    const titan: StoreGroup[] = [{ id: 'slots', label: 'Slots', sections: [section(KINETIC, [onTitan('worn', true), onTitan('spare')], 10)] }];
    const view = applyOverrides(titan, confirmed(place('spare', 'c-titan', true)), CHARACTERS, 'c-titan');
    const equipped = view.groups[0]!.sections[0]!.items.filter((t) => t.equipped).map((t) => t.key);
    expect(equipped).toEqual(['spare']);
    expect(view.byKey.get('worn')!.location.label).toBe('In the inventory of your Titan');
  });

  it('moves a pulled item from the postmaster into its slot, and both counts follow', () => {
    const lost = onTitan('lost', false, { location: { kind: 'postmaster', characterId: 'c-titan', label: 'At the postmaster for your Titan' } });
    const titan: StoreGroup[] = [
      { id: 'slots', label: 'Slots', sections: [section(KINETIC, [onTitan('worn', true)], 10)] },
      { id: 'postmaster', label: 'Postmaster', sections: [section(POSTMASTER, [lost], 21)] },
    ];
    const view = applyOverrides(titan, confirmed(place('lost', 'c-titan')), CHARACTERS, 'c-titan');
    expect(keysOf(view.groups)).toEqual([[['worn', 'lost']], [[]]]);
    expect(view.groups.map((g) => g.sections[0]!.count)).toEqual([2, 0]);
    expect(view.byKey.get('lost')!.location.kind).toBe('inventory');
  });

  it('keeps only the places still waiting for an answer when the next read arrives', () => {
    const overrides = new Map<string, Override>([
      ['a', { place: place('a', 'c-titan'), pending: false }],
      ['b', { place: place('b', 'c-hunter'), pending: true }],
    ]);
    expect([...reconcile(overrides).keys()]).toEqual(['b']);
  });

  it('brings back the last confirmed place when an action is refused, even before the next read', () => {
    const locked = withChange(withChange(new Map(), 'a', place('a', 'c-titan', true, true), true), 'a', place('a', 'c-titan', true, true), false);
    const guessed = withChange(locked, 'a', place('a', 'c-hunter', true, true), true);
    const refused = withChange(guessed, 'a', null, false);
    expect(refused.get('a')).toEqual({ place: place('a', 'c-titan', true, true), pending: false });
    // With nothing confirmed before, a refusal leaves the read alone.
    expect(withChange(withChange(new Map(), 'b', place('b', 'vault'), true), 'b', null, false).size).toBe(0);
  });
});
