import type { ManifestData } from '@/dev/bungie-sim/index';
import { compactDefinition, seasonNumbers } from '@/lib/manifest/compact';
import type { ManifestStore } from '@/lib/manifest/store';
import { SOURCE_TABLES, TABLE_NAMES, type AnyDefinition, type DefinitionTables, type ManifestPointer, type TableName } from '@/lib/manifest/types';

/** A read-only manifest store in memory, filled from a simulator manifest; counts its reads. */
export type MemoryStore = ManifestStore & {
  /** Every `getMany` so far: table and how many hashes. */
  readonly reads: { table: TableName; hashes: number }[];
  /** Every `current` so far. */
  readonly pointerReads: number;
  /** Makes another version current (same definitions, new storage id), or none with null. */
  setVersion(versionId: string | null): void;
};

/** Compacts every table of a simulator manifest, as an ingest would. */
export function compactManifest(manifest: ManifestData): Map<TableName, Map<number, AnyDefinition>> {
  const out = new Map<TableName, Map<number, AnyDefinition>>();
  const seasons = seasonNumbers([...(manifest.tables.get('DestinySeasonDefinition') ?? [])].map(([hash, json]): [number, string] => [hash | 0, JSON.stringify(json)]));
  for (const table of TABLE_NAMES) {
    const rows = manifest.tables.get(SOURCE_TABLES[table]) ?? new Map<number, object>();
    out.set(table, new Map([...rows].map(([hash, json]) => [hash, compactDefinition(table, hash | 0, JSON.stringify(json), { seasons })])));
  }
  return out;
}

/** A store serving `manifest` as version `versionId` (null: nothing ingested yet). */
export function createMemoryStore(manifest: ManifestData, versionId: string | null = 'v1'): MemoryStore {
  const tables = compactManifest(manifest);
  const reads: { table: TableName; hashes: number }[] = [];
  let pointerReads = 0;
  let pointer: ManifestPointer | null = null;
  const setVersion = (id: string | null) => {
    pointer = id === null ? null : { versionId: id, version: manifest.version, contentPath: `/sqlite/${manifest.contentId}`, counts: {}, activatedAt: new Date(0).toISOString() };
  };
  setVersion(versionId);
  const unsupported = () => Promise.reject(new Error('read-only test store'));
  return {
    kind: 'postgres',
    reads,
    get pointerReads() {
      return pointerReads;
    },
    setVersion,
    async current() {
      pointerReads++;
      return pointer;
    },
    async getMany<T extends TableName>(table: T, hashes: readonly number[]) {
      reads.push({ table, hashes: hashes.length });
      const definitions = new Map<number, DefinitionTables[T]>();
      if (pointer) {
        for (const hash of hashes) {
          const def = tables.get(table)?.get(hash);
          if (def) definitions.set(hash, def as DefinitionTables[T]);
        }
      }
      return { pointer, definitions };
    },
    getManyFromVersion: unsupported,
    createVersion: unsupported,
    writeBatch: unsupported,
    activate: unsupported,
    pruneVersions: unsupported,
    acquireLock: unsupported,
    leaseState: unsupported,
    close: async () => undefined,
  };
}
