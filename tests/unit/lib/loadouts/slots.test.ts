import { describe, expect, it } from 'vitest';
import { findConflicts } from '@/lib/loadouts/slots';

const KINETIC = 1498876634;
const ENERGY = 2465295065;
const POWER = 953998645;
const HELMET = 3448274439;
const CHEST = 14239492;

describe('findConflicts', () => {
  it('finds none in a set with one item per slot and one exotic per group', () => {
    const set = [
      { itemId: '1', bucketHash: KINETIC, uniqueLabel: 'exotic_weapon' },
      { itemId: '2', bucketHash: ENERGY, uniqueLabel: '' },
      { itemId: '3', bucketHash: HELMET, uniqueLabel: 'exotic_armor' },
    ];
    expect(findConflicts(set).size).toBe(0);
  });

  it('keeps the first item of a slot and names the slot for the second', () => {
    const conflicts = findConflicts([
      { itemId: '1', bucketHash: KINETIC, uniqueLabel: '' },
      { itemId: '2', bucketHash: KINETIC, uniqueLabel: '' },
    ]);
    expect([...conflicts]).toEqual([['2', 'Another item in this loadout goes in the same slot (Kinetic Weapons).']]);
  });

  it('refuses a second exotic weapon and a second exotic armour piece, not an exotic of each', () => {
    const conflicts = findConflicts([
      { itemId: '1', bucketHash: KINETIC, uniqueLabel: 'exotic_weapon' },
      { itemId: '2', bucketHash: HELMET, uniqueLabel: 'exotic_armor' },
      { itemId: '3', bucketHash: POWER, uniqueLabel: 'exotic_weapon' },
      { itemId: '4', bucketHash: CHEST, uniqueLabel: 'exotic_armor' },
    ]);
    expect(conflicts.get('3')).toMatch(/already has an exotic weapon/);
    expect(conflicts.get('4')).toMatch(/already has an exotic armour piece/);
    expect([...conflicts.keys()]).toEqual(['3', '4']);
  });

  it('a refused item does not block its slot or group for later ones', () => {
    // The second kinetic is refused for its slot, so its exotic label does not count against the power weapon.
    const conflicts = findConflicts([
      { itemId: '1', bucketHash: KINETIC, uniqueLabel: '' },
      { itemId: '2', bucketHash: KINETIC, uniqueLabel: 'exotic_weapon' },
      { itemId: '3', bucketHash: POWER, uniqueLabel: 'exotic_weapon' },
    ]);
    expect([...conflicts.keys()]).toEqual(['2']);
  });

  it('says "the same slot" without a name for a bucket it does not know', () => {
    const conflicts = findConflicts([
      { itemId: '1', bucketHash: 42, uniqueLabel: '' },
      { itemId: '2', bucketHash: 42, uniqueLabel: '' },
    ]);
    expect(conflicts.get('2')).toBe('Another item in this loadout goes in the same slot.');
  });
});
