import 'server-only';
import { asPlayer } from '@/lib/auth/as-player';
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
  return activeMembership(userId);
}

/**
 * ONE GetProfile call for `components`, signed in as the user, through `asPlayer` (a refused
 * token is refreshed once and the call retried once). Throws
 * `SessionEndedError` when the player must sign in again, `BungieError` /
 * `BungieUnavailableError` for everything Bungie says or fails to say.
 */
export async function fetchProfile(userId: string, membership: DestinyMembership, components: readonly number[]): Promise<ProfileAnswer> {
  try {
    return await asPlayer(userId, (accessToken) => getProfile(accessToken, membership, components));
  } catch (error) {
    // A chosen profile Bungie no longer has (cross-save turned on, an account unlinked): the
    // default one is read instead, without an error page (lib/memberships).
    if (!(error instanceof BungieError && error.code === ErrorCode.DestinyAccountNotFound)) throw error;
    const instead = await replaceStaleChoice(userId, membership);
    if (!instead) throw error;
    return asPlayer(userId, (accessToken) => getProfile(accessToken, instead, components));
  }
}
