/**
 * The browser's side of the app's JSON routes: one way to call them and to read what they answer
 * when they refuse (`{ error: { code, message, ...details } }`, lib/http/errors.ts).
 */
import type { ErrorBody } from '@/lib/http/errors';

/** The sentence shown when the request never reached the app (offline, DNS, connection reset). */
export const OFFLINE_MESSAGE = 'Vault Raider could not be reached. Check your connection and try again.';

/** What a route answered instead of what was asked: its error code and sentence, and any extra facts. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    /** The route's code (`no_room`, `session_ended`, …), or `offline` / `unexpected` when it gave none. */
    readonly code: string,
    /** A sentence for the player. */
    message: string,
    /** HTTP status; 0 when nothing answered. */
    readonly status: number,
    /** The envelope's other fields (e.g. a suggested move). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** A call's result as a value, for callers that show a sentence rather than catch. */
export type Outcome<T> = { ok: true; data: T } | { ok: false; error: ApiError };

function envelopeOf(answer: unknown): ErrorBody['error'] | undefined {
  const error = (answer as Partial<ErrorBody> | null)?.error;
  return error && typeof error.code === 'string' && typeof error.message === 'string' ? error : undefined;
}

/**
 * Calls a JSON route: `body` (when given) goes as JSON; a 2xx JSON answer comes back as `T` (not
 * checked: the route's own type). Throws `ApiError` for everything else — the route's envelope when
 * it sent one, `offline` when nothing answered, `unexpected` for an answer without an envelope.
 */
export async function fetchJson<T>(
  url: string,
  init: { method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; body?: unknown; signal?: AbortSignal; /** Sees a 2xx answer's headers before its value is returned. */ onHeaders?: (headers: Headers) => void } = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method ?? 'GET',
      headers: init.body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: init.signal,
    });
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw new ApiError('offline', OFFLINE_MESSAGE, 0);
  }
  const answer: unknown = await response.json().catch(() => null);
  if (response.ok && answer !== null) {
    init.onHeaders?.(response.headers);
    return answer as T;
  }
  const envelope = envelopeOf(answer);
  if (!envelope) throw new ApiError('unexpected', `Something went wrong (HTTP ${response.status}). Try again.`, response.status);
  const { code, message, ...details } = envelope;
  throw new ApiError(code, message, response.status, details);
}

/** `fetchJson`, with every `ApiError` returned as `{ ok: false, error }` instead of thrown. */
export async function tryFetchJson<T>(url: string, init: Parameters<typeof fetchJson>[1] = {}): Promise<Outcome<T>> {
  try {
    return { ok: true, data: await fetchJson<T>(url, init) };
  } catch (error) {
    if (error instanceof ApiError) return { ok: false, error };
    throw error;
  }
}
