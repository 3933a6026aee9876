import 'server-only';
import { getPrisma } from '@/lib/db/client';
import { runningManifestJob, type RunningJob } from '@/lib/jobs/manifest-job';
import { getManifestStore } from './get-store';
import { LEASE_NAME } from './lease';
import type { ManifestPointer } from './types';

/** One manifest refresh as the admin sees it. */
export type ManifestRunView = {
  id: string;
  trigger: string;
  outcome: 'running' | 'unchanged' | 'updated' | 'failed';
  version: string | null;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  definitionsWritten: number;
  items: { added: number; changed: number; removed: number } | null;
  error: string | null;
};

/** What `/api/manifest/status` and `/admin` show. */
export type ManifestStatus = {
  /** Which store holds definitions. */
  store: 'upstash' | 'postgres';
  /** The version pages read, or null before the first ingest. */
  current: ManifestPointer | null;
  /** The latest run of any outcome: when Bungie was last asked. */
  lastCheck: ManifestRunView | null;
  /** The latest run that wrote a new version. */
  lastRefresh: ManifestRunView | null;
  /** The refresh running in this process now, with its phase and progress. */
  running: RunningJob | null;
  /** The refresh holding the lease now, in this process or another; null when none runs. */
  active: ActiveRefresh | null;
  /** The most recent runs, newest first. */
  history: ManifestRunView[];
};

/** A refresh some process is running now (it holds the lease): what started it and since when. */
export type ActiveRefresh = {
  /** What started it ("schedule", "admin", ...); null in the moment between taking the lease and recording the run. */
  trigger: string | null;
  /** When it started (ISO); null likewise. */
  startedAt: string | null;
  /** How long its lease lasts unless renewed; a live run renews it, a dead one's runs out. */
  leaseRemainingMs: number;
};

/** The refresh holding the lease right now, in any process, or null when none runs. */
export async function getActiveRefresh(): Promise<ActiveRefresh | null> {
  const [store, prisma] = await Promise.all([getManifestStore(), getPrisma()]);
  const lease = await store.leaseState(LEASE_NAME);
  if (!lease) return null;
  // Only a lease holder records a "running" run; the lease's next holder closes any its process left.
  const run = await prisma.manifestRun.findFirst({ where: { outcome: 'running' }, orderBy: { startedAt: 'desc' } });
  return { trigger: run?.trigger ?? null, startedAt: run?.startedAt.toISOString() ?? null, leaseRemainingMs: lease.remainingMs };
}

/** What `/api/manifest/status` tells anyone who is not an admin: which version pages read, nothing of the runs. */
export type PublicManifestStatus = {
  /** Bungie's `version` string of the version pages read and when it became current; null before the first ingest. */
  current: { version: string; activatedAt: string } | null;
};

/** The public part of the status: the current version only (one store read, no database query). */
export async function getPublicManifestStatus(): Promise<PublicManifestStatus> {
  const current = await (await getManifestStore()).current();
  return { current: current ? { version: current.version, activatedAt: current.activatedAt } : null };
}

/** Reads the manifest's status: the pointer from the store, the history from the database. */
export async function getManifestStatus(historySize = 20): Promise<ManifestStatus> {
  const [store, prisma] = await Promise.all([getManifestStore(), getPrisma()]);
  const [current, runs, lastRefresh, active] = await Promise.all([
    store.current(),
    prisma.manifestRun.findMany({ orderBy: { startedAt: 'desc' }, take: historySize }),
    prisma.manifestRun.findFirst({ where: { outcome: 'updated' }, orderBy: { startedAt: 'desc' } }),
    getActiveRefresh(),
  ]);
  const history = runs.map(view);
  return {
    store: store.kind,
    current,
    lastCheck: history.find((r) => r.outcome !== 'running') ?? null,
    lastRefresh: lastRefresh ? view(lastRefresh) : null,
    running: runningManifestJob() ?? null,
    active,
    history,
  };
}

type RunRow = Awaited<ReturnType<Awaited<ReturnType<typeof getPrisma>>['manifestRun']['findMany']>>[number];

function view(run: RunRow): ManifestRunView {
  return {
    id: run.id,
    trigger: run.trigger,
    outcome: run.outcome,
    version: run.version,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    durationMs: run.durationMs,
    definitionsWritten: run.definitionsWritten,
    items: run.itemsAdded === null ? null : { added: run.itemsAdded, changed: run.itemsChanged ?? 0, removed: run.itemsRemoved ?? 0 },
    error: run.error,
  };
}
