import 'server-only';
import { getConfig } from '@/lib/config';
import { loadXur } from '@/lib/inventory/loaders/load-xur';
import { xurDigestMessage } from '@/lib/inventory/build/xur-digest';
import { log } from '@/lib/server/log';
import { postWebhook } from './notify';

/** How a digest attempt ended. */
export type DigestOutcome = 'posted' | 'absent' | 'unavailable' | 'no-webhook' | 'failed';

/** Minutes after the Friday 17:00 UTC reset: Bungie's vendors take a moment to turn over. */
const AFTER_RESET_MINUTES = 5;

/** The next Friday 17:05 UTC strictly after `now`: when the weekly digest goes out. */
export function nextDigestTime(now: Date): Date {
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 17, AFTER_RESET_MINUTES));
  next.setUTCDate(next.getUTCDate() + ((5 - next.getUTCDay() + 7) % 7));
  if (next.getTime() <= now.getTime()) next.setUTCDate(next.getUTCDate() + 7);
  return next;
}

/**
 * Posts Xûr's stock to the webhook, as the original author emailed and tweeted it each week. Reads
 * the public Vendors preview (no player's token); says nothing when Xûr is absent from it.
 */
export async function postXurDigest(now = new Date()): Promise<DigestOutcome> {
  const { webhookUrl, appUrl } = getConfig();
  if (!webhookUrl) return 'no-webhook';
  const result = await loadXur(null, { now });
  if (result.kind !== 'ok') {
    log.warn(`Xûr digest skipped: his stock could not be read (${result.kind}).`);
    return 'unavailable';
  }
  const message = xurDigestMessage(result.view, appUrl);
  if (!message) {
    log.info('Xûr digest skipped: Bungie lists no Xûr right now.');
    return 'absent';
  }
  return (await postWebhook(message, 'Xûr digest')) ? 'posted' : 'failed';
}
