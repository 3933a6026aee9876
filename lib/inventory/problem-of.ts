import 'server-only';
import { SessionEndedError } from '@/lib/auth/access-token';
import { BungieError, BungieUnavailableError, isMaintenance, isRefusal, isThrottled, playerMessage } from '@/lib/bungie/errors';
import { isDatabaseUnavailable } from '@/lib/db/unavailable';
import { ManifestUnavailableError } from '@/lib/manifest/unavailable';
import { log } from '@/lib/server/log';
import type { LoadProblem } from './types';

/**
 * Turns the failures a player can do something about (or wait out) into a problem page; anything
 * else is a bug and is thrown on. `page` names what was loading, for the log line.
 */
export function problemOf(error: unknown, page: string): LoadProblem {
  if (error instanceof SessionEndedError) return { kind: 'session-ended' };
  if (error instanceof BungieError && isRefusal(error)) {
    log.warn(`${page}: ${error.message}`);
    return { kind: 'bungie-refused', message: playerMessage(error) };
  }
  if (error instanceof BungieError || error instanceof BungieUnavailableError) {
    log.warn(`${page}: ${error.message}`);
    const reason = isMaintenance(error) ? 'maintenance' : isThrottled(error) ? 'throttled' : 'down';
    return { kind: 'bungie-unavailable', message: playerMessage(error), reason };
  }
  if (error instanceof ManifestUnavailableError) {
    log.warn(`${page}: ${error.message}`);
    return { kind: 'manifest-unavailable' };
  }
  if (isDatabaseUnavailable(error)) {
    log.warn(`${page}: the database is not answering.`);
    return { kind: 'database-unavailable' };
  }
  throw error;
}
