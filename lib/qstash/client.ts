import 'server-only';
import { Client } from '@upstash/qstash';
import { getConfig, type SchedulerConfig } from '@/lib/config';
import { AppError } from '@/lib/http/errors';

/** The fixed id of the refresh schedule: creating it again updates it instead of adding one. */
export const REFRESH_SCHEDULE_ID = 'vault-raider-manifest-refresh';

type QstashConfig = Extract<SchedulerConfig, { kind: 'qstash' }>;

/** The scheduler configuration when it is QStash; a 404 AppError otherwise. */
export function qstashConfig(): QstashConfig {
  const { scheduler } = getConfig();
  if (scheduler.kind !== 'qstash') {
    throw new AppError('not_found', 'The QStash callback is off: this server refreshes the manifest with its in-process scheduler (QSTASH_TOKEN is unset).');
  }
  return scheduler;
}

/** Where QStash delivers refreshes: `${AUTH_URL}/api/manifest/refresh` (also the signature's `sub`). */
export function refreshCallbackUrl(): string {
  return `${getConfig().appUrl}/api/manifest/refresh`;
}

/** The fixed id of the weekly Xûr digest schedule. */
export const DIGEST_SCHEDULE_ID = 'vault-raider-xur-digest';
/** Friday 17:05 UTC, just after the weekly reset (QStash crons are UTC). */
export const DIGEST_CRON = '5 17 * * 5';

/** Where QStash delivers the weekly digest (also the signature's `sub`). */
export function digestCallbackUrl(): string {
  return `${getConfig().appUrl}/api/xur/digest`;
}

/** Cron for "every N minutes" (N divides an hour or a day in practice; QStash takes any cron). */
export function everyMinutesCron(minutes: number): string {
  if (minutes === 1) return '* * * * *';
  if (minutes < 60) return `*/${minutes} * * * *`;
  if (minutes % 60 === 0 && minutes < 1440) return `0 */${minutes / 60} * * *`;
  return '0 0 * * *';
}

function client(config: QstashConfig): Client {
  // Everything explicit: no dev-mode binary download, no telemetry, no reading of process.env.
  return new Client({ baseUrl: config.url, token: config.token, devMode: false, enableTelemetry: false, retry: { retries: 2 } });
}

/** What a delivery's JSON body says about who asked. */
export type RefreshMessage = { trigger: 'schedule' | 'admin' };

/** Publishes one refresh to the callback route through QStash; answers QStash's message id. */
export async function publishRefresh(message: RefreshMessage): Promise<{ messageId: string }> {
  const config = qstashConfig();
  const answer = await client(config).publishJSON({ url: refreshCallbackUrl(), body: message, retries: 3 });
  return { messageId: answer.messageId };
}

/** The refresh schedule as it stands in QStash after a sync. */
export type ScheduleSync = { scheduleId: string; cron: string; destination: string; created: boolean };

/**
 * Creates or updates the refresh schedule: every `MANIFEST_REFRESH_MINUTES` to the callback URL,
 * under `REFRESH_SCHEDULE_ID`, so running it again never adds a second schedule.
 */
export async function syncRefreshSchedule(): Promise<ScheduleSync> {
  const config = qstashConfig();
  const qstash = client(config);
  const existing = (await qstash.schedules.list()).some((s) => s.scheduleId === REFRESH_SCHEDULE_ID);
  const cron = everyMinutesCron(config.intervalMinutes);
  const destination = refreshCallbackUrl();
  const body: RefreshMessage = { trigger: 'schedule' };
  await qstash.schedules.create({
    scheduleId: REFRESH_SCHEDULE_ID, destination, cron, body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' }, retries: 3,
  });
  return { scheduleId: REFRESH_SCHEDULE_ID, cron, destination, created: !existing };
}

/** Creates or updates the weekly Xûr digest schedule under `DIGEST_SCHEDULE_ID`. */
export async function syncDigestSchedule(): Promise<ScheduleSync> {
  const qstash = client(qstashConfig());
  const existing = (await qstash.schedules.list()).some((s) => s.scheduleId === DIGEST_SCHEDULE_ID);
  const destination = digestCallbackUrl();
  await qstash.schedules.create({ scheduleId: DIGEST_SCHEDULE_ID, destination, cron: DIGEST_CRON, body: '{}', headers: { 'Content-Type': 'application/json' }, retries: 2 });
  return { scheduleId: DIGEST_SCHEDULE_ID, cron: DIGEST_CRON, destination, created: !existing };
}
