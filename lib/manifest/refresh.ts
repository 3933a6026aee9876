import 'server-only';
import { getDestinyManifest } from '@/lib/bungie/destiny2';
import { getConfig } from '@/lib/config';
import type { PrismaClient } from '@/lib/db/client';
import { downloadManifestDatabase, openManifestDatabase, type DownloadOptions } from './extract';
import { ingestDefinitions, type IngestProgress, type ItemDiff } from './ingest';
import { holdLease, LAPSED_RUN_ERROR, LEASE_TTL_MS, takeLease, type HeldLease } from './lease';
import type { ManifestStore } from './store';
import type { ManifestPointer, TableName } from './types';

/** Where a refresh is. */
export type RefreshPhase = 'checking' | 'downloading' | 'writing' | 'activating' | 'pruning' | 'done';

/** A progress report: the phase, and while writing the table and running count. */
export type RefreshProgress = { phase: RefreshPhase; table?: TableName; definitionsWritten: number };

/** How a refresh ended (a failure throws after recording the run). */
export type RefreshResult =
  | {
      outcome: 'unchanged';
      /** The ManifestRun row recording this check. */
      runId: string;
      version: string;
      contentPath: string;
    }
  | {
      outcome: 'updated';
      runId: string;
      version: string;
      contentPath: string;
      /** Bungie's version string that was current before, null on the first ingest. */
      previousVersion: string | null;
      definitionsWritten: number;
      counts: Partial<Record<TableName, number>>;
      /** How item definitions differ from the previous version (all "added" on the first ingest). */
      items: ItemDiff;
      durationMs: number;
    }
  | { outcome: 'already-running' };

/** Options of `refreshManifest`. */
export type RefreshOptions = {
  store: ManifestStore;
  /** Where ManifestRun history is recorded (the app database, in every mode). */
  prisma: PrismaClient;
  /** What started the run, recorded in its history row (default "schedule"). */
  trigger?: string;
  onProgress?: (progress: RefreshProgress) => void;
  /** Stops the run between batches; the previous version stays current. */
  signal?: AbortSignal;
  /** Called after each written batch; a throw aborts the run (tests use it to kill a refresh). */
  afterBatch?: (progress: IngestProgress) => void | Promise<void>;
  /** How long the lease lasts without renewal (default 30 s; renewed every third of it while the run lives). */
  lockTtlMs?: number;
  /** How long to watch a lease someone else holds before answering "already running" (default ttl + 2 s). */
  leaseWaitMs?: number;
  batchSize?: number;
  download?: DownloadOptions;
};

export { ManifestLockLostError } from './lease';

const matches = (pointer: ManifestPointer | null, manifest: { version: string; contentPath: string }) =>
  pointer !== null && pointer.version === manifest.version && pointer.contentPath === manifest.contentPath;

/**
 * Brings the stored manifest up to Bungie's current one. Asks `Destiny2/Manifest/` and stops
 * there when version and content path match the stored pointer (one request, no store writes).
 * Otherwise, under a lease (see lease.ts; a holder that died is waited out, its run marked failed): downloads and extracts the content, writes it under a new
 * version in batches, flips the pointer, and drops older versions. A run that dies before the
 * flip leaves the previous version current. Every run but an "already running" one is recorded
 * in ManifestRun; a failed run is recorded and its error rethrown.
 */
export async function refreshManifest(options: RefreshOptions): Promise<RefreshResult> {
  const { store, prisma } = options;
  const started = Date.now();
  const report = (phase: RefreshPhase, extra: Partial<RefreshProgress> = {}) => options.onProgress?.({ phase, definitionsWritten: 0, ...extra });
  const trigger = options.trigger ?? 'schedule';
  let runId: string | undefined;
  let seen: { version: string; contentPath: string } | undefined;
  let written = 0;

  const finish = async (data: { outcome: 'unchanged' | 'updated' | 'failed'; definitionsWritten?: number; items?: ItemDiff; error?: string }) => {
    const finishedAt = new Date();
    const fields = {
      outcome: data.outcome,
      finishedAt,
      durationMs: finishedAt.getTime() - started,
      definitionsWritten: data.definitionsWritten ?? 0,
      itemsAdded: data.items?.added,
      itemsChanged: data.items?.changed,
      itemsRemoved: data.items?.removed,
      error: data.error,
      version: seen?.version,
      contentPath: seen?.contentPath,
    };
    if (runId) await prisma.manifestRun.update({ where: { id: runId }, data: fields });
    else runId = (await prisma.manifestRun.create({ data: { trigger, startedAt: new Date(started), ...fields } })).id;
    return runId;
  };

  let lease: HeldLease | undefined;
  try {
    report('checking');
    const [manifest, stored] = await Promise.all([
      getDestinyManifest({ signal: options.signal }),
      store.current(),
    ]);
    const contentPath = manifest.mobileWorldContentPaths?.en;
    if (!contentPath) throw new Error('Bungie’s manifest has no English content path (mobileWorldContentPaths.en).');
    seen = { version: manifest.version, contentPath };
    if (matches(stored, seen)) {
      report('done');
      return { outcome: 'unchanged', runId: await finish({ outcome: 'unchanged' }), ...seen };
    }

    const ttl = options.lockTtlMs ?? LEASE_TTL_MS;
    const lock = await takeLease(store, { ttlMs: ttl, waitMs: options.leaseWaitMs });
    if (!lock) return { outcome: 'already-running' };
    lease = holdLease(lock, ttl);
    // Holding the lease, any run still marked running lost its own: its process is gone.
    await prisma.manifestRun.updateMany({ where: { outcome: 'running' }, data: { outcome: 'failed', finishedAt: new Date(), error: LAPSED_RUN_ERROR } });
    runId = (await prisma.manifestRun.create({ data: { trigger, startedAt: new Date(started), version: seen.version, contentPath } })).id;

    // Another refresh may have finished between our check and our lock.
    const previous = await store.current();
    if (matches(previous, seen)) {
      report('done');
      return { outcome: 'unchanged', runId: await finish({ outcome: 'unchanged' }), ...seen };
    }

    report('downloading');
    const url = new URL(contentPath, getConfig().bungie.origin).toString();
    const db = await openManifestDatabase(await downloadManifestDatabase(url, { ...options.download, signal: options.signal }));
    let result: Awaited<ReturnType<typeof ingestDefinitions>>;
    const versionId = await store.createVersion();
    try {
      const held = lease;
      result = await ingestDefinitions({
        store, db, versionId, previous, batchSize: options.batchSize, signal: options.signal,
        afterBatch: async (progress) => {
          written = progress.definitionsWritten;
          report('writing', progress);
          // A lease lost mid-write means another run may be writing too: stop before the flip.
          held.assertHeld();
          await options.afterBatch?.(progress);
        },
      });
    } finally {
      db.close();
    }
    options.signal?.throwIfAborted();

    lease.assertHeld();
    report('activating', { definitionsWritten: result.definitionsWritten });
    await store.activate({ versionId, version: seen.version, contentPath, counts: result.counts, activatedAt: new Date().toISOString() });
    report('pruning', { definitionsWritten: result.definitionsWritten });
    // The new version is live: a failed cleanup only leaves garbage the next refresh removes.
    await store.pruneVersions(versionId).catch(() => undefined);

    const id = await finish({ outcome: 'updated', definitionsWritten: result.definitionsWritten, items: result.items });
    report('done', { definitionsWritten: result.definitionsWritten });
    return {
      outcome: 'updated', runId: id, ...seen, previousVersion: previous?.version ?? null, definitionsWritten: result.definitionsWritten,
      counts: result.counts, items: result.items, durationMs: Date.now() - started,
    };
  } catch (error) {
    await finish({ outcome: 'failed', definitionsWritten: written, error: error instanceof Error ? error.message : String(error) }).catch(() => undefined);
    throw error;
  } finally {
    await lease?.release().catch(() => undefined);
  }
}
