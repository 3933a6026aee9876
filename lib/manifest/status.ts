import 'server-only';
import { z } from 'zod';
import { getPrisma } from '@/lib/db/client';
import { runningManifestJob, type RunningJob } from '@/lib/jobs/manifest-job';
import type { CheckRecord } from './check-log';
import { getManifestStore } from './get-store';
import { LEASE_NAME } from './lease';
import type { RunningRefresh } from './refresh';
import type { ManifestStore } from './store';
import { TABLE_NAMES, type ManifestPointer } from './types';

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
  /**
   * The refresh running now with its phase and progress: the one holding the lease, in whichever
   * process (read off the lease's note), else a check this process is making.
   */
  running: RunningJob | null;
  /** The refresh holding the lease now, in this process or another; null when none runs. */
  active: ActiveRefresh | null;
  /** The most recent runs, newest first: ingests and failures (ManifestRun) and, in cloud mode, checks (the store's check log). */
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

const runningSchema: z.ZodType<RunningRefresh> = z.object({
  id: z.string(),
  trigger: z.string(),
  startedAt: z.string(),
  progress: z.object({
    phase: z.enum(['checking', 'downloading', 'writing', 'activating', 'pruning', 'done']),
    table: z.enum(TABLE_NAMES as [string, ...string[]]).optional() as z.ZodType<RunningRefresh['progress']['table']>,
    definitionsWritten: z.number().int(),
  }),
});

/** The lease's note as the running refresh, or null (none yet, or not one this code wrote). */
function parseNote(note: string | null): RunningRefresh | null {
  if (note === null) return null;
  try {
    const parsed = runningSchema.safeParse(JSON.parse(note));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The lease and the refresh noted on it: one store round trip, no database query. */
async function readLease(store: ManifestStore): Promise<{ active: ActiveRefresh; running: RunningRefresh | null } | null> {
  const lease = await store.leaseState(LEASE_NAME);
  if (!lease) return null;
  // The holder notes its run once it has recorded it; until then the trigger is not known.
  const running = parseNote(lease.note);
  return { active: { trigger: running?.trigger ?? null, startedAt: running?.startedAt ?? null, leaseRemainingMs: lease.remainingMs }, running };
}

/** The refresh holding the lease right now, in any process, or null when none runs (one store read). */
export async function getActiveRefresh(): Promise<ActiveRefresh | null> {
  return (await readLease(await getManifestStore()))?.active ?? null;
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

/**
 * Reads the manifest's status (admins): the pointer, the lease and its note, and the check log
 * from the store; ingests and failures from the database.
 */
export async function getManifestStatus(historySize = 20): Promise<ManifestStatus> {
  const [store, prisma] = await Promise.all([getManifestStore(), getPrisma()]);
  const [current, runs, checks, lastRefresh, lease] = await Promise.all([
    store.current(),
    prisma.manifestRun.findMany({ orderBy: { startedAt: 'desc' }, take: historySize }),
    store.checkLog?.recent(historySize) ?? Promise.resolve([]),
    prisma.manifestRun.findFirst({ where: { outcome: 'updated' }, orderBy: { startedAt: 'desc' } }),
    readLease(store),
  ]);
  const history = [...runs.map(view), ...checks.map(checkView)]
    .sort((a, b) => b.startedAt.localeCompare(a.startedAt))
    .slice(0, historySize);
  return {
    store: store.kind,
    current,
    lastCheck: history.find((r) => r.outcome !== 'running') ?? null,
    lastRefresh: lastRefresh ? view(lastRefresh) : null,
    running: lease?.running ?? runningManifestJob() ?? null,
    active: lease?.active ?? null,
    history,
  };
}

function checkView(check: CheckRecord): ManifestRunView {
  return {
    id: check.id, trigger: check.trigger, outcome: check.outcome, version: check.version, startedAt: check.startedAt, finishedAt: check.finishedAt,
    durationMs: check.durationMs, definitionsWritten: 0, items: null, error: check.error,
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
