import 'server-only';
import type { Session } from 'next-auth';
import { cookies, headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { databaseAnswers, DatabaseUnavailableError } from '@/lib/db/unavailable';
import { readPageSession } from './page-session';

// Auth.js's cookie; the `__Secure-` form is the one it sets on https.
const SESSION_COOKIES = ['__Secure-authjs.session-token', 'authjs.session-token'];

/** What the request's cookie says about the player, read once per request. */
export type SessionState = {
  session: Session | undefined;
  /**
   * The request carries a session cookie but the database could not be asked about it: the
   * player is probably signed in, and pages must say the database is down instead of signing
   * them out (Auth.js reports "no session" when its adapter fails).
   */
  databaseDown: boolean;
};

/**
 * The session and whether the database answered, read as Auth.js's `auth()` reads it but without
 * its request handler (lib/auth/page-session.ts). Never throws for a bad or forged cookie. The
 * database is probed only when a session cookie came and Auth.js found no session (rare), so a
 * normal request pays nothing for it. Read once per request (React `cache`).
 */
export const sessionState = cache(async (): Promise<SessionState> => {
  let session: Session | undefined;
  try {
    const [jar, head] = await Promise.all([cookies(), headers()]);
    session = (await readPageSession(jar, head)) ?? undefined;
  } catch {
    session = undefined;
  }
  if (session) return { session, databaseDown: false };
  const jar = await cookies();
  if (!SESSION_COOKIES.some((name) => jar.has(name))) return { session: undefined, databaseDown: false };
  return { session: undefined, databaseDown: !(await databaseAnswers()) };
});

/** The signed-in player's session, or undefined (also when the database is down: see `sessionState`). */
export async function currentSession(): Promise<Session | undefined> {
  return (await sessionState()).session;
}

/** The session of a page that needs a signed-in player; sends everyone else to the start page. */
export async function requireSession(): Promise<Session> {
  const { session, databaseDown } = await sessionState();
  // The root layout shows the "database down" page in this case; never send a signed-in player to sign-in.
  if (databaseDown) throw new DatabaseUnavailableError();
  if (!session) redirect('/');
  return session;
}

/**
 * The session of an admin (membership id listed in ADMIN_MEMBERSHIP_IDS), checked on the server.
 * Everyone else gets a 404: an admin page's existence is nobody else's business.
 */
export async function requireAdmin(): Promise<Session> {
  const session = await requireSession();
  if (!session.user.isAdmin || session.user.needsReauth) notFound();
  return session;
}
