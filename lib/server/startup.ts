import 'server-only';
import { ConfigError, describeConfig, getConfig } from '@/lib/config';
import { log, setLogLevel } from '@/lib/server/log';

/**
 * Start-up of the Node server: a bad configuration stops it with one sentence naming the variable;
 * otherwise one line names the backend of each concern.
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
}
