import 'server-only';
import type { Database } from 'sql.js';
import { readDefinitions, type DefinitionBatch } from './extract';
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
  // Fields are primitives but for `statBonuses` (stat hash → bonus), compared entry by entry; a
  // field only one side has (an optional one) is a change too.
  const keys = new Set([...Object.keys(a), ...Object.keys(b)] as (keyof ItemDefinition)[]);
  return [...keys].every((key) => (key === 'statBonuses' ? sameBonuses(a.statBonuses, b.statBonuses) : a[key] === b[key]));
}

function sameBonuses(a: ItemDefinition['statBonuses'], b: ItemDefinition['statBonuses']): boolean {
  const x = Object.entries(a ?? {});
  return x.length === Object.keys(b ?? {}).length && x.every(([stat, value]) => b?.[stat] === value);
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

  const write = async (batch: DefinitionBatch) => {
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
  };

  // One batch is read and compacted while the one before it is being written: the store's round
  // trip and our CPU overlap, and never more than two batches are alive. A batch's write starts
  // only once the previous one (and its afterBatch) has finished, so a stop takes effect there.
  let writing: Promise<void> | undefined;
  try {
    for (const batch of readDefinitions(db, options.batchSize)) {
      await writing;
      options.signal?.throwIfAborted();
      writing = write(batch);
      // Let the request leave before the next batch is compacted (the event loop sends it).
      await new Promise((resolve) => setImmediate(resolve));
    }
    await writing;
  } finally {
    // A failure while reading leaves no write running unobserved.
    await writing?.catch(() => undefined);
  }
  items.removed = previous ? Math.max(0, (previous.counts.items ?? 0) - inBoth) : 0;
  return { counts, definitionsWritten, items };
}
