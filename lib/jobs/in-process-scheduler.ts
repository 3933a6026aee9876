import 'server-only';
import { log } from '@/lib/server/log';
import { getConfig } from '@/lib/config';
import { startManifestJob } from './manifest-job';
import { nextDigestTime, postXurDigest } from './xur-digest-job';

type Holder = typeof globalThis & { __vaultRaiderScheduler?: NodeJS.Timeout };
const holder = globalThis as Holder;

/**
 * Self-hosted and demo mode: checks the manifest once at start-up, then every `intervalMinutes`,
 * in this Node server. (In cloud mode a QStash schedule calls the refresh route instead.)
 */
export function startInProcessScheduler(intervalMinutes: number): void {
  if (holder.__vaultRaiderScheduler) return;
  startManifestJob('startup');
  const timer = setInterval(() => startManifestJob('schedule'), intervalMinutes * 60_000);
  // The timer alone must not keep a stopping server alive.
  timer.unref();
  holder.__vaultRaiderScheduler = timer;
  log.info(`Manifest checks every ${intervalMinutes} min (in-process).`);
  if (getConfig().webhookUrl) scheduleDigest();
}

/** Arms a timer for the next Friday after the reset; it posts the digest and arms the next one. */
function scheduleDigest(): void {
  const at = nextDigestTime(new Date());
  const digest = setTimeout(() => {
    void postXurDigest().finally(scheduleDigest);
  }, at.getTime() - Date.now());
  digest.unref();
  log.info(`Xûr digest due ${at.toISOString()} (in-process).`);
}
