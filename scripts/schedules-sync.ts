// npm run schedules:sync
// Creates or updates the QStash schedule that refreshes the manifest every MANIFEST_REFRESH_MINUTES
// (default 5) by calling ${AUTH_URL}/api/manifest/refresh. Idempotent: the schedule has a fixed id,
// so running it again (each deploy) updates that one schedule. Needs QSTASH_TOKEN and the signing keys.
import { ConfigError, getConfig } from '@/lib/config';
import { syncRefreshSchedule } from '@/lib/qstash/client';

try {
  if (getConfig().scheduler.kind !== 'qstash') {
    console.error('QSTASH_TOKEN is not set: without QStash the server refreshes the manifest itself (in-process), so there is no schedule to sync.');
    process.exit(2);
  }
  const sync = await syncRefreshSchedule();
  console.log(`${sync.created ? 'Created' : 'Updated'} schedule ${sync.scheduleId}: "${sync.cron}" → POST ${sync.destination}`);
} catch (error) {
  console.error(error instanceof ConfigError ? `Configuration error: ${error.message}` : `Schedule sync failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
