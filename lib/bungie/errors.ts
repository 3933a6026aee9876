import { ErrorCode, THROTTLE_CODES } from './error-codes';

/** Bungie answered with its envelope and an `ErrorCode` other than Success. */
export class BungieError extends Error {
  override name = 'BungieError';
  constructor(
    /** Bungie's `PlatformErrorCodes` value. */
    readonly code: number,
    /** Bungie's `ErrorStatus` name, e.g. "SystemDisabled". */
    readonly status: string,
    /** The API path asked, without query string (never a token). */
    readonly endpoint: string,
    /** HTTP status of the answer. */
    readonly httpStatus: number,
    /** Seconds Bungie asks us to wait before trying again (0 when unset). */
    readonly throttleSeconds: number,
    message: string,
  ) {
    super(message);
  }
}

/** Bungie could not be reached or answered something that is not its JSON envelope (an outage page). */
export class BungieUnavailableError extends Error {
  override name = 'BungieUnavailableError';
  constructor(
    readonly endpoint: string,
    /** HTTP status, or 0 when no answer came (network error, timeout). */
    readonly httpStatus: number,
    message: string,
    /** No answer within the time limit (Bungie slow rather than down). */
    readonly timedOut = false,
  ) {
    super(message);
  }
}

/** Bungie's OAuth token endpoint refused a grant (`{ error, error_description }`). */
export class BungieOAuthError extends Error {
  override name = 'BungieOAuthError';
  constructor(
    /** OAuth error, e.g. "invalid_grant". */
    readonly error: string,
    /** Bungie's reason, e.g. "AuthorizationRecordExpired". */
    readonly description: string,
    readonly httpStatus: number,
  ) {
    super(`Bungie refused the token request: ${error} (${description || 'no reason given'}).`);
  }
}

export const isMaintenance = (e: unknown): boolean => e instanceof BungieError && e.code === ErrorCode.SystemDisabled;
export const isThrottled = (e: unknown): boolean => e instanceof BungieError && THROTTLE_CODES.has(e.code);
/** HTTP 401 or AccessTokenHasExpired: refresh the access token, then retry once. */
export const needsTokenRefresh = (e: unknown): boolean =>
  e instanceof BungieError && (e.httpStatus === 401 || e.code === ErrorCode.AccessTokenHasExpired || e.code === ErrorCode.WebAuthRequired);

// Bungie's own failures (UnhandledException, SystemDisabled, ...) rather than a refusal of this request.
const OUTAGE_CODES: ReadonlySet<number> = new Set([ErrorCode.UnhandledException, ErrorCode.SystemDisabled]);

/**
 * Bungie answered and refused this request for a reason of its own (character not found, no such
 * account, ...): not an outage, not throttling, not maintenance, not an ended session.
 */
export const isRefusal = (e: unknown): boolean =>
  e instanceof BungieError && e.httpStatus < 500 && !OUTAGE_CODES.has(e.code) && !isThrottled(e) && !needsTokenRefresh(e);

/** A sentence a player understands for any failure talking to Bungie. */
export function playerMessage(error: unknown): string {
  if (isMaintenance(error)) return 'Bungie.net is down for maintenance. Try again once it is back.';
  if (isThrottled(error)) return 'Bungie.net asked us to slow down. Try again in a few seconds.';
  if (error instanceof BungieOAuthError) return 'Your Bungie session has ended — sign in again.';
  if (needsTokenRefresh(error)) return 'Your Bungie session has ended — sign in again.';
  if (error instanceof BungieUnavailableError && error.timedOut) return 'Bungie.net is taking too long to answer right now. Try again in a moment.';
  if (error instanceof BungieUnavailableError) return 'Bungie.net is not answering right now. Try again in a moment.';
  if (error instanceof BungieError) return `Bungie.net refused this: ${error.message}`;
  return 'Something went wrong talking to Bungie.net. Try again in a moment.';
}
