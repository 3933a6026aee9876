import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { requireSession } from '@/lib/auth/session';

/**
 * Checks the session before the page's loading skeleton streams, so a visitor who is not
 * signed in gets a real HTTP redirect to the start page rather than a skeleton first.
 */
export default async function VaultLayout({ children }: { children: ReactNode }) {
  const session = await requireSession();
  if (session.user.needsReauth) redirect('/');
  return children;
}
