import 'server-only';
import { getConfig } from '@/lib/config';
import { BungieOAuthError, BungieUnavailableError } from './errors';
import { platformUrl } from './http';

/** Bungie's token answer, with lifetimes turned into absolute times (seconds since the epoch). */
export type BungieTokenSet = {
  accessToken: string;
  /** When the access token expires (about an hour after issue). */
  accessExpiresAt: number;
  /** Single use: each refresh returns a new one and spends the old. */
  refreshToken: string;
  /** When the refresh token expires (about 90 days after issue). */
  refreshExpiresAt: number;
  /** The Bungie.net account id. */
  membershipId: string;
};

type TokenAnswer = {
  access_token?: unknown;
  expires_in?: unknown;
  refresh_token?: unknown;
  refresh_expires_in?: unknown;
  membership_id?: unknown;
  error?: unknown;
  error_description?: unknown;
};

/** The OAuth token endpoint's platform path (grants `authorization_code` and `refresh_token`). */
export const TOKEN_PATH = '/App/OAuth/token/';

/** The token endpoint, on bungie.net or the simulator. */
export function tokenEndpoint(): string {
  return platformUrl(getConfig().bungie.origin, TOKEN_PATH);
}

/** Turns a token answer into a `BungieTokenSet`; `now` in seconds. Throws on a malformed answer. */
export function readTokenAnswer(answer: TokenAnswer, now: number): BungieTokenSet {
  const { access_token, expires_in, refresh_token, refresh_expires_in, membership_id } = answer;
  if (typeof access_token !== 'string' || typeof refresh_token !== 'string' || typeof expires_in !== 'number' || typeof refresh_expires_in !== 'number') {
    throw new BungieUnavailableError(TOKEN_PATH, 200, 'Bungie.net sent a token answer without the expected fields.');
  }
  return {
    accessToken: access_token,
    accessExpiresAt: now + expires_in,
    refreshToken: refresh_token,
    refreshExpiresAt: now + refresh_expires_in,
    membershipId: String(membership_id ?? ''),
  };
}

/**
 * Trades a refresh token for a new token pair (the old refresh token is spent).
 * Throws `BungieOAuthError` when Bungie refuses (expired, revoked, spent) and
 * `BungieUnavailableError` when it cannot be reached or answers without JSON.
 */
export async function refreshBungieTokens(refreshToken: string): Promise<BungieTokenSet> {
  const { bungie } = getConfig();
  const body = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: bungie.clientId, client_secret: bungie.clientSecret });
  let response: Response;
  try {
    response = await fetch(tokenEndpoint(), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-API-Key': bungie.apiKey, Accept: 'application/json' },
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(15_000),
      cache: 'no-store',
    });
  } catch {
    throw new BungieUnavailableError(TOKEN_PATH, 0, 'Bungie.net could not be reached to renew the session.');
  }
  let answer: TokenAnswer;
  try {
    // `?? {}`: a JSON `null` body reads as a malformed answer, not a TypeError.
    answer = ((await response.json()) ?? {}) as TokenAnswer;
  } catch {
    throw new BungieUnavailableError(TOKEN_PATH, response.status, `Bungie.net answered HTTP ${response.status} without JSON when renewing the session.`);
  }
  // Only `invalid_grant` (the refresh token is expired, revoked or spent) ends the player's session.
  // Anything else that is not a success, such as a 429, a platform envelope or `invalid_client`
  // (our own credentials are wrong: a setup mistake must not sign every player out), means "not now".
  const refused = answer.error === 'invalid_grant' && response.status < 500 && response.status !== 429;
  if (refused) throw new BungieOAuthError(String(answer.error), String(answer.error_description ?? ''), response.status);
  if (typeof answer.error === 'string' && answer.error !== 'invalid_grant' && response.status < 500) {
    throw new BungieUnavailableError(TOKEN_PATH, response.status, `Bungie.net refused this app's token request (${answer.error}): check BUNGIE_CLIENT_ID and BUNGIE_CLIENT_SECRET.`);
  }
  if (!response.ok) throw new BungieUnavailableError(TOKEN_PATH, response.status, `Bungie.net failed (HTTP ${response.status}) when renewing the session.`);
  return readTokenAnswer(answer, Math.floor(Date.now() / 1000));
}
