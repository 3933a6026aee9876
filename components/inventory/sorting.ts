import type { ItemTile, Tier } from '@/lib/inventory/types';

/** The orders a player can pick. */
export type SortKey = 'tier' | 'power' | 'name' | 'type';

export const SORT_LABELS: Record<SortKey, string> = { tier: 'Rarity', power: 'Power', name: 'Name', type: 'Type' };

const TIER_RANK: Record<Tier, number> = { exotic: 6, legendary: 5, rare: 4, uncommon: 3, common: 2, currency: 1, unknown: 0 };

// One collator for every comparison: `localeCompare` sets one up per call, which made a sort of a
// page's tiles cost tens of milliseconds on a phone.
const collator = new Intl.Collator();
const byName = (a: ItemTile, b: ItemTile) => collator.compare(a.name, b.name);
const byPower = (a: ItemTile, b: ItemTile) => (b.power ?? -1) - (a.power ?? -1);
const byTier = (a: ItemTile, b: ItemTile) => TIER_RANK[b.tier] - TIER_RANK[a.tier];
const byType = (a: ItemTile, b: ItemTile) => collator.compare(a.typeName, b.typeName);

const ORDERS: Record<SortKey, ((a: ItemTile, b: ItemTile) => number)[]> = {
  tier: [byTier, byPower, byName],
  power: [byPower, byTier, byName],
  name: [byName, byPower],
  type: [byType, byTier, byPower, byName],
};

/** A sorted copy; an equipped item stays first whatever the order (it is the slot's headline). */
export function sortTiles(tiles: readonly ItemTile[], key: SortKey): ItemTile[] {
  const order = ORDERS[key];
  return [...tiles].sort((a, b) => {
    if (a.equipped !== b.equipped) return a.equipped ? -1 : 1;
    for (const compare of order) {
      const d = compare(a, b);
      if (d !== 0) return d;
    }
    return 0;
  });
}

/**
 * The tiles of `sorted` that `matches` keeps, in its order (a stable sort: the same as sorting the
 * matches), or `sorted` itself when it keeps them all — so a search only filters, never sorts, and
 * a grid whose list did not change is handed the same array.
 */
export function keepSorted(sorted: ItemTile[], matches: (tile: ItemTile) => boolean): ItemTile[] {
  const kept = sorted.filter(matches);
  return kept.length === sorted.length ? sorted : kept;
}
