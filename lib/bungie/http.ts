import 'server-only';
import type { ServerResponse } from 'bungie-api-ts/core';
import { getConfig } from '@/lib/config';
import { BungieError, BungieUnavailableError } from './errors';

const USER_AGENT = 'VaultRaider/0.1.0';
/**
 * How long one Bungie API call may take. Bungie is usually under 1 s; past 8 s the player is
 * better told to try again than kept waiting (and a serverless function's 10 s limit is near).
 */
export const BUNGIE_TIMEOUT_MS = 8_000;

/** One call to the Bungie.net platform API. */
export type BungieRequest = {
  /** Path under /Platform, e.g. `/Destiny2/Manifest/`. */
  path: string;
  method?: 'GET' | 'POST';
  query?: Record<string, string>;
  body?: unknown;
  /** A player's OAuth access token for signed-in calls. */
  accessToken?: string;
  signal?: AbortSignal;
};

/** The absolute URL of a platform API path (`/Destiny2/Manifest/`) on `origin` (bungie.net or the simulator). */
export function platformUrl(origin: string, path: string): string {
  return `${origin}/Platform${path}`;
}

/**
 * Calls Bungie (or the simulator, per configuration) and returns the envelope's `Response`.
 * Throws `BungieError` for a non-success `ErrorCode` and `BungieUnavailableError` when no JSON
 * envelope came back (network failure, timeout, an HTML outage page).
 */
export async function bungieFetch<T>(request: BungieRequest): Promise<T> {
  return unwrap<T>(request.path, await bungieSend(request));
}

/** Bungie's answer as text, its envelope not yet read (see `unwrapText`); throws `BungieUnavailableError` as `bungieFetch`. */
export async function bungieFetchText(request: BungieRequest): Promise<{ status: number; text: string }> {
  const response = await bungieSend(request);
  return { status: response.status, text: await response.text() };
}

async function bungieSend(request: BungieRequest): Promise<Response> {
  const { bungie } = getConfig();
  const url = new URL(platformUrl(bungie.origin, request.path));
  for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.set(key, value);
  const headers: Record<string, string> = {
    'X-API-Key': bungie.apiKey,
    'User-Agent': `${USER_AGENT} AppId/${bungie.clientId} (+${getConfig().appUrl})`,
    Accept: 'application/json',
  };
  if (request.accessToken) headers.Authorization = `Bearer ${request.accessToken}`;
  if (request.body !== undefined) headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(url, {
      method: request.method ?? (request.body === undefined ? 'GET' : 'POST'),
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      // A redirect would drop the Authorization header; Bungie's API never redirects.
      redirect: 'error',
      signal: request.signal ?? AbortSignal.timeout(BUNGIE_TIMEOUT_MS),
      cache: 'no-store',
    });
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    throw new BungieUnavailableError(request.path, 0, `Bungie.net ${timedOut ? 'timed out' : 'could not be reached'} (${request.path}).`, timedOut);
  }
  return response;
}

/** Checks Bungie's envelope and returns its `Response`. */
export async function unwrap<T>(endpoint: string, response: Response): Promise<T> {
  return unwrapText<T>(endpoint, response.status, await response.text());
}

/** `unwrap` of an answer already read as text. */
export function unwrapText<T>(endpoint: string, status: number, text: string): T {
  let envelope: ServerResponse<T> | undefined;
  try {
    envelope = JSON.parse(text) as ServerResponse<T>;
  } catch {
    envelope = undefined;
  }
  if (!envelope || typeof envelope !== 'object' || typeof envelope.ErrorCode !== 'number') {
    throw new BungieUnavailableError(endpoint, status, `Bungie.net answered HTTP ${status} without its JSON envelope (${endpoint}).`);
  }
  if (envelope.ErrorCode !== 1) {
    throw new BungieError(envelope.ErrorCode, envelope.ErrorStatus, endpoint, status, envelope.ThrottleSeconds ?? 0, envelope.Message || envelope.ErrorStatus);
  }
  return envelope.Response;
}
