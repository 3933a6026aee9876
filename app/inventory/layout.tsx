import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { requireSession } from '@/lib/auth/session';

/** As the vault's layout: a visitor gets a real redirect before the loading skeleton streams. */
export default async function InventoryLayout({ children }: { children: ReactNode }) {
  const session = await requireSession();
  if (session.user.needsReauth) redirect('/');
  return children;
}
