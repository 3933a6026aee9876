// GET /inventory — every store of the signed-in player at once: each character and the vault.
import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { InventoryScreen } from '@/components/inventory/inventory-screen';
import { LoadProblem } from '@/components/inventory/load-problem';
import { requireSession } from '@/lib/auth/session';
import { limitPage } from '@/lib/inventory/loaders/limit-page';
import { loadInventory } from '@/lib/inventory/loaders/load-inventory';

export const metadata: Metadata = { title: 'Inventory' };

export default async function InventoryPage() {
  const session = await requireSession();
  if (session.user.needsReauth) redirect('/');
  const result = (await limitPage(session.user.id, '/inventory')) ?? (await loadInventory(session.user.id));
  if (result.kind === 'not-found') notFound();
  if (result.kind !== 'ok') return <LoadProblem problem={result} />;
  const { view } = result;
  return (
    <div data-manifest-version={view.manifest.versionId}>
      <InventoryScreen initialJson={JSON.stringify(view)} />
    </div>
  );
}
