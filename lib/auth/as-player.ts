import 'server-only';
import { needsTokenRefresh } from '@/lib/bungie/errors';
import { getAccessToken } from './access-token';

/**
 * Runs a signed-in Bungie call with the player's access token. When Bungie refuses the token
 * (HTTP 401 or AccessTokenHasExpired) it is refreshed once — single-flight, see getAccessToken —
 * and the call retried once. Throws `SessionEndedError` when the player must sign in again.
 */
export async function asPlayer<T>(userId: string, call: (accessToken: string) => Promise<T>): Promise<T> {
  const token = await getAccessToken(userId);
  try {
    return await call(token);
  } catch (error) {
    if (!needsTokenRefresh(error)) throw error;
    return call(await getAccessToken(userId, { staleToken: token }));
  }
}
