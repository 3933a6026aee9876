'use client';

import { useEffect, useLayoutEffect, useMemo } from 'react';
import useSWR from 'swr';
import { CharacterNav } from '@/components/characters/character-nav';
import { saveVaultSnapshot } from '@/components/offline/vault-snapshot';
import type { VaultView } from '@/lib/inventory/types';
import { ItemBrowser } from './item-browser';
import type { ItemStore } from './use-item-store';
import { ManifestNotice } from './manifest-notice';
import type { SortKey } from './sorting';

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
export function LiveVault({ initialJson, initialSort }: { initialJson: string; initialSort?: SortKey }) {
  const initial = useMemo(() => JSON.parse(initialJson) as VaultView, [initialJson]);
  const { data, mutate: reseed } = useSWR('/api/profile', fetchVault, {
    fallbackData: initial,
    revalidateOnMount: false,
    revalidateOnFocus: true,
    refreshInterval: 30_000,
    refreshWhenHidden: false,
  });
  // Coming back to the vault, SWR still holds the view of the last visit: the page the server has just
  // rendered is newer, so it becomes the cache (before paint, so the old view never shows).
  useLayoutEffect(() => {
    void reseed(initial, { revalidate: false });
  }, [initial, reseed]);
  const view = data ?? initial;
  // Each fresh read (the server's render, then each refresh) becomes the offline shell's copy.
  useEffect(() => saveVaultSnapshot(view), [view]);
  // The navigation, the count and the dock read the same live view as the tiles: one source.
  const heading = (store?: ItemStore) => {
    const count = store ? view.count - movedOut(view, store) : view.count;
    return (
      <div className="flex items-baseline justify-between gap-3">
        <h1 className="text-2xl font-bold">Vault</h1>
        <p className="text-sm text-vault-muted tabular-nums" data-testid="vault-count">
          {view.capacity === null ? `${count} items` : `${count} / ${view.capacity}`}
        </p>
      </div>
    );
  };
  return (
    <>
      <CharacterNav characters={view.characters} current="vault" />
      {view.groups.length === 0 && heading()}
      <ManifestNotice unknownHashes={view.unknownHashes} fromBackup={view.manifest.fromBackup} />
      {view.groups.length === 0 ? <p className="text-vault-muted">Your vault is empty.</p> : <ItemBrowser groups={view.groups} characters={view.characters} home="vault" header={heading} initialSort={initialSort} />}
    </>
  );
}

/** Vault tiles of the last read that an action has since taken out of the vault. */
function movedOut(view: VaultView, store: ItemStore): number {
  let n = 0;
  for (const g of view.groups) for (const s of g.sections) for (const t of s.items) if (t.location.kind === 'vault' && store.byKey.get(t.key)?.location.kind !== 'vault') n++;
  return n;
}
