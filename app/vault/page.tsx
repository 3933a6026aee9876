// GET /vault — the signed-in player's vault; opened by players, revalidated on each visit.
import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { InventorySkeleton } from '@/components/inventory/inventory-skeleton';
import { LiveVault } from '@/components/inventory/live-vault';
import { LoadProblem } from '@/components/inventory/load-problem';
import { handOffView } from '@/components/inventory/view-handoff';
import { FirstFlush } from '@/components/layout/first-flush';
import { requireSession } from '@/lib/auth/session';
import { deviceOf } from '@/lib/http/device';
import { limitPage } from '@/lib/inventory/loaders/limit-page';
import { loadVault } from '@/lib/inventory/loaders/load-vault';
import { readSortChoice } from '@/lib/search-prefs/search-prefs';

export const metadata: Metadata = { title: 'Vault' };

export default async function VaultPage() {
  const session = await requireSession();
  if (session.user.needsReauth) redirect('/');
  // The stored sort is read beside the profile (no added wait): the grid renders in it from the start.
  const userId = session.user.id;
  const data = Promise.all([limitPage(userId, '/vault').then((limited) => limited ?? loadVault(userId)), readSortChoice(userId), headers()]);
  return (
    <FirstFlush data={data} fallback={<InventorySkeleton title="your vault" />}>
      {([result, sort, requestHeaders]) => {
        if (result.kind === 'not-found') notFound();
        if (result.kind !== 'ok') return <LoadProblem problem={result} />;
        const { view } = result;
        return (
          <div className="flex flex-col gap-4" data-manifest-version={view.manifest.versionId}>
            {/* The server draws the asking device's first screen (use-first-screen.ts). */}
            <LiveVault initialJson={handOffView(view)} initialSort={sort} device={deviceOf(requestHeaders)} />
          </div>
        );
      }}
    </FirstFlush>
  );
}
