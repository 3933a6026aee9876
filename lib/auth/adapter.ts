import 'server-only';
import { PrismaAdapter } from '@auth/prisma-adapter';
import type { Adapter, AdapterAccount, AdapterSession, AdapterUser } from 'next-auth/adapters';
import type { TokenKey } from '@/lib/config';
import type { PrismaClient } from '@/lib/db/client';
import { keepSessionAccount, type SessionAccount as KeptAccount } from './session-account';
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
  access_token: string | null; token_key_id: string | null; expires_at: number | null;
  destiny_membership_id: string | null; destiny_memberships: unknown; chosen_membership_id: string | null; sort: string | null;
};

/**
 * Prisma's Auth.js adapter, except that Bungie tokens are encrypted before they reach the
 * database (no row ever holds a plaintext token), and that a page's session lookup — on every
 * signed-in page view — reads the session, its user and their Bungie account in ONE query
 * (Prisma's adapter takes two, and the session callback a third), with what the page reads next
 * (the access token, the Destiny profiles, the sort: lib/auth/session-account.ts).
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
               a.provider_account_id, a.destiny_membership_type, a.needs_reauth,
               a.access_token, a.token_key_id, a.expires_at, a.destiny_membership_id, a.destiny_memberships,
               pc.membership_id AS chosen_membership_id, sp.sort
        FROM sessions s
        JOIN users u ON u.id = s.user_id
        LEFT JOIN accounts a ON a.user_id = s.user_id AND a.provider = 'bungie' -- unique per user (schema)
        LEFT JOIN profile_choices pc ON pc.user_id = s.user_id
        LEFT JOIN search_prefs sp ON sp.user_id = s.user_id
        WHERE s.session_token = ${sessionToken}`;
      if (!row) return null;
      // Auth.js ends an expired session itself; only a live one's account serves the rest of the request.
      if (row.provider_account_id !== null && row.expires.getTime() > Date.now()) keepSessionAccount(row.user_id, sessionAccountOf(row));
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

/** The account part of a session row, as lib/auth/session-account.ts keeps it. */
function sessionAccountOf(row: SessionRow): KeptAccount {
  return {
    access_token: row.access_token,
    token_key_id: row.token_key_id,
    expires_at: row.expires_at,
    needs_reauth: row.needs_reauth ?? true,
    destiny_membership_id: row.destiny_membership_id,
    destiny_membership_type: row.destiny_membership_type,
    destiny_memberships: row.destiny_memberships,
    user: { profileChoice: row.chosen_membership_id === null ? null : { membershipId: row.chosen_membership_id } },
    sort: row.sort,
  };
}
