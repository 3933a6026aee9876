import 'server-only';
import { getAccessToken } from '@/lib/auth/access-token';
import { asPlayer } from '@/lib/auth/as-player';
import { cachedPlayerOf } from '@/lib/auth/request-player';
import { getProfile } from '@/lib/bungie/destiny2';
import { ErrorCode } from '@/lib/bungie/error-codes';
import { BungieError } from '@/lib/bungie/errors';
import type { DestinyMembership, ProfileAnswer } from '@/lib/bungie/types';
import { activeMembership, replaceStaleChoice } from '@/lib/memberships/profiles';

/**
 * The Destiny membership to read: the profile the player chose in the switcher while Bungie still
 * lists it, else the default stored at sign-in (lib/memberships); null when the account has none.
 */
export async function destinyMembershipOf(userId: string): Promise<DestinyMembership | null> {
  // Cached with the request's session (lib/auth/session-cache.ts): no database read. The entry
  // holds the profile in use when it was cached; a switch drops it (lib/memberships/profiles.ts).
  const cached = cachedPlayerOf(userId);
  if (cached) return cached.destiny;
  return activeMembership(userId);
}

/** A page's player: the membership, and the access token read at the same time (`fetchProfile` takes it). */
export type ProfileReader = { membership: DestinyMembership; token: Promise<string> };

/**
 * The membership and, in the same moment, the access token: a page's two reads of the player's
 * account row go to the database side by side instead of one after the other (one round trip
 * less before GetProfile). Null when the account has no Destiny membership; a token read that
 * fails surfaces where `fetchProfile` awaits it.
 */
export async function profileReaderOf(userId: string): Promise<ProfileReader | null> {
  const token = getAccessToken(userId);
  // Awaited by fetchProfile; without a membership nobody awaits it, and its failure does not matter.
  token.catch(() => undefined);
  const membership = await destinyMembershipOf(userId);
  return membership ? { membership, token } : null;
}

/**
 * Runs `read` on `membership`; when Bungie answers that it has no such profile
 * (DestinyAccountNotFound) and it was the player's choice (cross-save turned on since, an account
 * unlinked), the choice is dropped and `read` runs once on the default profile instead — no
 * error page (lib/memberships).
 */
export async function onProfile<T>(userId: string, membership: DestinyMembership, read: (membership: DestinyMembership) => Promise<T>): Promise<T> {
  try {
    return await read(membership);
  } catch (error) {
    if (!(error instanceof BungieError && error.code === ErrorCode.DestinyAccountNotFound)) throw error;
    const instead = await replaceStaleChoice(userId, membership);
    if (!instead) throw error;
    return read(instead);
  }
}

/**
 * ONE GetProfile call for `components`, signed in as the user, through `asPlayer` (a refused
 * token is refreshed once and the call retried once); `token` is one already being read
 * (`profileReaderOf`). Throws `SessionEndedError` when the player must sign in again,
 * `BungieError` / `BungieUnavailableError` for everything Bungie says or fails to say.
 */
export async function fetchProfile(userId: string, membership: DestinyMembership, components: readonly number[], token?: Promise<string>): Promise<ProfileAnswer> {
  return onProfile(userId, membership, (m) => asPlayer(userId, (accessToken) => getProfile(accessToken, m, components), m === membership ? { token } : undefined));
}
