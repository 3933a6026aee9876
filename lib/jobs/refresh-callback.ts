import 'server-only';
import { z } from 'zod';
import { AppError } from '@/lib/http/errors';
import { startManifestJob } from './manifest-job';

const messageSchema = z.object({ trigger: z.enum(['schedule', 'admin']) });

/** What the callback answers QStash (and its logs): how the refresh ended. */
export type RefreshCallbackAnswer = { outcome: 'updated' | 'unchanged' | 'already-running'; version?: string; runId?: string };

/**
 * A QStash delivery of a refresh, its signature already checked by the route (404 unless QStash is
 * the scheduler, 401 unless signed): the refresh itself, awaited — QStash retries a 5xx, so a
 * failed refresh answers 500 and is tried again; "already running" is a success.
 */
export async function handleRefreshDelivery(body: string): Promise<RefreshCallbackAnswer> {
  const trigger = parseTrigger(body);
  const result = await startManifestJob(trigger).done;
  if (!result) throw new AppError('refresh_failed');
  if (result.outcome === 'already-running') return { outcome: 'already-running' };
  return { outcome: result.outcome, version: result.version, runId: result.runId };
}

function parseTrigger(body: string): string {
  try {
    const parsed = messageSchema.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data.trigger : 'qstash';
  } catch {
    return 'qstash';
  }
}
