'use client';

import { useEffect } from 'react';
import { CharacterNav } from '@/components/characters/character-nav';
import { saveVaultSnapshot } from '@/components/offline/vault-snapshot';
import type { Device } from '@/lib/http/device';
import type { VaultView } from '@/lib/inventory/types';
import { ItemBrowser } from './item-browser';
import type { ItemStore } from './use-item-store';
import { ManifestNotice } from './manifest-notice';
import { useMarksFollower } from './use-annotations';
import { useLiveView } from './use-live-view';
import type { SortKey } from './sorting';

/**
 * The vault's count and items, kept fresh in the browser (use-live-view.ts: `/api/profile` on focus
 * and every 30 s while visible), starting from the server-rendered view; its tags and notes follow
 * the version each poll names (use-annotations.ts).
 */
export function LiveVault({ initialJson, initialSort, device }: { initialJson: string; initialSort?: SortKey; device?: Device }) {
  // Each poll also names the version of the tags and notes: they are read again only when it changed.
  const view = useLiveView<VaultView>('/api/profile', initialJson, useMarksFollower());
  // Each fresh read (the server's render, then each refresh) becomes the offline shell's copy — once
  // the browser is idle: writing it (JSON of every tile) cost ~30 ms of a phone's hydration task.
  useEffect(() => {
    const asOf = Date.now();
    if (typeof window.requestIdleCallback !== 'function') return saveVaultSnapshot(view, asOf);
    const id = window.requestIdleCallback(() => saveVaultSnapshot(view, asOf), { timeout: 1000 });
    return () => window.cancelIdleCallback(id);
  }, [view]);
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
      {view.groups.length === 0 ? <p className="text-vault-muted">Your vault is empty.</p> : <ItemBrowser groups={view.groups} characters={view.characters} home="vault" header={heading} initialSort={initialSort} device={device} />}
    </>
  );
}

/** Vault tiles of the last read that an action has since taken out of the vault. */
function movedOut(view: VaultView, store: ItemStore): number {
  let n = 0;
  for (const g of view.groups) for (const s of g.sections) for (const t of s.items) if (t.location.kind === 'vault' && store.byKey.get(t.key)?.location.kind !== 'vault') n++;
  return n;
}
