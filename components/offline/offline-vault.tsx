'use client';

import { useMemo, useSyncExternalStore } from 'react';
import { TIER_STYLES } from '@/components/inventory/tier-styles';
import { parseVaultSnapshot, SNAPSHOT_KEY, type VaultSnapshot } from './vault-snapshot';

const subscribeStorage = (onChange: () => void) => {
  window.addEventListener('storage', onChange);
  return () => window.removeEventListener('storage', onChange);
};

function readStored(): string | null {
  try {
    return localStorage.getItem(SNAPSHOT_KEY);
  } catch {
    return null;
  }
}

const subscribeOnline = (onChange: () => void) => {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
};

/**
 * The last vault this browser saw, read-only: "as of" when it was read, every tile a disabled
 * button (item actions need Bungie, so none is offered), and a way back once the network returns.
 */
export function OfflineVault() {
  // The browser's copy (undefined on the server, which has no storage: the list appears after hydration).
  const raw = useSyncExternalStore(subscribeStorage, readStored, () => undefined);
  const snapshot = useMemo<VaultSnapshot | null | undefined>(() => (raw === undefined ? undefined : parseVaultSnapshot(raw)), [raw]);
  const online = useSyncExternalStore(subscribeOnline, () => navigator.onLine, () => false);
  return (
    <div className="flex flex-col gap-4" data-testid="offline-shell">
      <div role="status" className="rounded-md border border-vault-accent/60 bg-vault-panel px-3 py-2 text-sm">
        {online ? (
          <>
            The network is back.{' '}
            <button type="button" className="underline" onClick={() => location.reload()}>
              Reload
            </button>{' '}
            to see your items as they are now.
          </>
        ) : (
          'You are offline. This is your vault as Vault Raider last saw it; moving, equipping and locking items need the network.'
        )}
      </div>
      {snapshot === undefined ? null : snapshot === null ? (
        <p className="text-vault-muted">No vault saved in this browser yet: open your vault once while online and it will be here next time.</p>
      ) : (
        <SnapshotView snapshot={snapshot} />
      )}
    </div>
  );
}

function SnapshotView({ snapshot }: { snapshot: VaultSnapshot }) {
  const asOf = new Date(snapshot.asOf);
  return (
    <>
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-2xl font-bold">Vault</h1>
        <p className="text-sm text-vault-muted tabular-nums" data-testid="vault-count">
          {snapshot.capacity === null ? `${snapshot.count} items` : `${snapshot.count} / ${snapshot.capacity}`}
        </p>
      </div>
      <p className="text-sm text-vault-muted" data-testid="as-of">
        As of <time dateTime={asOf.toISOString()}>{asOf.toLocaleString()}</time> (read-only)
      </p>
      {snapshot.groups.map((group) => (
        <section key={group.label} aria-label={group.label} className="flex flex-col gap-3">
          <h2 className="text-lg font-semibold">{group.label}</h2>
          {group.sections.map((section) => (
            <div key={section.name}>
              <h3 className="mb-1 text-sm text-vault-muted">{section.name}</h3>
              <ul className="grid grid-cols-[repeat(auto-fill,minmax(4.5rem,1fr))] gap-1.5">
                {section.tiles.map((tile, n) => (
                  <li key={n}>
                    <button
                      type="button"
                      disabled
                      aria-disabled="true"
                      title="Item actions need the network"
                      data-locked={tile.locked || undefined}
                      className={`item-tile ${TIER_STYLES[tile.tier]} cursor-not-allowed${tile.equipped ? ' ring-2 ring-vault-text' : ''}`}
                    >
                      <span className="flex h-full flex-col items-center justify-center p-0.5 text-center text-[0.6rem] leading-tight">{tile.name}</span>
                      {tile.power !== null && <span className="item-tile-count">{tile.power}</span>}
                      {tile.quantity > 1 && <span className="item-tile-count">{tile.quantity}</span>}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      ))}
    </>
  );
}
