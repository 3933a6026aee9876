import 'server-only';
import { PrismaAdapter } from '@auth/prisma-adapter';
import type { Adapter, AdapterAccount, AdapterSession, AdapterUser } from 'next-auth/adapters';
import type { TokenKey } from '@/lib/config';
import type { PrismaClient } from '@/lib/db/client';
import { forgetSession, newSessionToken } from './session-cache';
import { encryptToken } from './token-crypto';

/** The Bungie account facts the session callback needs, read with the session (see `getSessionAndUser`). */
export type SessionAccount = { providerAccountId: string; destinyMembershipType: number | null; needsReauth: boolean };

/** The user Auth.js hands the session callback: with its Bungie account when it has one. */
export type UserWithAccount = AdapterUser & { bungieAccount?: SessionAccount };

type SessionRow = {
  session_token: string; user_id: string; expires: Date;
  name: string | null; email: string | null; email_verified: Date | null; image: string | null;
  provider_account_id: string | null; destiny_membership_type: number | null; needs_reauth: boolean | null;
};

/**
 * Prisma's Auth.js adapter, except that Bungie tokens are encrypted before they reach the
 * database (no row ever holds a plaintext token), and that a page's session lookup — on every
 * signed-in page view — reads the session, its user and their Bungie account in ONE query
 * (Prisma's adapter takes two, and the session callback a third).
 */
export function vaultAdapter(prisma: PrismaClient, keys: readonly TokenKey[]): Adapter {
  const base = PrismaAdapter(prisma);
  return {
    ...base,
    // The cookie names its user, so a request's session cache read can be counted against that
    // player's rate limit in the same command (lib/auth/session-cache.ts); Auth.js sets the token returned here.
    async createSession(session: AdapterSession) {
      return base.createSession!({ ...session, sessionToken: newSessionToken(session.userId, session.sessionToken) });
    },
    async deleteSession(sessionToken: string) {
      const deleted = await base.deleteSession!(sessionToken);
      await forgetSession(sessionToken);
      return deleted ?? null;
    },
    async getSessionAndUser(sessionToken: string): Promise<{ session: AdapterSession; user: UserWithAccount } | null> {
      const [row] = await prisma.$queryRaw<SessionRow[]>`
        SELECT s.session_token, s.user_id, s.expires, u.name, u.email, u.email_verified, u.image,
               a.provider_account_id, a.destiny_membership_type, a.needs_reauth
        FROM sessions s
        JOIN users u ON u.id = s.user_id
        LEFT JOIN accounts a ON a.user_id = s.user_id AND a.provider = 'bungie' -- unique per user (schema)
        WHERE s.session_token = ${sessionToken}`;
      if (!row) return null;
      // Null e-mail as Prisma's adapter returns it (Bungie gives none).
      const user: UserWithAccount = { id: row.user_id, name: row.name, email: row.email as string, emailVerified: row.email_verified, image: row.image };
      if (row.provider_account_id !== null) {
        user.bungieAccount = { providerAccountId: row.provider_account_id, destinyMembershipType: row.destiny_membership_type, needsReauth: row.needs_reauth ?? true };
      }
      return { session: { sessionToken: row.session_token, userId: row.user_id, expires: row.expires }, user };
    },
    async linkAccount(account: AdapterAccount) {
      const { access_token, refresh_token, ...rest } = account;
      const access = access_token ? encryptToken(access_token, keys) : undefined;
      const refresh = refresh_token ? encryptToken(refresh_token, keys) : undefined;
      await base.linkAccount!({
        ...rest,
        access_token: access?.value,
        refresh_token: refresh?.value,
        token_key_id: access?.keyId ?? refresh?.keyId ?? null,
      });
    },
  };
}
