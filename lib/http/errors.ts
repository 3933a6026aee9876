import 'server-only';
import { SessionEndedError } from '@/lib/auth/access-token';
import { BungieError, BungieOAuthError, BungieUnavailableError, isMaintenance, isThrottled, playerMessage } from '@/lib/bungie/errors';
import { isDatabaseUnavailable } from '@/lib/db/unavailable';
import { DATABASE_DOWN_MESSAGE, MANIFEST_DOWN_MESSAGE } from './outage-messages';
import { ManifestUnavailableError } from '@/lib/manifest/unavailable';
import { log } from '@/lib/server/log';

/** An error with a stable code and the HTTP status it answers with; its message is shown as is. */
export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    /** Extra facts for the client, e.g. a suggested move (never internals). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** The body every failing route answers with. */
export type ErrorBody = { error: { code: string; message: string } & Record<string, unknown> };

/** Turns any error into a status and a sentence; unexpected ones are logged, never shown. */
export function describeError(error: unknown): { status: number; body: ErrorBody } {
  const body = (code: string, message: string) => ({ error: { code, message } });
  if (error instanceof AppError) return { status: error.status, body: { error: { ...error.details, code: error.code, message: error.message } } };
  if (error instanceof SessionEndedError) return { status: 401, body: body('session_ended', error.message) };
  if (isMaintenance(error)) return { status: 503, body: body('bungie_maintenance', playerMessage(error)) };
  if (isThrottled(error)) return { status: 429, body: body('bungie_throttled', playerMessage(error)) };
  if (error instanceof BungieUnavailableError || error instanceof BungieOAuthError) return { status: 503, body: body('bungie_unavailable', playerMessage(error)) };
  if (error instanceof BungieError) return { status: 502, body: body('bungie_refused', playerMessage(error)) };
  if (error instanceof ManifestUnavailableError) return { status: 503, body: body('manifest_unavailable', MANIFEST_DOWN_MESSAGE) };
  if (isDatabaseUnavailable(error)) return { status: 503, body: body('database_unavailable', DATABASE_DOWN_MESSAGE) };
  log.error(`Unexpected error: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  return { status: 500, body: body('internal', 'Something went wrong on our side. Try again in a moment.') };
}

/** A JSON error response for a route handler; a `retryAfterSeconds` detail also goes out as `Retry-After`. */
export function errorResponse(error: unknown): Response {
  const { status, body } = describeError(error);
  const retryAfter = error instanceof AppError ? error.details?.retryAfterSeconds : undefined;
  const headers: Record<string, string> = { 'Cache-Control': 'no-store' };
  if (typeof retryAfter === 'number') headers['Retry-After'] = String(retryAfter);
  return Response.json(body, { status, headers });
}
