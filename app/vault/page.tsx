// GET /vault — the signed-in player's vault; opened by players, revalidated on each visit.
import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { LiveVault } from '@/components/inventory/live-vault';
import { LoadProblem } from '@/components/inventory/load-problem';
import { requireSession } from '@/lib/auth/session';
import { limitPage } from '@/lib/inventory/loaders/limit-page';
import { loadVault } from '@/lib/inventory/loaders/load-vault';

export const metadata: Metadata = { title: 'Vault' };

export default async function VaultPage() {
  const session = await requireSession();
  if (session.user.needsReauth) redirect('/');
  const result = (await limitPage(session.user.id, '/vault')) ?? (await loadVault(session.user.id));
  if (result.kind === 'not-found') notFound();
  if (result.kind !== 'ok') return <LoadProblem problem={result} />;
  const { view } = result;
  return (
    <div className="flex flex-col gap-4" data-manifest-version={view.manifest.versionId}>
      <LiveVault initialJson={JSON.stringify(view)} />
    </div>
  );
}
