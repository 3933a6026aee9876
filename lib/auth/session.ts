import 'server-only';
import type { Session } from 'next-auth';
import { redirect } from 'next/navigation';
import { auth } from './auth';

/** The signed-in player's session, or undefined. Never throws for a bad or forged cookie. */
export async function currentSession(): Promise<Session | undefined> {
  try {
    return (await auth()) ?? undefined;
  } catch {
    return undefined;
  }
}

/** The session of a page that needs a signed-in player; sends everyone else to the start page. */
export async function requireSession(): Promise<Session> {
  const session = await currentSession();
  if (!session) redirect('/');
  return session;
}
