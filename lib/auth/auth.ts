import 'server-only';
import NextAuth, { type Session } from 'next-auth';
import type { ServerResponse } from 'bungie-api-ts/core';
import type { UserMembershipData } from 'bungie-api-ts/user';
import { getConfig } from '@/lib/config';
import { identityFrom, platformName } from '@/lib/bungie/memberships';
import { getPrisma } from '@/lib/db/client';
import { membershipColumns } from '@/lib/memberships/profiles';
import { log } from '@/lib/server/log';
import { vaultAdapter, type SessionAccount, type UserWithAccount } from './adapter';
import { bungieProvider } from './bungie-provider';
import { dropCachedToken } from './session-cache';
import { endSessionOfAnotherAccount } from './sign-in-guard';
import { tokenColumns } from './token-columns';
import { resolveTokenKeys } from './token-crypto';

const NINETY_DAYS = 90 * 24 * 60 * 60;

async function bungieAccountOf(prisma: Awaited<ReturnType<typeof getPrisma>>, userId: string): Promise<SessionAccount | undefined> {
  const account = await prisma.account.findUnique({
    where: { userId_provider: { userId, provider: 'bungie' } },
    select: { providerAccountId: true, destiny_membership_type: true, needs_reauth: true },
  });
  return account ? { providerAccountId: account.providerAccountId, destinyMembershipType: account.destiny_membership_type, needsReauth: account.needs_reauth } : undefined;
}

/**
 * Auth.js with Bungie and database sessions (a session can be revoked by deleting its row).
 * Built per request from configuration, so the Prisma client (and the embedded database) start
 * lazily and the simulator can stand in for bungie.net.
 */
export const { handlers, auth, signIn, signOut } = NextAuth(async (request) => {
  const config = getConfig();
  const prisma = await getPrisma();
  const keys = resolveTokenKeys(config.tokenKeys, config.authSecret);
  return {
    adapter: vaultAdapter(prisma, keys),
    secret: config.authSecret,
    trustHost: true,
    // Bungie refresh tokens live 90 days: so does the session, renewed daily while in use.
    session: { strategy: 'database', maxAge: NINETY_DAYS, updateAge: 24 * 60 * 60 },
    providers: [bungieProvider(config.bungie)],
    pages: { signIn: '/', error: '/auth/error' },
    callbacks: {
      // Runs before Auth.js reads the browser's session to decide whom to link the account to.
      async signIn({ account }) {
        if (account?.provider === 'bungie') await endSessionOfAnotherAccount(prisma, request?.headers.get('cookie') ?? null, account.providerAccountId);
        return true;
      },
      async session({ session, user }) {
        // Read with the session in one query (adapter.ts); asked separately only for a user without it.
        const account = (user as UserWithAccount).bungieAccount ?? (await bungieAccountOf(prisma, user.id));
        const membershipId = account?.providerAccountId ?? '';
        // A new object: the session row's token and user id stay on the server.
        const result: Session = {
          expires: session.expires,
          user: {
            id: user.id,
            name: user.name ?? 'Guardian',
            image: user.image ?? null,
            platform: platformName(account?.destinyMembershipType),
            isAdmin: membershipId !== '' && config.adminMembershipIds.includes(membershipId),
            needsReauth: account?.needsReauth ?? true,
          },
        };
        return result;
      },
    },
    events: {
      // Auth.js links tokens only on the first sign-in; store each new pair (and the Destiny
      // membership, which may change with cross-save) on every sign-in.
      async signIn({ user, account, profile }) {
        if (!account || account.provider !== 'bungie' || !account.access_token || !account.refresh_token) return;
        const answer = profile as unknown as ServerResponse<UserMembershipData>;
        const identity = identityFrom(answer, config.bungie.origin);
        const destiny = await membershipColumns(answer.Response);
        await prisma.account.update({
          where: { provider_providerAccountId: { provider: 'bungie', providerAccountId: account.providerAccountId } },
          data: {
            ...tokenColumns(
              {
                accessToken: account.access_token,
                refreshToken: account.refresh_token,
                accessExpiresAt: account.expires_at ?? 0,
                refreshExpiresAt: Number(account.refresh_expires_at ?? 0),
                membershipId: account.providerAccountId,
              },
              keys,
            ),
            bungie_membership_id: identity.bungieMembershipId,
            ...destiny,
          },
        });
        // A new pair: the session cache must not hand out the one it replaces.
        if (user.id) await dropCachedToken(user.id);
        log.info(`Signed in: user ${user.id ?? '?'} (${destiny.destiny_membership_type !== null ? platformName(destiny.destiny_membership_type) : 'no Destiny account'}${destiny.destiny_memberships.length > 1 ? `, ${destiny.destiny_memberships.length} Destiny profiles` : ''}).`);
      },
    },
    logger: {
      // Auth.js errors can carry request details; log the kind only, never a token.
      error: (error) => log.warn(`Auth.js: ${error.name}${'type' in error ? ` (${String(error.type)})` : ''}`),
      warn: (code) => log.warn(`Auth.js warning: ${code}`),
      debug: () => undefined,
    },
  };
});
