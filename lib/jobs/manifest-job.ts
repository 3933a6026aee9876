import 'server-only';
import crypto from 'node:crypto';
import { getPrisma } from '@/lib/db/client';
import { forgetPageDefinitions } from '@/lib/inventory/definitions';
import { getManifestStore } from '@/lib/manifest/get-store';
import { pruneManifestRuns } from '@/lib/manifest/prune-runs';
import { refreshManifest, type RefreshResult, type RunningRefresh } from '@/lib/manifest/refresh';
import { log } from '@/lib/server/log';
import { notifyManifestUpdated } from './notify';

/** A manifest refresh this process is running (the same shape every process reads off the lease). */
export type RunningJob = RunningRefresh;

type Holder = typeof globalThis & { __vaultRaiderManifestJob?: { job: RunningJob; done: Promise<RefreshResult | undefined> } };
const holder = globalThis as Holder;

/** The refresh running in this process right now, if any. */
export function runningManifestJob(): RunningJob | undefined {
  return holder.__vaultRaiderManifestJob?.job;
}

/**
 * Starts a manifest refresh in the background (unless this process already runs one, whose job is
 * returned instead). The store's lock keeps other processes from overlapping it. Failures are
 * recorded in the run history and logged, never thrown to the caller. A new version is announced
 * on the webhook, and old run history is pruned after a run that wrote a ManifestRun row (in cloud
 * mode an unchanged check writes none and touches no database at all).
 */
export function startManifestJob(trigger: string): { job: RunningJob; done: Promise<RefreshResult | undefined> } {
  const existing = holder.__vaultRaiderManifestJob;
  if (existing) return existing;
  const job: RunningJob = { id: crypto.randomUUID(), trigger, startedAt: new Date().toISOString(), progress: { phase: 'checking', definitionsWritten: 0 } };
  const done = (async () => {
    try {
      const [store, prisma] = await Promise.all([getManifestStore(), getPrisma()]);
      const result = await refreshManifest({ store, prisma, trigger, jobId: job.id, onProgress: (progress) => (job.progress = progress) });
      describe(result);
      // Pages read the new version at once instead of after the definition cache's pointer expires.
      if (result.outcome === 'updated') forgetPageDefinitions();
      if (result.outcome === 'updated') await notifyManifestUpdated(result);
      // History is housekeeping: a failed prune never fails the refresh. A check the store's check
      // log recorded (Upstash) added no row, so it prunes nothing; that log caps itself.
      const addedRow = result.outcome === 'updated' || (result.outcome === 'unchanged' && !store.checkLog);
      if (addedRow) await pruneManifestRuns(prisma).catch((error: unknown) => log.warn(`Pruning manifest run history failed: ${error instanceof Error ? error.message : String(error)}`));
      return result;
    } catch (error) {
      log.error(`Manifest refresh (${trigger}) failed: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    } finally {
      holder.__vaultRaiderManifestJob = undefined;
    }
  })();
  holder.__vaultRaiderManifestJob = { job, done };
  return { job, done };
}

function describe(result: RefreshResult): void {
  if (result.outcome === 'updated') {
    const { items } = result;
    log.info(`Manifest ${result.version} is current: ${result.definitionsWritten} definitions in ${result.durationMs} ms (items +${items.added} ~${items.changed} -${items.removed}).`);
  } else if (result.outcome === 'unchanged') {
    log.debug(`Manifest ${result.version} unchanged.`);
  } else {
    log.info('Manifest refresh skipped: another one is running.');
  }
}
