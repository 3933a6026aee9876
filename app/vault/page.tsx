// GET /vault — the signed-in player's vault; opened by players, revalidated on each visit.
import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { CharacterNav } from '@/components/characters/character-nav';
import { ItemBrowser } from '@/components/inventory/item-browser';
import { LoadProblem } from '@/components/inventory/load-problem';
import { ManifestNotice } from '@/components/inventory/manifest-notice';
import { requireSession } from '@/lib/auth/session';
import { getVault } from '@/lib/inventory/loaders';

export const metadata: Metadata = { title: 'Vault' };

export default async function VaultPage() {
  const session = await requireSession();
  if (session.user.needsReauth) redirect('/');
  const result = await getVault(session.user.id);
  if (result.kind === 'not-found') notFound();
  if (result.kind !== 'ok') return <LoadProblem problem={result} />;
  const { view } = result;
  return (
    <div className="flex flex-col gap-4">
      <CharacterNav characters={view.characters} current="vault" />
      <div className="flex items-baseline justify-between gap-3">
        <h1 className="text-2xl font-bold">Vault</h1>
        <p className="text-sm text-vault-muted tabular-nums" data-testid="vault-count">
          {view.capacity === null ? `${view.count} items` : `${view.count} / ${view.capacity}`}
        </p>
      </div>
      <ManifestNotice unknownHashes={view.unknownHashes} />
      {view.groups.length === 0 ? <p className="text-vault-muted">Your vault is empty.</p> : <ItemBrowser groups={view.groups} />}
    </div>
  );
}
