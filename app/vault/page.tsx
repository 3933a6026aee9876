// GET /vault — the signed-in player's vault; opened by players, revalidated on each visit.
import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { LiveVault } from '@/components/inventory/live-vault';
import { LoadProblem } from '@/components/inventory/load-problem';
import { requireSession } from '@/lib/auth/session';
import { getConfig } from '@/lib/config';
import { getVault } from '@/lib/inventory/loaders';

export const metadata: Metadata = { title: 'Vault' };

export default async function VaultPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await requireSession();
  if (session.user.needsReauth) redirect('/');
  // `?naive=1`: the benchmark's baseline, ignored unless the server runs with VAULT_RAIDER_BENCH_NAIVE=1.
  const naive = getConfig().benchNaiveVault && (await searchParams).naive === '1';
  const result = await getVault(session.user.id, { naive });
  if (result.kind === 'not-found') notFound();
  if (result.kind !== 'ok') return <LoadProblem problem={result} />;
  const { view } = result;
  return (
    <div className="flex flex-col gap-4" data-manifest-version={view.manifest.versionId}>
      <LiveVault initialJson={JSON.stringify(view)} />
    </div>
  );
}
