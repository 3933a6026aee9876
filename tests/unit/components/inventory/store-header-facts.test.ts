import { describe, expect, it } from 'vitest';
import { postmasterWarning } from '@/components/inventory/store-columns';
import type { ItemTile } from '@/lib/inventory/types';
import { maxPowersOf } from '@/lib/search/evaluate';

// What the inventory screen's character headers and postmaster boxes say (issue 18): the max power
// from every store's items, and the postmaster's warning as it fills.
const TITAN = '2305843009000000010';
const HUNTER = '2305843009000000011';
const SLOTS = [1498876634, 2465295065, 953998645, 3448274439, 3551918588, 14239492, 20886954, 1585787867];
let n = 0;
function gear(slotHash: number, power: number, where: ItemTile['location'], extra: Partial<ItemTile> = {}): ItemTile {
  n += 1;
  const id = `69175290000000${String(n).padStart(5, '0')}`;
  const weapon = SLOTS.indexOf(slotHash) < 3;
  return {
    key: id, hash: 1000 + n, instanceId: id, known: true, name: `item ${n}`, iconUrl: null, tier: 'legendary', tierName: 'Legendary', typeName: weapon ? 'Hand Cannon' : 'Helmet',
    power, damageType: weapon ? 'Solar' : null, locked: false, masterwork: false, quantity: 1, equipped: false, slotHash, itemType: weapon ? 3 : 2, classType: weapon ? 3 : 0,
    location: where, ...extra,
  };
}
const onTitan: ItemTile['location'] = { kind: 'inventory', label: 'Titan', characterId: TITAN };
const vault: ItemTile['location'] = { kind: 'vault', label: 'Vault' };

describe('a character header’s max power', () => {
  it('takes the best item per slot from any store, but not from the postmaster, nor another class’s armour', () => {
    const worn = SLOTS.map((slot) => gear(slot, 2000, onTitan, { equipped: true }));
    expect(maxPowersOf(worn)(TITAN, 0)).toBe(2000);
    // One slot better in the vault: +80 / 8 slots = +10.
    const better = gear(SLOTS[0]!, 2080, vault);
    expect(maxPowersOf([...worn, better])(TITAN, 0)).toBe(2010);
    // A better helmet at the postmaster must be pulled first; a Hunter's helmet is not the Titan's.
    const waiting = gear(SLOTS[3]!, 2400, { kind: 'postmaster', label: 'Postmaster', characterId: TITAN });
    const huntersHelmet = gear(SLOTS[3]!, 2400, { kind: 'inventory', label: 'Hunter', characterId: HUNTER }, { classType: 1 });
    expect(maxPowersOf([...worn, better, waiting, huntersHelmet])(TITAN, 0)).toBe(2010);
    // The Hunter, with only weapons usable, averages its three weapon slots over eight.
    expect(maxPowersOf([...worn, better])(HUNTER, 1)).toBe(Math.floor((2080 + 2000 + 2000) / 8));
  });
});

describe('the postmaster box', () => {
  it('says nothing while it has room, warns from four places left, and says when it is full', () => {
    expect(postmasterWarning(3, 21)).toBeNull();
    expect(postmasterWarning(16, 21)).toBeNull();
    expect(postmasterWarning(17, 21)).toBe('Only 4 places left at the postmaster: pull items before it fills and the oldest are lost.');
    expect(postmasterWarning(20, 21)).toBe('Only 1 place left at the postmaster: pull items before it fills and the oldest are lost.');
    expect(postmasterWarning(21, 21)).toBe('The postmaster is full: new drops push the oldest items out for good. Pull items now.');
  });
});
