import 'server-only';
import type { PrismaClient } from '@/lib/db/client';
import { log } from '@/lib/server/log';
import { sessionTokenOf } from './request-user';
import { forgetSession } from './session-cache';

/**
 * Ends the session a Bungie sign-in arrives with when that session belongs to a player other than
 * the Bungie account that just approved (issue 17). Auth.js links a new account to whoever is
 * signed in; without this, a second Bungie account approving in a browser that still holds
 * player A's session (A's tokens dead, the "sign in again" page) was joined to A's user and later
 * signed in *as A*. With the session gone first, Auth.js signs the newcomer into their own user,
 * and a player who needs re-authorization can only be re-authorized by their own Bungie account.
 * Returns whether a session was ended.
 */
export async function endSessionOfAnotherAccount(prisma: PrismaClient, cookieHeader: string | null, providerAccountId: string): Promise<boolean> {
  const token = sessionTokenOf(cookieHeader);
  if (!token) return false;
  const ended = await prisma.$executeRaw`
    DELETE FROM sessions s
    WHERE s.session_token = ${token}
      AND NOT EXISTS (
        SELECT 1 FROM accounts a
        WHERE a.user_id = s.user_id AND a.provider = 'bungie' AND a.provider_account_id = ${providerAccountId})`;
  if (ended > 0) await forgetSession(token);
  if (ended > 0) log.info('Sign-in by another Bungie account over an open session: that session was ended first.');
  return ended > 0;
}
