import { describe, expect, it } from 'vitest';
import { Bucket, ClassHash } from '@/dev/bungie-sim/constants';
import { generateManifest } from '@/dev/bungie-sim/index';
import { createDefinitionCache } from '@/lib/inventory/definitions';
import { createMemoryStore } from '../../../support/memory-manifest-store';

const manifest = generateManifest({ itemCount: 300, seed: 3 });
const itemHashes = [...(manifest.tables.get('DestinyInventoryItemDefinition')?.keys() ?? [])];

describe('definitions cache keyed by manifest version', () => {
  it('reads each table once per page, in one batch, and only the hashes not cached', async () => {
    const store = createMemoryStore(manifest);
    let clock = 0;
    const cache = createDefinitionCache({ store: async () => store, now: () => clock });
    const first = await cache.load({ items: itemHashes.slice(0, 100), classes: [ClassHash[0]], races: [], damageTypes: [] });
    expect(first?.items.size).toBe(100);
    expect(first?.classes.get(ClassHash[0])?.name).toBe('Titan');
    // One read for items, one for classes, one for the buckets the items name; empty needs read nothing.
    expect(store.reads.map((r) => r.table).sort()).toEqual(['buckets', 'classes', 'items']);
    expect(store.reads.find((r) => r.table === 'items')?.hashes).toBe(100);

    store.reads.length = 0;
    clock += 1000;
    const second = await cache.load({ items: [...itemHashes.slice(50, 120), 1234567] });
    expect(second?.items.size).toBe(70);
    expect(store.reads).toEqual([{ table: 'items', hashes: 21 }]);

    store.reads.length = 0;
    const third = await cache.load({ items: [...itemHashes.slice(0, 120), 1234567], buckets: [Bucket.Vault] });
    expect(third?.buckets.get(Bucket.Vault)?.itemCount).toBe(1300);
    // The unknown hash is remembered as unknown for this version: not asked again.
    expect(store.reads).toEqual([{ table: 'buckets', hashes: 1 }]);
    expect(store.pointerReads).toBe(1);
  });

  it('starts afresh when the pointer moves to a new version', async () => {
    const store = createMemoryStore(manifest);
    let clock = 0;
    const cache = createDefinitionCache({ store: async () => store, now: () => clock, pointerTtlMs: 10_000 });
    await cache.load({ items: itemHashes.slice(0, 10) });
    store.setVersion('v2');
    store.reads.length = 0;
    // Within the TTL the old pointer is trusted, but the store answers from v2: one retry on v2.
    const defs = await cache.load({ items: itemHashes.slice(0, 20) });
    expect(defs?.versionId).toBe('v2');
    expect(defs?.items.size).toBe(20);
    expect(store.reads.filter((r) => r.table === 'items').map((r) => r.hashes)).toEqual([10, 20]);

    clock += 20_000;
    store.setVersion('v3');
    store.reads.length = 0;
    expect((await cache.load({ items: itemHashes.slice(0, 5) }))?.versionId).toBe('v3');
    expect(store.reads.filter((r) => r.table === 'items').map((r) => r.hashes)).toEqual([5]);
  });

  it('answers null before the first ingest', async () => {
    const store = createMemoryStore(manifest, null);
    const cache = createDefinitionCache({ store: async () => store });
    expect(await cache.load({ items: itemHashes.slice(0, 3) })).toBeNull();
    expect(store.reads).toEqual([]);
  });
});
