/**
 * Which equipped items a loadout keeps, and which of its items cannot be equipped together.
 * Pure functions over hashes: no Bungie, no database.
 */

/**
 * The slots a loadout saves (Bungie inventory bucket hashes): three weapons, five armour pieces,
 * ghost, sparrow, ship and emblem. Subclasses, finishers, emotes and the artifact stay out: they
 * never leave their character, so moving them between characters cannot work.
 */
export const LOADOUT_BUCKETS: ReadonlyMap<number, string> = new Map([
  [1498876634, 'Kinetic Weapons'],
  [2465295065, 'Energy Weapons'],
  [953998645, 'Power Weapons'],
  [3448274439, 'Helmet'],
  [3551918588, 'Gauntlets'],
  [14239492, 'Chest Armor'],
  [20886954, 'Leg Armor'],
  [1585787867, 'Class Armor'],
  [4023194814, 'Ghost'],
  [2025709351, 'Vehicle'],
  [284967655, 'Ships'],
  [4274335291, 'Emblems'],
]);

/** What the conflict check needs to know about one item. */
export type SlotFacts = {
  itemId: string;
  /** The slot it is equipped in. */
  bucketHash: number;
  /** The game's equip-exclusivity group ("exotic_weapon", "exotic_armor"), '' for none. */
  uniqueLabel: string;
};

/** Why a loadout item cannot go on with the others, in the player's words. */
function uniqueReason(label: string): string {
  if (label === 'exotic_weapon') return 'This loadout already has an exotic weapon, and only one can be equipped at a time.';
  if (label === 'exotic_armor') return 'This loadout already has an exotic armour piece, and only one can be equipped at a time.';
  return 'This loadout already has an item the game allows only one of at a time.';
}

/**
 * The items that clash with an earlier item of the same list: a second item for one slot, or a
 * second item of one exclusivity group (two exotic weapons). The first one keeps its place; each
 * later one maps to the reason it cannot be equipped with it.
 */
export function findConflicts(items: readonly SlotFacts[]): Map<string, string> {
  const slots = new Set<number>();
  const labels = new Set<string>();
  const conflicts = new Map<string, string>();
  for (const item of items) {
    if (slots.has(item.bucketHash)) {
      const slot = LOADOUT_BUCKETS.get(item.bucketHash);
      conflicts.set(item.itemId, `Another item in this loadout goes in the same slot${slot ? ` (${slot})` : ''}.`);
    } else if (item.uniqueLabel && labels.has(item.uniqueLabel)) {
      conflicts.set(item.itemId, uniqueReason(item.uniqueLabel));
    } else {
      slots.add(item.bucketHash);
      if (item.uniqueLabel) labels.add(item.uniqueLabel);
    }
  }
  return conflicts;
}
