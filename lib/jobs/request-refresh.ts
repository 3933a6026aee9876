import 'server-only';
import { z } from 'zod';
import { getConfig } from '@/lib/config';
import { AppError } from '@/lib/http/errors';
import { getActiveRefresh, type ActiveRefresh } from '@/lib/manifest/status';
import { publishRefresh } from '@/lib/qstash/client';
import { startManifestJob } from './manifest-job';

/**
 * The "Refresh now" button sends `{}`; nothing else is accepted. Requiring a JSON body also keeps
 * HTML forms out: a form cannot send one, and a cross-site fetch with it needs a CORS preflight
 * the route never grants.
 */
export const refreshRequestSchema = z.object({}).strict();

/**
 * An admin's "refresh now" (the route checks the caller, same-origin and the body): enqueues a
 * refresh without waiting for it — a QStash publish to the refresh route in cloud mode, a
 * background job in this process otherwise. Answers the id to follow it by. While a refresh holds
 * the lease (in any process) nothing is enqueued: 409 saying what runs and since when.
 */
export async function requestManifestRefresh(): Promise<{ jobId: string; via: 'qstash' | 'in-process' }> {
  const active = await getActiveRefresh();
  if (active) throw new AppError('refresh_running', runningMessage(active), { active });
  if (getConfig().scheduler.kind === 'qstash') {
    const { messageId } = await publishRefresh({ trigger: 'admin' });
    return { jobId: messageId, via: 'qstash' };
  }
  return { jobId: startManifestJob('admin').job.id, via: 'in-process' };
}

const TRIGGERS: Record<string, string> = { schedule: 'by the schedule', admin: 'by an admin', startup: 'at start-up', qstash: 'by QStash' };

/** "A manifest refresh is already running (started by an admin at 03:41:07 UTC). …" */
export function runningMessage(active: ActiveRefresh): string {
  const by = active.trigger ? ` ${Object.hasOwn(TRIGGERS, active.trigger) ? TRIGGERS[active.trigger] : `by ${active.trigger}`}` : '';
  const at = active.startedAt ? ` at ${active.startedAt.slice(11, 19)} UTC` : ' just now';
  return `A manifest refresh is already running (started${by}${at}). Try again once it has finished.`;
}
