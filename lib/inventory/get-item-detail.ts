import 'server-only';
import { asPlayer } from '@/lib/auth/as-player';
import { ErrorCode } from '@/lib/bungie/error-codes';
import { BungieError } from '@/lib/bungie/errors';
import { bungieFetch } from '@/lib/bungie/http';
import { getConfig } from '@/lib/config';
import { AppError } from '@/lib/http/errors';
import { buildItemDetail, ITEM_DETAIL_COMPONENTS, itemDetailNeeds, type ItemAnswer } from './build-item-detail';
import { loadPageDefinitions } from './definitions';
import { destinyMembershipOf, fetchProfile, type DestinyMembership } from './fetch-profile';
import { instanceIdsOf, isKnownItem, readItemsLately, rememberItems } from './known-items';
import type { ItemDetail } from './types';

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

const notYours = () => new AppError('unknown_item', 404, 'That item is not in your inventory.');

/**
 * Stats and perks of one of the player's instanced items, for its detail sheet: ONE GetItem
 * (components 300, 304, 305, 310) and one batched definitions read. The id must be the player's:
 * known from this process's recent profile reads, else checked with one small GetProfile (item
 * lists only); a foreign or forged id answers 404 and never reaches GetItem. Throws `AppError`
 * (400, 404, 503 no manifest), `SessionEndedError`, `BungieError` or `BungieUnavailableError`.
 */
export async function getItemDetail(userId: string, instanceId: string): Promise<ItemDetail> {
  if (!INSTANCE_ID.test(instanceId)) throw new AppError('invalid_item_id', 400, 'An item id is a number of up to 20 digits.');
  const membership = await destinyMembershipOf(userId);
  if (!membership) throw new AppError('no_destiny_account', 404, 'This Bungie.net account has no Destiny 2 characters yet.');
  if (!isKnownItem(userId, instanceId)) {
    if (readItemsLately(userId, NEGATIVE_WINDOW_MS)) throw notYours();
    if (!(await ownedIds(userId, membership)).includes(instanceId)) throw notYours();
  }
  let answer: ItemAnswer;
  try {
    answer = await asPlayer(userId, (accessToken) =>
      bungieFetch<ItemAnswer>({
        path: `/Destiny2/${membership.membershipType}/Profile/${membership.membershipId}/Item/${instanceId}/`,
        query: { components: ITEM_DETAIL_COMPONENTS.join(',') },
        accessToken,
      }),
    );
  } catch (error) {
    // Dismantled or moved off the account since the page was read.
    if (error instanceof BungieError && error.code === ErrorCode.DestinyItemNotFound) throw new AppError('item_gone', 404, 'That item is no longer in your inventory. Refresh the page.');
    throw error;
  }
  const defs = await loadPageDefinitions(itemDetailNeeds(answer));
  if (!defs) throw new AppError('no_manifest', 503, 'The item database is still loading. Try again in a minute.');
  return buildItemDetail(instanceId, answer, defs, { iconOrigin: getConfig().bungie.origin });
}
