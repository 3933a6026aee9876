import 'server-only';
import type { Database } from 'sql.js';
import { readDefinitions } from './extract';
import type { ManifestStore } from './store';
import type { ItemDefinition, ManifestPointer, TableName } from './types';

/** Item definitions that differ between the previous version and the new one. */
export type ItemDiff = {
  /** Hashes new in this version. */
  added: number;
  /** Hashes in both versions whose compact definition changed (name, icon, tier, ...). */
  changed: number;
  /** Hashes of the previous version that are gone. */
  removed: number;
};

/** Progress of a write, reported after each batch. */
export type IngestProgress = {
  /** The table the last batch belonged to. */
  table: TableName;
  /** Definitions written so far, all tables together. */
  definitionsWritten: number;
};

/** Options of `ingestDefinitions`. */
export type IngestOptions = {
  store: ManifestStore;
  db: Database;
  versionId: string;
  /** The version readers use now; its items are compared with the new ones. */
  previous: ManifestPointer | null;
  batchSize?: number;
  signal?: AbortSignal;
  /** Called after each batch is written; a throw here stops the ingest (tests kill a refresh so). */
  afterBatch?: (progress: IngestProgress) => void | Promise<void>;
};

/** What `ingestDefinitions` wrote. */
export type IngestResult = {
  counts: Partial<Record<TableName, number>>;
  definitionsWritten: number;
  items: ItemDiff;
};

function sameItem(a: ItemDefinition, b: ItemDefinition): boolean {
  // Every field is a primitive: a shallow comparison is exact and ignores key order.
  return (Object.keys(a) as (keyof ItemDefinition)[]).every((key) => a[key] === b[key]);
}

/**
 * Streams every needed table of `db` into the store under `versionId`, batch by batch, and
 * counts how item definitions differ from `previous`. Writes nothing visible: the caller flips
 * the pointer afterwards.
 */
export async function ingestDefinitions(options: IngestOptions): Promise<IngestResult> {
  const { store, db, versionId, previous } = options;
  const counts: Partial<Record<TableName, number>> = {};
  const items: ItemDiff = { added: 0, changed: 0, removed: 0 };
  let inBoth = 0;
  let definitionsWritten = 0;
  for (const batch of readDefinitions(db, options.batchSize)) {
    options.signal?.throwIfAborted();
    if (batch.table === 'items') {
      const hashes = batch.definitions.map((d) => d.hash);
      // The comparison read runs alongside the write: one extra round trip per batch, not per item.
      const [old] = await Promise.all([
        previous ? store.getManyFromVersion(previous.versionId, 'items', hashes) : Promise.resolve(new Map<number, ItemDefinition>()),
        store.writeBatch(versionId, 'items', batch.definitions),
      ]);
      for (const definition of batch.definitions) {
        const before = old.get(definition.hash);
        if (!before) items.added++;
        else {
          inBoth++;
          if (!sameItem(before, definition)) items.changed++;
        }
      }
    } else {
      await store.writeBatch<TableName>(versionId, batch.table, batch.definitions);
    }
    counts[batch.table] = (counts[batch.table] ?? 0) + batch.definitions.length;
    definitionsWritten += batch.definitions.length;
    await options.afterBatch?.({ table: batch.table, definitionsWritten });
  }
  items.removed = previous ? Math.max(0, (previous.counts.items ?? 0) - inBoth) : 0;
  return { counts, definitionsWritten, items };
}
