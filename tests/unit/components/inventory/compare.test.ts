import { describe, expect, it } from 'vitest';
import { compareFromSearch, compareGroup, compareSet, difference, MAX_COMPARED } from '@/components/inventory/compare';
import type { ItemTile } from '@/lib/inventory/types';

let n = 0;
const tile = (extra: Partial<ItemTile> = {}): ItemTile => {
  const id = String(6917529000000000000n + BigInt(++n));
  return {
    key: id, hash: 1, instanceId: id, known: true, name: `Item ${n}`, iconUrl: null, tier: 'legendary', tierName: 'Legendary', typeName: 'Hand Cannon',
    power: 2000, damageType: null, locked: false, masterwork: false, quantity: 1, equipped: false, slotHash: 1498876634, itemType: 3, classType: 3,
    location: { kind: 'vault', label: 'Vault' }, ...extra,
  };
};

describe('compare groups', () => {
  it('weapons compare by type, armour by slot and class; stacks and unknown items not at all', () => {
    expect(compareGroup(tile())).toBe('weapon:Hand Cannon');
    expect(compareGroup(tile({ itemType: 2, typeName: 'Titan Helmet', slotHash: 3448274439, classType: 0 }))).toBe('armor:3448274439:0');
    expect(compareGroup(tile({ instanceId: undefined }))).toBeNull();
    expect(compareGroup(tile({ known: false }))).toBeNull();
    expect(compareGroup(tile({ itemType: 19 }))).toBeNull();
  });

  it('the sheet’s set is its item first, then the same type strongest first, at most six', () => {
    const base = tile({ power: 1950 });
    const others = Array.from({ length: 8 }, (_, i) => tile({ power: 1900 + i }));
    const scout = tile({ typeName: 'Scout Rifle', power: 2100 });
    const set = compareSet(base, [base, scout, ...others]);
    expect(set).toHaveLength(MAX_COMPARED);
    expect(set[0]).toBe(base);
    expect(set.slice(1).map((t) => t.power)).toEqual([1907, 1906, 1905, 1904, 1903]);
    expect(set).not.toContain(scout);
  });

  it('a search compares the first comparable match’s group, only when two or more match', () => {
    const helmets = [tile({ itemType: 2, slotHash: 3448274439, classType: 0, power: 1990 }), tile({ itemType: 2, slotHash: 3448274439, classType: 0, power: 2010 })];
    const stackTile = tile({ instanceId: undefined });
    expect(compareFromSearch([stackTile, ...helmets, tile()])).toEqual([helmets[1], helmets[0]]);
    expect(compareFromSearch([tile(), stackTile])).toEqual([]);
  });

  it('differences are signed, with the typographic minus, and empty when equal', () => {
    expect(difference(54, 50)).toBe('+4');
    expect(difference(47, 50)).toBe('\u22123');
    expect(difference(50, 50)).toBe('');
  });
});
