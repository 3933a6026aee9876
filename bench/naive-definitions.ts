import { getManifestStore } from '@/lib/manifest/get-store';
import type { ItemDefinition } from '@/lib/manifest/types';
import type { DefinitionNeeds, PageDefinitions } from '@/lib/inventory/definitions';

const unique = (hashes: readonly number[] | undefined) => [...new Set((hashes ?? []).filter((h) => Number.isInteger(h) && h > 0))];

/**
 * BENCHMARK BASELINE ONLY — the app never imports it. Reads definitions as the original Flask
 * app did: one store round trip per item hash, one after the other, with no cache (the small
 * tables are read once each). `npm run bench:pages` injects it into `loadVault` in its own
 * process (bench/naive-baseline.ts) and compares it with `loadPageDefinitions`.
 */
export async function loadDefinitionsNaively(needs: DefinitionNeeds): Promise<PageDefinitions | null> {
  const store = await getManifestStore();
  const pointer = await store.current();
  if (!pointer) return null;
  const items = new Map<number, ItemDefinition>();
  for (const hash of unique(needs.items)) {
    const found = (await store.getMany('items', [hash])).definitions.get(hash);
    if (found) items.set(hash, found);
  }
  const bucketHashes = [...(needs.buckets ?? []), ...[...items.values()].map((d) => d.bucketTypeHash)];
  const [buckets, classes, races, damageTypes, vendors] = await Promise.all([
    store.getMany('buckets', unique(bucketHashes)),
    store.getMany('classes', unique(needs.classes)),
    store.getMany('races', unique(needs.races)),
    store.getMany('damageTypes', unique(needs.damageTypes)),
    store.getMany('vendors', unique(needs.vendors)),
  ]);
  return {
    versionId: pointer.versionId,
    items,
    buckets: buckets.definitions,
    classes: classes.definitions,
    races: races.definitions,
    damageTypes: damageTypes.definitions,
    vendors: vendors.definitions,
    // The vault page names no stats: nothing to read.
    stats: new Map(),
  };
}
