// npm run schedules:sync
// Creates or updates the QStash schedule that refreshes the manifest every MANIFEST_REFRESH_MINUTES
// (default 5) by calling ${AUTH_URL}/api/manifest/refresh, and, with NOTIFY_WEBHOOK_URL set, the weekly
// Xûr digest (Friday 17:05 UTC → ${AUTH_URL}/api/xur/digest). Idempotent: the schedule has a fixed id,
// so running it again (each deploy) updates that one schedule. Needs QSTASH_TOKEN and the signing keys.
import { ConfigError, getConfig } from '@/lib/config';
import { syncDigestSchedule, syncRefreshSchedule } from '@/lib/qstash/client';

try {
  if (getConfig().scheduler.kind !== 'qstash') {
    console.error('QSTASH_TOKEN is not set: without QStash the server refreshes the manifest itself (in-process), so there is no schedule to sync.');
    process.exit(2);
  }
  for (const sync of [await syncRefreshSchedule(), ...(getConfig().webhookUrl ? [await syncDigestSchedule()] : [])]) {
    console.log(`${sync.created ? 'Created' : 'Updated'} schedule ${sync.scheduleId}: "${sync.cron}" → POST ${sync.destination}`);
  }
} catch (error) {
  console.error(error instanceof ConfigError ? `Configuration error: ${error.message}` : `Schedule sync failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
