import 'server-only';
import type { Session } from 'next-auth';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { auth } from './auth';

/**
 * The signed-in player's session, or undefined. Never throws for a bad or forged cookie.
 * Read once per request however many layouts and pages ask (React `cache`).
 */
export const currentSession = cache(async (): Promise<Session | undefined> => {
  try {
    return (await auth()) ?? undefined;
  } catch {
    return undefined;
  }
});

/** The session of a page that needs a signed-in player; sends everyone else to the start page. */
export async function requireSession(): Promise<Session> {
  const session = await currentSession();
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
