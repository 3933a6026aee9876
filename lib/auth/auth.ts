import 'server-only';
import NextAuth from 'next-auth';
import type { ServerResponse } from 'bungie-api-ts/core';
import type { UserMembershipData } from 'bungie-api-ts/user';
import { getConfig } from '@/lib/config';
import { identityFrom, platformName } from '@/lib/bungie/memberships';
import { getPrisma } from '@/lib/db/client';
import { membershipColumns } from '@/lib/memberships/profiles';
import { log } from '@/lib/server/log';
import { vaultAdapter, type UserWithAccount } from './adapter';
import { bungieProvider } from './bungie-provider';
import { SESSION_MAX_AGE, SESSION_UPDATE_AGE, sessionOf } from './session-callback';
import { dropCachedToken } from './session-cache';
import { endSessionOfAnotherAccount } from './sign-in-guard';
import { tokenColumns } from './token-columns';
import { resolveTokenKeys } from './token-crypto';

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
    session: { strategy: 'database', maxAge: SESSION_MAX_AGE, updateAge: SESSION_UPDATE_AGE },
    providers: [bungieProvider(config.bungie)],
    pages: { signIn: '/', error: '/auth/error' },
    callbacks: {
      // Runs before Auth.js reads the browser's session to decide whom to link the account to.
      async signIn({ account }) {
        if (account?.provider === 'bungie') await endSessionOfAnotherAccount(prisma, request?.headers.get('cookie') ?? null, account.providerAccountId);
        return true;
      },
      session: ({ session, user }) => sessionOf(prisma, user as UserWithAccount, session.expires, config.adminMembershipIds),
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
