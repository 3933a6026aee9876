// GET /inventory — every store of the signed-in player at once: each character and the vault.
import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { InventoryScreen } from '@/components/inventory/inventory-screen';
import { InventorySkeleton } from '@/components/inventory/inventory-skeleton';
import { LoadProblem } from '@/components/inventory/load-problem';
import { handOffView } from '@/components/inventory/view-handoff';
import { FirstFlush } from '@/components/layout/first-flush';
import { requireSession } from '@/lib/auth/session';
import { deviceOf } from '@/lib/http/device';
import { limitPage } from '@/lib/inventory/loaders/limit-page';
import { loadInventory } from '@/lib/inventory/loaders/load-inventory';
import { readSortChoice } from '@/lib/search-prefs/search-prefs';

export const metadata: Metadata = { title: 'Inventory' };

export default async function InventoryPage() {
  const session = await requireSession();
  if (session.user.needsReauth) redirect('/');
  // The stored sort is read beside the profile (no added wait): the grid renders in it from the start.
  const userId = session.user.id;
  const data = Promise.all([limitPage(userId, '/inventory').then((limited) => limited ?? loadInventory(userId)), readSortChoice(userId), headers()]);
  return (
    <FirstFlush data={data} fallback={<InventorySkeleton title="your inventory" />}>
      {([result, sort, requestHeaders]) => {
        if (result.kind === 'not-found') notFound();
        if (result.kind !== 'ok') return <LoadProblem problem={result} />;
        const { view } = result;
        return (
          <div data-manifest-version={view.manifest.versionId}>
            {/* A phone's first screen is one store column: the server draws that much (use-first-screen.ts). */}
            <InventoryScreen initialJson={handOffView(view)} initialSort={sort} device={deviceOf(requestHeaders)} />
          </div>
        );
      }}
    </FirstFlush>
  );
}
