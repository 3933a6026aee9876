import 'server-only';
import { asPlayer } from '@/lib/auth/as-player';
import { ErrorCode } from '@/lib/bungie/error-codes';
import { BungieError } from '@/lib/bungie/errors';
import { getItem } from '@/lib/bungie/destiny2';
import type { DestinyMembership, ItemAnswer } from '@/lib/bungie/types';
import { getConfig } from '@/lib/config';
import { AppError } from '@/lib/http/errors';
import { buildItemDetail, ITEM_DETAIL_COMPONENTS, itemDetailNeeds } from '@/lib/inventory/build/build-item-detail';
import { loadPageDefinitions } from '@/lib/inventory/definitions';
import { destinyMembershipOf, fetchProfile } from '@/lib/inventory/fetch-profile';
import { instanceIdsOf, isKnownItem, readItemsLately, rememberItems } from '@/lib/inventory/known-items';
import type { ItemDetail } from '@/lib/inventory/types';

/** GetProfile components that list every item of the player (no instances: just ids). */
const OWNERSHIP_COMPONENTS = [102, 201, 205] as const;
// Bungie instance ids are int64 decimals.
const INSTANCE_ID = /^\d{1,20}$/;

// An id missing from a profile read this recently is refused from memory (issue 17: 300 made-up
// ids cost 300 GetProfile calls); after that, one read refreshes the list.
const NEGATIVE_WINDOW_MS = 30_000;

// One ownership read per player at a time: 30 concurrent requests share it.
const reading = new Map<string, Promise<string[]>>();

function ownedIds(userId: string, membership: DestinyMembership): Promise<string[]> {
  let read = reading.get(userId);
  if (!read) {
    read = fetchProfile(userId, membership, OWNERSHIP_COMPONENTS)
      .then((profile) => {
        const ids = instanceIdsOf(profile);
        rememberItems(userId, ids);
        return ids;
      })
      .finally(() => reading.delete(userId));
    reading.set(userId, read);
  }
  return read;
}

const notYours = () => new AppError('unknown_item');

/**
 * Stats and perks of one of the player's instanced items, for its detail sheet: ONE GetItem
 * (components 300, 304, 305, 310) and one batched definitions read. The id must be the player's:
 * known from this process's recent profile reads, else checked with one small GetProfile (item
 * lists only); a foreign or forged id answers 404 and never reaches GetItem. Throws `AppError`
 * (400, 404, 503 no manifest), `SessionEndedError`, `BungieError` or `BungieUnavailableError`.
 */
export async function loadItemDetail(userId: string, instanceId: string): Promise<ItemDetail> {
  if (!INSTANCE_ID.test(instanceId)) throw new AppError('invalid_item_id');
  const membership = await destinyMembershipOf(userId);
  if (!membership) throw new AppError('no_destiny_account');
  if (!isKnownItem(userId, instanceId)) {
    if (readItemsLately(userId, NEGATIVE_WINDOW_MS)) throw notYours();
    if (!(await ownedIds(userId, membership)).includes(instanceId)) throw notYours();
  }
  let answer: ItemAnswer;
  try {
    answer = await asPlayer(userId, (accessToken) => getItem(accessToken, membership, instanceId, ITEM_DETAIL_COMPONENTS));
  } catch (error) {
    // Dismantled or moved off the account since the page was read.
    if (error instanceof BungieError && error.code === ErrorCode.DestinyItemNotFound) throw new AppError('item_gone');
    throw error;
  }
  const defs = await loadPageDefinitions(itemDetailNeeds(answer));
  if (!defs) throw new AppError('no_manifest');
  return buildItemDetail(instanceId, answer, defs, { iconOrigin: getConfig().bungie.origin });
}
