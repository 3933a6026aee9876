import 'server-only';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';

/**
 * One manifest check that ended before any ingest: Bungie's manifest matched the stored pointer
 * ("unchanged"), or asking failed ("failed"). In cloud mode these live in the store's capped check
 * log (a Redis list), not in Postgres: a 5-minute schedule makes ~8,600 of them a month, and a
 * database row for each kept the database awake all month (issue #15). Ingests, and failures
 * once an ingest began, are ManifestRun rows.
 */
export type CheckRecord = {
  id: string;
  trigger: string;
  outcome: 'unchanged' | 'failed';
  /** ISO 8601. */
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  /** Bungie's `version` and English content path as seen; null when Bungie could not be asked. */
  version: string | null;
  contentPath: string | null;
  error: string | null;
};

/** How many checks the log keeps: 500 five-minute checks are about 42 hours. */
export const CHECK_LOG_SIZE = 500;

/** A fresh check id (a check-log entry is never a ManifestRun row, so no cuid is needed). */
export function newCheckId(): string {
  return `check-${randomUUID()}`;
}

/** A check-log entry read back; an entry that does not parse (an older deploy's) is dropped by the reader. */
export const checkRecordSchema: z.ZodType<CheckRecord> = z.object({
  id: z.string().min(1),
  trigger: z.string(),
  outcome: z.enum(['unchanged', 'failed']),
  startedAt: z.string(),
  finishedAt: z.string(),
  durationMs: z.number().int(),
  version: z.string().nullable(),
  contentPath: z.string().nullable(),
  error: z.string().nullable(),
});

/** Parses one stored entry, or undefined when it is not one. */
export function parseCheckRecord(raw: string): CheckRecord | undefined {
  try {
    const parsed = checkRecordSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
