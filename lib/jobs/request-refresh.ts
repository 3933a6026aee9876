import 'server-only';
import type { Session } from 'next-auth';
import { getConfig } from '@/lib/config';
import { AppError } from '@/lib/http/errors';
import { publishRefresh } from '@/lib/qstash/client';
import { startManifestJob } from './manifest-job';

/**
 * Refuses a cross-site request: a browser always sends `Origin` on a POST from a page, so it must
 * be the app's own; with no `Origin`, `Sec-Fetch-Site` must say same-origin. A JSON content type
 * is required too: an HTML form cannot send one, and a cross-site fetch with it needs a CORS
 * preflight that this route never grants.
 */
export function assertSameOrigin(request: Request): void {
  const appOrigin = new URL(getConfig().appUrl).origin;
  const origin = request.headers.get('origin');
  const fetchSite = request.headers.get('sec-fetch-site');
  const sameOrigin = origin !== null ? origin === appOrigin : fetchSite === 'same-origin';
  if (!sameOrigin) throw new AppError('cross_site', 403, 'This action only works from Vault Raider’s own pages.');
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) throw new AppError('unsupported_media_type', 403, 'Send this request as JSON.');
}

/**
 * An admin's "refresh now": checks the caller (signed out 401, not an admin 403) and the request's
 * origin, then enqueues a refresh without waiting for it — a QStash publish to the refresh route in
 * cloud mode, a background job in this process otherwise. Answers the id to follow it by.
 */
export async function requestManifestRefresh(request: Request, session: Session | undefined): Promise<{ jobId: string; via: 'qstash' | 'in-process' }> {
  if (!session || session.user.needsReauth) throw new AppError('signed_out', 401, 'Sign in to do this.');
  if (!session.user.isAdmin) throw new AppError('forbidden', 403, 'Only an admin can refresh the manifest.');
  assertSameOrigin(request);
  if (getConfig().scheduler.kind === 'qstash') {
    const { messageId } = await publishRefresh({ trigger: 'admin' });
    return { jobId: messageId, via: 'qstash' };
  }
  return { jobId: startManifestJob('admin').job.id, via: 'in-process' };
}
