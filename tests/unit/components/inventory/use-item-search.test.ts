import { describe, expect, it } from 'vitest';
import { isHalfTypedFilter } from '@/components/inventory/use-item-search';
import type { ItemTile } from '@/lib/inventory/types';
import { compileSearch, indexItems } from '@/lib/search';

const tile = (name: string): ItemTile => ({
  key: name, hash: 1, known: true, name, iconUrl: null, tier: 'exotic', tierName: 'Exotic', typeName: 'Hand Cannon',
  power: 2000, damageType: 'Solar', locked: false, masterwork: false, quantity: 1, equipped: false, slotHash: 1, itemType: 3, classType: 3,
  location: { kind: 'vault', label: 'Vault' },
});
const items = [tile('Ace of Spades'), tile('Thorn')];
const halfTyped = (query: string) => isHalfTypedFilter(query, compileSearch(query, indexItems(items)), items);

describe('a half-typed filter', () => {
  it('is a last word that begins a filter key and, as a name, matches nothing', () => {
    expect(halfTyped('is')).toBe(true);
    expect(halfTyped('-is')).toBe(true);
    expect(halfTyped('pow')).toBe(true);
    expect(halfTyped('thorn is')).toBe(true);
  });

  it('is not a name that matches, a finished word, or a whole filter', () => {
    // "t" begins "type" and "tier" but finds Thorn by name: a real search.
    expect(halfTyped('t')).toBe(false);
    expect(halfTyped('is ')).toBe(false);
    expect(halfTyped('is:exotic')).toBe(false);
    expect(halfTyped('zzz')).toBe(false);
  });
});
