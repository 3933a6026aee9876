import 'server-only';
import type { ProfileAnswer } from '@/lib/bungie/types';
import type { DestinyItemComponent } from 'bungie-api-ts/destiny2';

/**
 * Each player's item instance ids as seen in this process's recent GetProfile answers (the pages
 * and actions read them anyway), so the item detail route can check that an id is the player's
 * without another profile read. Instance ids never move between players, so a set that also
 * holds items since dismantled is still safe: Bungie then answers "not found". A miss means
 * "don't know" (another process, an expired entry), never "not theirs".
 */
const TTL_MS = 10 * 60_000;
// About 600 ids a player, ~50 bytes each: 500 players stay under ~15 MB.
const MAX_PLAYERS = 500;
const seen = new Map<string, { ids: Set<string>; at: number }>();

/** Every instanced item a profile answer lists (vault, account-wide, character inventories and equipment). */
export function instancedItemsOf(profile: ProfileAnswer): DestinyItemComponent[] {
  const lists = [
    profile.profileInventory?.data?.items ?? [],
    ...Object.values(profile.characterInventories?.data ?? {}).map((c) => c.items),
    ...Object.values(profile.characterEquipment?.data ?? {}).map((c) => c.items),
  ];
  return lists.flatMap((items) => items.filter((i) => i.itemInstanceId));
}

/** Every instance id a profile answer lists (vault, account-wide, character inventories and equipment). */
export function instanceIdsOf(profile: ProfileAnswer): string[] {
  return instancedItemsOf(profile).map((i) => i.itemInstanceId!);
}

/** Adds the instance ids a profile answer lists to what this process knows of the player's items. */
export function rememberItems(userId: string, ids: readonly string[], now = Date.now()): void {
  if (ids.length === 0) return;
  const entry = seen.get(userId);
  const fresh = entry && now - entry.at <= TTL_MS ? entry.ids : new Set<string>();
  for (const id of ids) fresh.add(id);
  // Re-inserted last: the Map's order is then least recently seen first.
  seen.delete(userId);
  seen.set(userId, { ids: fresh, at: now });
  if (seen.size > MAX_PLAYERS) seen.delete(seen.keys().next().value!);
}

/** True when this process saw the instance among the player's items lately; false when it does not know. */
export function isKnownItem(userId: string, instanceId: string, now = Date.now()): boolean {
  const entry = seen.get(userId);
  return entry !== undefined && now - entry.at <= TTL_MS && entry.ids.has(instanceId);
}

/**
 * True when this process read the player's whole item list within `withinMs`: an id missing from
 * it is then made up (or long gone) and can be refused without asking Bungie again. A recent
 * window only, so an item that dropped since is found by the next read.
 */
export function readItemsLately(userId: string, withinMs: number, now = Date.now()): boolean {
  const entry = seen.get(userId);
  return entry !== undefined && now - entry.at <= withinMs;
}

/** Forgets everything (tests). */
export function forgetKnownItems(): void {
  seen.clear();
}
