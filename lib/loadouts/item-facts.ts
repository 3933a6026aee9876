import 'server-only';
import { getConfig } from '@/lib/config';
import { loadPageDefinitions } from '@/lib/inventory/definitions';
import { absoluteUrl } from '@/lib/inventory/build/tiles';
import type { Tier } from '@/lib/inventory/types';
import type { BucketDefinition, ItemDefinition } from '@/lib/manifest/types';
import { log } from '@/lib/server/log';
import { LOADOUT_BUCKETS } from './slots';

const TIERS: Record<number, Tier> = { 1: 'currency', 2: 'common', 3: 'uncommon', 4: 'rare', 5: 'legendary', 6: 'exotic' };

/** What loadouts need to know about an item hash, from the manifest (placeholders when it lacks it). */
export type ItemFacts = {
  name: string;
  iconUrl: string | null;
  tier: Tier;
  /** "exotic_weapon", "exotic_armor" or ''. */
  uniqueLabel: string;
  /** Who can use it: 0 Titan, 1 Hunter, 2 Warlock, 3 anyone. */
  classType: number;
  /** The slot it goes in, or undefined when the manifest does not say. */
  bucketHash: number | undefined;
  /**
   * Whether the game lets it change characters (through the vault): not when its definition says
   * `nonTransferrable` or its slot's bucket has no transfer destination (emblems, in Bungie's
   * bucket table). True when the manifest does not say: Bungie then refuses with its own reason.
   */
  transferable: boolean;
};

function factsOf(hash: number, def: ItemDefinition | undefined, buckets: ReadonlyMap<number, BucketDefinition> | undefined, iconOrigin: string): ItemFacts {
  if (!def || def.redacted) return { name: `Unknown item ${hash}`, iconUrl: null, tier: 'unknown', uniqueLabel: '', classType: 3, bucketHash: undefined, transferable: true };
  return {
    name: def.name || `Item ${hash}`,
    iconUrl: absoluteUrl(iconOrigin, def.icon),
    tier: TIERS[def.tierType] ?? 'unknown',
    uniqueLabel: def.uniqueLabel,
    classType: def.classType,
    bucketHash: def.bucketTypeHash || undefined,
    transferable: !def.nonTransferrable && buckets?.get(def.bucketTypeHash)?.hasTransferDestination !== false,
  };
}

/**
 * Facts for every hash in ONE batched definitions read. Without a manifest yet (or when the store
 * fails) every item gets a placeholder: a loadout stays usable, only less well described.
 */
export async function loadItemFacts(hashes: readonly number[]): Promise<(hash: number) => ItemFacts> {
  const iconOrigin = getConfig().bungie.origin;
  // The loadout slots' buckets ride along in the same read: whether each lets items change characters.
  const defs = await loadPageDefinitions({ items: hashes, buckets: [...LOADOUT_BUCKETS.keys()] }).catch((error: unknown) => {
    log.warn(`Loadouts: item definitions could not be read (${error instanceof Error ? error.message : String(error)}); showing placeholders.`);
    return null;
  });
  return (hash) => factsOf(hash, defs?.items.get(hash), defs?.buckets, iconOrigin);
}
