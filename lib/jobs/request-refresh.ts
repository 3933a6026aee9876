import 'server-only';
import { z } from 'zod';
import { getConfig } from '@/lib/config';
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
 * background job in this process otherwise. Answers the id to follow it by.
 */
export async function requestManifestRefresh(): Promise<{ jobId: string; via: 'qstash' | 'in-process' }> {
  if (getConfig().scheduler.kind === 'qstash') {
    const { messageId } = await publishRefresh({ trigger: 'admin' });
    return { jobId: messageId, via: 'qstash' };
  }
  return { jobId: startManifestJob('admin').job.id, via: 'in-process' };
}
