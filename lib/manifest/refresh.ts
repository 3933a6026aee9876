import 'server-only';
import { getDestinyManifest } from '@/lib/bungie/destiny2';
import { getConfig } from '@/lib/config';
import type { PrismaClient } from '@/lib/db/client';
import { newCheckId, type CheckRecord } from './check-log';
import { COMPACT_FORMAT } from './compact';
import { downloadManifestDatabase, openManifestDatabase, type DownloadOptions } from './extract';
import { ingestDefinitions, type IngestProgress, type ItemDiff } from './ingest';
import { holdLease, LAPSED_RUN_ERROR, LEASE_TTL_MS, takeLease, type HeldLease } from './lease';
import type { ManifestStore } from './store';
import type { ManifestPointer, TableName } from './types';

/** Where a refresh is. */
export type RefreshPhase = 'checking' | 'downloading' | 'writing' | 'activating' | 'pruning' | 'done';

/** A progress report: the phase, and while writing the table and running count. */
export type RefreshProgress = { phase: RefreshPhase; table?: TableName; definitionsWritten: number };

/**
 * A refresh running somewhere, as every process can read it: the note its run keeps on the refresh
 * lease (see lease.ts), so `/admin` shows live progress whichever instance answers.
 */
export type RunningRefresh = {
  /** The job id the process running it handed out (or its ManifestRun id). */
  id: string;
  trigger: string;
  /** ISO 8601. */
  startedAt: string;
  progress: RefreshProgress;
};

/** How a refresh ended (a failure throws after recording the run). */
export type RefreshResult =
  | {
      outcome: 'unchanged';
      /** What records this check: a ManifestRun row, or (Upstash) an entry of the store's check log. */
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
  /** The id other processes see the running refresh by (default: its ManifestRun id). */
  jobId?: string;
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

/** The stored version is Bungie's current one, compacted as this code compacts (else it is ingested again). */
const matches = (pointer: ManifestPointer | null, manifest: { version: string; contentPath: string }) =>
  pointer !== null && pointer.version === manifest.version && pointer.contentPath === manifest.contentPath && (pointer.format ?? 1) === COMPACT_FORMAT;

/**
 * Brings the stored manifest up to Bungie's current one. Asks `Destiny2/Manifest/` and stops
 * there when version and content path match the stored pointer (one request to Bungie, no
 * definition writes). Where the store keeps a check log (Upstash), that check — and one that
 * fails before an ingest starts — is recorded there, in the same round trip as the pointer read,
 * and Postgres is not touched at all; otherwise it is a ManifestRun row.
 * When something changed, under a lease (see lease.ts; a holder that died is waited out, its run
 * marked failed): sweeps versions other than the current one (leftovers of runs that died
 * mid-write), downloads and extracts the content, writes it under a new version in batches (its
 * progress noted on the lease for every process), flips the pointer, and drops the old version. A
 * run that dies before the flip leaves the previous version current. An ingest is a ManifestRun
 * row; a failed run is recorded and its error rethrown; an "already running" one is not recorded.
 */
export async function refreshManifest(options: RefreshOptions): Promise<RefreshResult> {
  const { store, prisma } = options;
  const checkLog = store.checkLog;
  const started = Date.now();
  const trigger = options.trigger ?? 'schedule';
  let runId: string | undefined;
  let seen: { version: string; contentPath: string } | undefined;
  let written = 0;
  let lease: HeldLease | undefined;
  let running: RunningRefresh | undefined;
  const report = (phase: RefreshPhase, extra: Partial<RefreshProgress> = {}) => {
    const progress = { phase, definitionsWritten: 0, ...extra };
    options.onProgress?.(progress);
    if (lease && running) {
      const newPhase = running.progress.phase !== phase;
      running.progress = progress;
      lease.note(JSON.stringify(running), newPhase);
    }
  };

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
  const checkRecord = (outcome: CheckRecord['outcome'], error: string | null = null): CheckRecord => ({
    id: newCheckId(), trigger, outcome, startedAt: new Date(started).toISOString(), finishedAt: new Date().toISOString(),
    durationMs: Date.now() - started, version: seen?.version ?? null, contentPath: seen?.contentPath ?? null, error,
  });

  try {
    report('checking');
    // With a check log the pointer is read after Bungie answered, in the round trip that records
    // the check; without one (Postgres) both are asked at once.
    const [manifest, storedNow] = await Promise.all([
      getDestinyManifest({ signal: options.signal }),
      checkLog ? Promise.resolve(null) : store.current(),
    ]);
    const contentPath = manifest.mobileWorldContentPaths?.en;
    if (!contentPath) throw new Error('Bungie’s manifest has no English content path (mobileWorldContentPaths.en).');
    seen = { version: manifest.version, contentPath };
    const check = checkLog ? checkRecord('unchanged') : undefined;
    const stored = check ? await checkLog!.currentRecording(check) : storedNow;
    if (matches(stored, seen)) {
      report('done');
      return { outcome: 'unchanged', runId: check ? check.id : await finish({ outcome: 'unchanged' }), ...seen };
    }
    // Not unchanged after all: the ingest below is a ManifestRun row (or, already running, nothing).
    if (check) await checkLog!.withdraw(check);

    const ttl = options.lockTtlMs ?? LEASE_TTL_MS;
    const lock = await takeLease(store, { ttlMs: ttl, waitMs: options.leaseWaitMs });
    if (!lock) return { outcome: 'already-running' };
    lease = holdLease(lock, ttl);
    // Holding the lease, any run still marked running lost its own: its process is gone.
    await prisma.manifestRun.updateMany({ where: { outcome: 'running' }, data: { outcome: 'failed', finishedAt: new Date(), error: LAPSED_RUN_ERROR } });
    runId = (await prisma.manifestRun.create({ data: { trigger, startedAt: new Date(started), version: seen.version, contentPath } })).id;
    running = { id: options.jobId ?? runId, trigger, startedAt: new Date(started).toISOString(), progress: { phase: 'checking', definitionsWritten: 0 } };
    lease.note(JSON.stringify(running), true);

    // Another refresh may have finished between our check and our lock.
    const previous = await store.current();
    if (matches(previous, seen)) {
      report('done');
      return { outcome: 'unchanged', runId: await finish({ outcome: 'unchanged' }), ...seen };
    }
    // Every ingest starts by sweeping what runs that died mid-write left behind (a partial version
    // each, as big as a whole one): only the current version stays.
    await store.pruneVersions(...(previous ? [previous.versionId] : []));

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
    await store.activate({ versionId, version: seen.version, contentPath, counts: result.counts, activatedAt: new Date().toISOString(), format: COMPACT_FORMAT });
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
    const message = error instanceof Error ? error.message : String(error);
    // A check that failed before any ingest began goes where checks go (Upstash: not Postgres).
    if (checkLog && !lease) await checkLog.record(checkRecord('failed', message)).catch(() => undefined);
    else await finish({ outcome: 'failed', definitionsWritten: written, error: message }).catch(() => undefined);
    throw error;
  } finally {
    await lease?.release().catch(() => undefined);
  }
}
