import { describe, expect, it } from 'vitest';
import { generateManifest } from '@/dev/bungie-sim/index';
import { createDefinitionCache } from '@/lib/inventory/definitions';
import type { ManifestStore } from '@/lib/manifest/store';
import { ManifestUnavailableError } from '@/lib/manifest/unavailable';
import { createMemoryStore } from '../../../support/memory-manifest-store';

const manifest = generateManifest({ itemCount: 200, seed: 5 });
const itemHashes = [...(manifest.tables.get('DestinyInventoryItemDefinition')?.keys() ?? [])];

/** The memory store behind a switch: while `down`, every call fails as a dead Upstash would. */
function switchableStore() {
  const inner = createMemoryStore(manifest);
  const state = { down: false, calls: 0 };
  const guard = <A extends unknown[], R>(fn: (...args: A) => Promise<R>) => (...args: A): Promise<R> => {
    state.calls++;
    return state.down ? Promise.reject(new Error('ERR redis-server: connect ECONNREFUSED')) : fn(...args);
  };
  const store: ManifestStore = { ...inner, current: guard(() => inner.current()), getMany: guard((table, hashes) => inner.getMany(table, hashes)) };
  return { store, state };
}

describe('definitions while the manifest store is down', () => {
  it('serves the cached copy with fromBackup, then goes back to the store by itself', async () => {
    const { store, state } = switchableStore();
    let clock = 0;
    const cache = createDefinitionCache({ store: async () => store, now: () => clock, pointerTtlMs: 1_000, retryStoreAfterMs: 5_000 });
    const warm = await cache.load({ items: itemHashes.slice(0, 50) });
    expect(warm?.fromBackup).toBeUndefined();

    state.down = true;
    clock += 2_000; // the pointer must be read again: the store fails
    const backup = await cache.load({ items: itemHashes.slice(0, 60) });
    expect(backup?.fromBackup).toBe(true);
    expect(backup?.versionId).toBe('v1');
    // What was read before is served; the 10 hashes never read are missing (shown as unknown items).
    expect(backup?.items.size).toBe(50);
    expect(backup?.items.get(itemHashes[0]!)?.name).toBe(warm?.items.get(itemHashes[0]!)?.name);

    // Within the retry window the store is not asked at all (no page waits on a dead store).
    const callsBefore = state.calls;
    clock += 1_000;
    expect((await cache.load({ items: itemHashes.slice(0, 5) }))?.fromBackup).toBe(true);
    expect(state.calls).toBe(callsBefore);

    // The store is back: after the window the next page reads it again, and the banner goes.
    state.down = false;
    clock += 5_000;
    const back = await cache.load({ items: itemHashes.slice(0, 60) });
    expect(back?.fromBackup).toBeUndefined();
    expect(back?.items.size).toBe(60);
  });

  it('says the item database is unavailable when the process holds no copy yet', async () => {
    const { store, state } = switchableStore();
    state.down = true;
    const cache = createDefinitionCache({ store: async () => store });
    await expect(cache.load({ items: itemHashes.slice(0, 3) })).rejects.toBeInstanceOf(ManifestUnavailableError);
    // And recovers as soon as the store answers (nothing was cached, so it asks every time).
    state.down = false;
    expect((await cache.load({ items: itemHashes.slice(0, 3) }))?.items.size).toBe(3);
  });
});
