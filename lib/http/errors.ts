import 'server-only';
import { SessionEndedError } from '@/lib/auth/access-token';
import { BungieError, BungieOAuthError, BungieUnavailableError, isMaintenance, isRefusal, isThrottled, needsTokenRefresh, playerMessage } from '@/lib/bungie/errors';
import { isDatabaseUnavailable } from '@/lib/db/unavailable';
import { ManifestUnavailableError } from '@/lib/manifest/unavailable';
import { log } from '@/lib/server/log';
import { ERROR_TABLE, type AppErrorCode } from './error-table';

export { ERROR_TABLE, type AppErrorCode } from './error-table';

/** An error with a code from the error table; its status comes from the table, its message is shown as is. */
export class AppError extends Error {
  override name = 'AppError';
  readonly status: number;
  constructor(
    readonly code: AppErrorCode,
    /** A sentence that says more than the table's default (a place, a name); the default otherwise. */
    message?: string,
    /** Extra facts for the client, e.g. a suggested move or `retryAfterSeconds` (never internals). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message ?? ERROR_TABLE[code].message);
    this.status = ERROR_TABLE[code].status;
  }
}

/** A failure sorted into the table: its code, and the sentence when it says more than the default. */
export type KnownError = { code: AppErrorCode; message: string; details?: Record<string, unknown> };

const known = (code: AppErrorCode, message: string = ERROR_TABLE[code].message): KnownError => ({ code, message });

/**
 * Sorts any failure a player can meet into the table — the one place that tells an ended Bungie
 * session, maintenance, throttling, an outage and our own services being down apart, for JSON
 * routes and pages alike. Undefined for anything else: a bug, for the caller to log or throw on.
 */
export function classifyError(error: unknown): KnownError | undefined {
  if (error instanceof AppError) return { code: error.code, message: error.message, details: error.details };
  // The session cannot be renewed (refused refresh token), or Bungie still refuses the token after a refresh.
  if (error instanceof SessionEndedError || error instanceof BungieOAuthError || needsTokenRefresh(error)) return known('session_ended');
  if (isMaintenance(error)) return known('bungie_maintenance', playerMessage(error));
  if (isThrottled(error)) {
    // Bungie says how long to wait (ThrottleSeconds): the client waits that out (a bulk move) and the answer carries `Retry-After`.
    const seconds = error instanceof BungieError ? error.throttleSeconds : 0;
    return { ...known('bungie_throttled', playerMessage(error)), ...(seconds > 0 ? { details: { retryAfterSeconds: seconds } } : {}) };
  }
  if (error instanceof BungieUnavailableError) return known('bungie_unavailable', playerMessage(error));
  // Bungie answered and said no for a reason of its own (not an outage): never "unavailable".
  if (error instanceof BungieError) return known(isRefusal(error) ? 'bungie_refused' : 'bungie_unavailable', playerMessage(error));
  if (error instanceof ManifestUnavailableError) return known('manifest_unavailable');
  if (isDatabaseUnavailable(error)) return known('database_unavailable');
  return undefined;
}

/** The body every failing route answers with. */
export type ErrorBody = { error: { code: string; message: string } & Record<string, unknown> };

/** Turns any error into its table status and a sentence; unexpected ones are logged, never shown. */
export function describeError(error: unknown): { status: number; body: ErrorBody } {
  let found = classifyError(error);
  if (!found) {
    log.error(`Unexpected error: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    found = known('internal');
  }
  return { status: ERROR_TABLE[found.code].status, body: { error: { ...found.details, code: found.code, message: found.message } } };
}

/** A JSON error response for a route handler; never cached; a `Retry-After` when the error says how long to wait. */
export function errorResponse(error: unknown): Response {
  const { status, body } = describeError(error);
  const headers: Record<string, string> = { 'Cache-Control': 'no-store' };
  const retryAfter = body.error.retryAfterSeconds;
  if (typeof retryAfter === 'number' && retryAfter > 0) headers['Retry-After'] = String(Math.ceil(retryAfter));
  return Response.json(body, { status, headers });
}
