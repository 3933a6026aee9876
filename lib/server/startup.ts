import 'server-only';
import { ConfigError, describeConfig, getConfig } from '@/lib/config';
import { getPrisma } from '@/lib/db/client';
import { startInProcessScheduler } from '@/lib/jobs/in-process-scheduler';
import { log, setLogLevel } from '@/lib/server/log';

/**
 * Start-up of the Node server: a bad configuration stops it with one sentence naming the variable;
 * otherwise one line names the backend of each concern, then the database is readied (embedded
 * start, pending migrations) before the first request needs it.
 */
export async function startServer(): Promise<void> {
  let config;
  try {
    config = getConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      log.error(`Configuration error: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  setLogLevel(config.logLevel);
  log.info(describeConfig(config));

  const started = Date.now();
  try {
    await getPrisma();
    log.info(`Database ready in ${Date.now() - started} ms.`);
  } catch (error) {
    // Imported here: only the embedded database can be busy, and a cloud build leaves it out.
    if (config.database.kind === 'embedded' && error instanceof (await import('@/lib/db/embedded')).EmbeddedDatabaseBusyError) {
      log.error(error.message);
      process.exit(1);
    }
    // A database that is down now may be back soon: pages say so and retry; the server stays up.
    log.error(`Database not ready: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (config.scheduler.kind === 'in-process') startInProcessScheduler(config.scheduler.intervalMinutes);
}
