import 'server-only';
import { asPlayer } from '@/lib/auth/as-player';
import { ErrorCode } from '@/lib/bungie/error-codes';
import { BungieError } from '@/lib/bungie/errors';
import { getItem } from '@/lib/bungie/destiny2';
import type { ItemAnswer } from '@/lib/bungie/types';
import { getConfig } from '@/lib/config';
import { AppError } from '@/lib/http/errors';
import { buildItemDetail, ITEM_DETAIL_COMPONENTS, itemDetailNeeds } from '@/lib/inventory/build/build-item-detail';
import { loadPageDefinitions } from '@/lib/inventory/definitions';
import { destinyMembershipOf, fetchProfile } from '@/lib/inventory/fetch-profile';
import { instanceIdsOf, isKnownItem, rememberItems } from '@/lib/inventory/known-items';
import type { ItemDetail } from '@/lib/inventory/types';

/** GetProfile components that list every item of the player (no instances: just ids). */
const OWNERSHIP_COMPONENTS = [102, 201, 205] as const;
// Bungie instance ids are int64 decimals.
const INSTANCE_ID = /^\d{1,20}$/;

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
    const ids = instanceIdsOf(await fetchProfile(userId, membership, OWNERSHIP_COMPONENTS));
    rememberItems(userId, ids);
    if (!ids.includes(instanceId)) throw notYours();
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
