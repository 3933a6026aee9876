import 'server-only';
import { asPlayer } from '@/lib/auth/as-player';
import { bungieFetch } from '@/lib/bungie/http';
import { getPrisma } from '@/lib/db/client';
import type { ProfileAnswer } from './tiles';

/** The Destiny membership a player's inventory lives on. */
export type DestinyMembership = { membershipType: number; membershipId: string };

/** The membership stored at sign-in (the cross-save primary), or null when the account has none. */
export async function destinyMembershipOf(userId: string): Promise<DestinyMembership | null> {
  const prisma = await getPrisma();
  const account = await prisma.account.findUnique({
    where: { userId_provider: { userId, provider: 'bungie' } },
    select: { destiny_membership_id: true, destiny_membership_type: true },
  });
  if (!account?.destiny_membership_id || account.destiny_membership_type === null) return null;
  return { membershipType: account.destiny_membership_type, membershipId: account.destiny_membership_id };
}

/**
 * ONE GetProfile call for `components`, signed in as the user. When Bungie refuses the token
 * (HTTP 401 or AccessTokenHasExpired) it refreshes it once and retries once. Throws
 * `SessionEndedError` when the player must sign in again, `BungieError` /
 * `BungieUnavailableError` for everything Bungie says or fails to say.
 */
export async function fetchProfile(userId: string, membership: DestinyMembership, components: readonly number[]): Promise<ProfileAnswer> {
  const call = (accessToken: string) =>
    bungieFetch<ProfileAnswer>({
      path: `/Destiny2/${membership.membershipType}/Profile/${membership.membershipId}/`,
      query: { components: components.join(',') },
      accessToken,
    });
  return asPlayer(userId, call);
}
