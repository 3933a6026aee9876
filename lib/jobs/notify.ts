import 'server-only';
import { getConfig } from '@/lib/config';
import type { RefreshResult } from '@/lib/manifest/refresh';
import { log } from '@/lib/server/log';

type Updated = Extract<RefreshResult, { outcome: 'updated' }>;

/** The webhook message: `text` is what Slack reads, `content` what Discord reads. */
export function manifestUpdatedMessage(result: Updated): WebhookMessage {
  const { added, changed, removed } = result.items;
  const from = result.previousVersion ? ` (was ${result.previousVersion})` : '';
  const text = `Destiny manifest ${result.version} is live on Vault Raider${from}: item definitions ${added} added, ${changed} changed, ${removed} removed.`;
  return { text, content: text };
}

/** A webhook message: `text` is what Slack reads, `content` what Discord reads. */
export type WebhookMessage = { text: string; content: string };

/**
 * Posts a message to the configured webhook (`NOTIFY_WEBHOOK_URL`, Slack or Discord). Never
 * throws: a webhook that is down or refuses is logged and the caller carries on. The URL itself
 * is never logged — Slack and Discord webhook URLs carry their secret.
 */
export async function postWebhook(message: WebhookMessage, what: string): Promise<boolean> {
  const url = getConfig().webhookUrl;
  if (!url) return false;
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(message),
      signal: AbortSignal.timeout(5_000),
    });
    if (!response.ok) {
      log.warn(`${what} webhook answered HTTP ${response.status}; the notice was not delivered.`);
      return false;
    }
    return true;
  } catch (error) {
    log.warn(`${what} webhook failed (${error instanceof Error ? error.name : 'error'}); the notice was not delivered.`);
    return false;
  }
}

/** Tells the configured webhook about a new manifest version. */
export function notifyManifestUpdated(result: Updated): Promise<boolean> {
  return postWebhook(manifestUpdatedMessage(result), 'Manifest');
}
