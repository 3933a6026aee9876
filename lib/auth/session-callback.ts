import 'server-only';
import type { Session } from 'next-auth';
import { platformName } from '@/lib/bungie/memberships';
import type { PrismaClient } from '@/lib/db/client';
import type { SessionAccount, UserWithAccount } from './adapter';

/** A session's life (Bungie refresh tokens live 90 days), and how often its end moves on while in use. */
export const SESSION_MAX_AGE = 90 * 24 * 60 * 60;
export const SESSION_UPDATE_AGE = 24 * 60 * 60;

async function bungieAccountOf(prisma: PrismaClient, userId: string): Promise<SessionAccount | undefined> {
  const account = await prisma.account.findUnique({
    where: { userId_provider: { userId, provider: 'bungie' } },
    select: { providerAccountId: true, destiny_membership_type: true, needs_reauth: true },
  });
  return account ? { providerAccountId: account.providerAccountId, destinyMembershipType: account.destiny_membership_type, needsReauth: account.needs_reauth } : undefined;
}

/**
 * What the app knows of a session's player (Auth.js's session callback, and lib/auth/page-session.ts
 * which reads a page's session the same way without Auth.js's handler): a new object, so the session
 * row's token stays on the server. `expires`: the session row's end (Auth.js passes the row's Date and
 * answers its ISO string; the page's read passes that string).
 */
export async function sessionOf(prisma: PrismaClient, user: UserWithAccount, expires: Session['expires'], adminMembershipIds: readonly string[]): Promise<Session> {
  // Read with the session in one query (adapter.ts); asked separately only for a user without it.
  const account = user.bungieAccount ?? (await bungieAccountOf(prisma, user.id));
  const membershipId = account?.providerAccountId ?? '';
  return {
    expires,
    user: {
      id: user.id,
      name: user.name ?? 'Guardian',
      image: user.image ?? null,
      platform: platformName(account?.destinyMembershipType),
      isAdmin: membershipId !== '' && adminMembershipIds.includes(membershipId),
      needsReauth: account?.needsReauth ?? true,
    },
  };
}
