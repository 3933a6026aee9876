import 'server-only';
import type { Session } from 'next-auth';
import { getConfig, type TokenKey } from '@/lib/config';
import { getPrisma, type PrismaClient } from '@/lib/db/client';
import { log } from '@/lib/server/log';
import { vaultAdapter, type UserWithAccount } from './adapter';
import { SESSION_MAX_AGE, SESSION_UPDATE_AGE, sessionOf } from './session-callback';
import { resolveTokenKeys } from './token-crypto';

/** The request's cookies and headers, as a page render reads them (`cookies()`, `headers()` in Next). */
export type RequestCookies = { getAll(): Array<{ name: string; value: string }> };
export type RequestHeaders = { get(name: string): string | null };

/**
 * The name of the session cookie Auth.js reads for this request: `__Secure-authjs.session-token`
 * when the app's URL is https, else `authjs.session-token`. Auth.js takes the URL from AUTH_URL (or
 * NEXTAUTH_URL) when set (`authJsUrl`), else from the forwarded protocol (https when none says).
 */
export function sessionCookieName(headers: RequestHeaders, authJsUrl: string | undefined): string {
  const protocol = authJsUrl ? new URL(authJsUrl).protocol : `${(headers.get('x-forwarded-proto') ?? 'https').replace(/:$/, '')}:`;
  return `${protocol === 'https:' ? '__Secure-' : ''}authjs.session-token`;
}

/**
 * The session token as Auth.js's SessionStore assembles it: every non-empty cookie whose name
 * starts with the session cookie's name, ordered by the number after its last dot (chunks), joined.
 */
export function sessionTokenFrom(cookies: RequestCookies, name: string): string | undefined {
  const chunks = cookies.getAll().filter((c) => c.name.startsWith(name) && c.value);
  if (chunks.length === 0) return undefined;
  const suffix = (n: string) => parseInt(n.split('.').pop() || '0');
  return chunks
    .sort((a, b) => suffix(a.name) - suffix(b.name))
    .map((c) => c.value)
    .join('');
}

/**
 * A page's session, read the way Auth.js's `auth()` reads it with database sessions but without
 * building a Request, running Auth.js's whole handler and parsing its JSON Response (about a
 * millisecond of every page): see `sessionForToken`. No session cookie: null, and the database is
 * not asked. A failing lookup is logged as Auth.js logs it and answers null, as `auth()` does
 * (lib/auth/session.ts then tells "database down" from "signed out").
 */
export async function readPageSession(cookies: RequestCookies, headers: RequestHeaders): Promise<Session | null> {
  const config = getConfig();
  const token = sessionTokenFrom(cookies, sessionCookieName(headers, config.authJsUrl));
  if (!token) return null;
  try {
    const prisma = await getPrisma();
    return await sessionForToken(token, { prisma, keys: resolveTokenKeys(config.tokenKeys, config.authSecret), adminMembershipIds: config.adminMembershipIds });
  } catch (error) {
    log.warn(`Auth.js: SessionTokenError (${error instanceof Error ? error.name : 'error'})`);
    return null;
  }
}

/**
 * What Auth.js's session action does for a database session token (@auth/core
 * lib/actions/session.js), with the app's adapter and session callback: the session and its user
 * in the adapter's one query; an expired session is deleted and answers null; a session whose
 * end was last moved more than `SESSION_UPDATE_AGE` ago gets its end moved to `SESSION_MAX_AGE`
 * from now (as with `auth()` in a page, the cookie itself is not rewritten: a page cannot set
 * cookies; the sign-in and the API's session route do); then the session callback's object
 * (lib/auth/session-callback.ts), its end as the ISO string Auth.js's JSON answer carries. Database errors throw.
 */
export async function sessionForToken(
  token: string,
  { prisma, keys, adminMembershipIds }: { prisma: PrismaClient; keys: readonly TokenKey[]; adminMembershipIds: readonly string[] },
  now: () => number = Date.now,
): Promise<Session | null> {
  const adapter = vaultAdapter(prisma, keys);
  const found = await adapter.getSessionAndUser!(token);
  if (!found) return null;
  if (found.session.expires.valueOf() < now()) {
    await adapter.deleteSession!(token);
    return null;
  }
  const renewDue = found.session.expires.valueOf() - SESSION_MAX_AGE * 1000 + SESSION_UPDATE_AGE * 1000;
  if (renewDue <= now()) await adapter.updateSession!({ sessionToken: token, expires: new Date(now() + SESSION_MAX_AGE * 1000) });
  return sessionOf(prisma, found.user as UserWithAccount, found.session.expires.toISOString(), adminMembershipIds);
}
