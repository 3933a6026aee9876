import 'server-only';
import { z } from 'zod';
import { AppError } from '@/lib/http/errors';
import { qstashConfig, refreshCallbackUrl } from '@/lib/qstash/client';
import { readBodyText } from '@/lib/http/request';
import { verifyQstashSignature } from '@/lib/qstash/signature';
import { startManifestJob } from './manifest-job';

const messageSchema = z.object({ trigger: z.enum(['schedule', 'admin']) });

/** What the callback answers QStash (and its logs): how the refresh ended. */
export type RefreshCallbackAnswer = { outcome: 'updated' | 'unchanged' | 'already-running'; version?: string; runId?: string };

/**
 * The QStash delivery of a refresh: 404 unless QStash is the scheduler, 401 unless the signature
 * holds (checked before anything runs), then the refresh itself, awaited — QStash retries a 5xx,
 * so a failed refresh answers 500 and is tried again; "already running" is a success.
 */
export async function handleRefreshDelivery(request: Request): Promise<RefreshCallbackAnswer> {
  const config = qstashConfig();
  const body = await readBodyText(request);
  // The expected URL comes from configuration, not from the request: a proxy may rewrite the host.
  await verifyQstashSignature(
    { signature: request.headers.get('upstash-signature'), body, url: refreshCallbackUrl() },
    { currentSigningKey: config.currentSigningKey, nextSigningKey: config.nextSigningKey },
  );
  const trigger = parseTrigger(body);
  const result = await startManifestJob(trigger).done;
  if (!result) throw new AppError('refresh_failed', 500, 'The manifest refresh failed; see the server log and the run history.');
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
