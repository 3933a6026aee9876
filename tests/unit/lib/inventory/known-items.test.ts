import { beforeEach, describe, expect, it } from 'vitest';
import { forgetKnownItems, instanceIdsOf, isKnownItem, rememberItems } from '@/lib/inventory/known-items';
import type { ProfileAnswer } from '@/lib/bungie/types';

const item = (id?: string) => ({ itemHash: 1, quantity: 1, ...(id ? { itemInstanceId: id } : {}) });

describe('known items', () => {
  beforeEach(forgetKnownItems);

  it('lists the instance ids of the vault, the character inventories and the equipment, not stacks', () => {
    const profile = {
      profileInventory: { data: { items: [item('1'), item()] } },
      characterInventories: { data: { a: { items: [item('2')] }, b: { items: [item('3')] } } },
      characterEquipment: { data: { a: { items: [item('4')] } } },
    } as unknown as ProfileAnswer;
    expect(instanceIdsOf(profile).sort()).toEqual(['1', '2', '3', '4']);
  });

  it('adds what each page saw, per player, and forgets a player after ten quiet minutes', () => {
    rememberItems('p1', ['1', '2'], 0);
    rememberItems('p1', ['3'], 60_000);
    expect(['1', '2', '3'].map((id) => isKnownItem('p1', id, 120_000))).toEqual([true, true, true]);
    expect(isKnownItem('p2', '1', 120_000)).toBe(false);
    expect(isKnownItem('p1', '1', 60_000 + 10 * 60_000 + 1)).toBe(false);
    // A read after the entry expired starts afresh rather than reviving old ids.
    rememberItems('p1', ['9'], 60_000 + 11 * 60_000);
    expect(isKnownItem('p1', '1', 60_000 + 11 * 60_000)).toBe(false);
    expect(isKnownItem('p1', '9', 60_000 + 11 * 60_000)).toBe(true);
  });

  it('keeps at most 500 players, dropping the least recently seen', () => {
    for (let i = 0; i < 501; i++) rememberItems(`p${i}`, ['1'], i);
    expect(isKnownItem('p0', '1', 600)).toBe(false);
    expect(isKnownItem('p1', '1', 600)).toBe(true);
    expect(isKnownItem('p500', '1', 600)).toBe(true);
  });
});
