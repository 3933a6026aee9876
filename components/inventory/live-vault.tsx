'use client';

import { useMemo } from 'react';
import useSWR from 'swr';
import type { VaultView } from '@/lib/inventory/types';
import { ItemBrowser } from './item-browser';
import { ManifestNotice } from './manifest-notice';

/** Reads /api/profile; the browser's HTTP cache turns an unchanged answer into a bodiless 304. */
async function fetchVault(url: string): Promise<VaultView> {
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  // On a failure SWR keeps showing the last view; the next focus or tick tries again.
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return (await response.json()) as VaultView;
}

/**
 * The vault's count and items, kept fresh in the browser: revalidated when the tab regains
 * focus and every 30 s while it is visible (never in a hidden tab), starting from the
 * server-rendered view so the first paint needs no request.
 *
 * The server hands the view over as JSON text (`initialJson`), not as an object: React's RSC
 * serialisation walks an object value by value on the server and revives it value by value on
 * the other side (thousands of values for a vault of 462 tiles), where one string costs one
 * native JSON.parse.
 */
export function LiveVault({ initialJson }: { initialJson: string }) {
  const initial = useMemo(() => JSON.parse(initialJson) as VaultView, [initialJson]);
  const { data } = useSWR('/api/profile', fetchVault, {
    fallbackData: initial,
    revalidateOnMount: false,
    revalidateOnFocus: true,
    refreshInterval: 30_000,
    refreshWhenHidden: false,
  });
  const view = data ?? initial;
  return (
    <>
      <div className="flex items-baseline justify-between gap-3">
        <h1 className="text-2xl font-bold">Vault</h1>
        <p className="text-sm text-vault-muted tabular-nums" data-testid="vault-count">
          {view.capacity === null ? `${view.count} items` : `${view.count} / ${view.capacity}`}
        </p>
      </div>
      <ManifestNotice unknownHashes={view.unknownHashes} fromBackup={view.manifest.fromBackup} />
      {view.groups.length === 0 ? <p className="text-vault-muted">Your vault is empty.</p> : <ItemBrowser groups={view.groups} characters={view.characters} home="vault" />}
    </>
  );
}
