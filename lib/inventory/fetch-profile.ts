import 'server-only';
import { getAccessToken } from '@/lib/auth/access-token';
import { asPlayer } from '@/lib/auth/as-player';
import { cachedPlayerOf } from '@/lib/auth/request-player';
import { getProfile } from '@/lib/bungie/destiny2';
import type { DestinyMembership, ProfileAnswer } from '@/lib/bungie/types';
import { getPrisma } from '@/lib/db/client';

/** The membership stored at sign-in (the cross-save primary), or null when the account has none. */
export async function destinyMembershipOf(userId: string): Promise<DestinyMembership | null> {
  // Cached with the request's session (lib/auth/session-cache.ts): no database read.
  const cached = cachedPlayerOf(userId);
  if (cached) return cached.destiny;
  const prisma = await getPrisma();
  const account = await prisma.account.findUnique({
    where: { userId_provider: { userId, provider: 'bungie' } },
    select: { destiny_membership_id: true, destiny_membership_type: true },
  });
  if (!account?.destiny_membership_id || account.destiny_membership_type === null) return null;
  return { membershipType: account.destiny_membership_type, membershipId: account.destiny_membership_id };
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
 * ONE GetProfile call for `components`, signed in as the user, through `asPlayer` (a refused
 * token is refreshed once and the call retried once); `token` is one already being read
 * (`profileReaderOf`). Throws `SessionEndedError` when the player must sign in again,
 * `BungieError` / `BungieUnavailableError` for everything Bungie says or fails to say.
 */
export async function fetchProfile(userId: string, membership: DestinyMembership, components: readonly number[], token?: Promise<string>): Promise<ProfileAnswer> {
  return asPlayer(userId, (accessToken) => getProfile(accessToken, membership, components), { token });
}
