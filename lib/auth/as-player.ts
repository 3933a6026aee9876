import 'server-only';
import { BungieError, isThrottled, needsTokenRefresh } from '@/lib/bungie/errors';
import { getAccessToken, SessionEndedError } from './access-token';

/** Options of `asPlayer`. */
export type AsPlayerOptions = {
  /**
   * Wait out a throttle answer once when Bungie asks for at most this many seconds, then retry
   * (item actions: a player's tap should not fail on a momentary throttle). 0, the default: no wait.
   */
  waitOutThrottleUpTo?: number;
  /** The player's access token, already being read (a page reads it beside the membership, see fetch-profile.ts); read here otherwise. */
  token?: Promise<string>;
};

/**
 * THE refresh-and-retry path for signed-in Bungie calls: runs `call` with the player's access
 * token; when Bungie refuses the token (HTTP 401 or AccessTokenHasExpired) the token is refreshed
 * once — single-flight, see getAccessToken — and the call retried once. A refused retry means
 * the authorization is gone: `SessionEndedError` (the player must sign in again). At most one
 * retry in all, whatever its reason. Other errors (`BungieError`, `BungieUnavailableError`) pass.
 */
export async function asPlayer<T>(userId: string, call: (accessToken: string) => Promise<T>, options: AsPlayerOptions = {}): Promise<T> {
  const token = await (options.token ?? getAccessToken(userId));
  try {
    return await call(token);
  } catch (error) {
    if (needsTokenRefresh(error)) return retryWithFreshToken(call, await getAccessToken(userId, { staleToken: token }));
    const wait = options.waitOutThrottleUpTo ?? 0;
    // Bungie says when to come back; wait that long once rather than fail the call.
    if (isThrottled(error) && error instanceof BungieError && error.throttleSeconds <= wait) {
      await new Promise((resolve) => setTimeout(resolve, Math.max(error.throttleSeconds, 0.1) * 1000));
      return call(token);
    }
    throw error;
  }
}

async function retryWithFreshToken<T>(call: (accessToken: string) => Promise<T>, token: string): Promise<T> {
  try {
    return await call(token);
  } catch (error) {
    if (needsTokenRefresh(error)) throw new SessionEndedError();
    throw error;
  }
}
