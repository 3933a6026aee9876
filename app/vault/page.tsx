import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { requireSession } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Vault' };

export default async function VaultPage() {
  const session = await requireSession();
  if (session.user.needsReauth) redirect('/');
  return (
    <section className="flex flex-col gap-3">
      <h1 className="text-2xl font-bold">Your vault</h1>
      <p className="text-vault-muted">
        Signed in as <span className="text-vault-text">{session.user.name}</span> on {session.user.platform}.
      </p>
    </section>
  );
}
