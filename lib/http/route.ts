import 'server-only';
import type { z } from 'zod';
import { withCachedPlayer } from '@/lib/auth/request-player';
import { claimDelivery, releaseDelivery, type DeliveryId } from '@/lib/qstash/deliveries';
import { checkCaller, type Caller, type CallerFacts } from './caller';
import { errorResponse } from './errors';
import { clientIp, enforce, rateLimit } from './rate-limit';
import { assertSameOrigin, readJson } from './request';

/**
 * A per-route rate limit: resolves to let the request through, or throws
 * `AppError('rate_limited', …, { retryAfterSeconds })` — answered 429 with a `Retry-After` header.
 * `route` is "METHOD /path" as asked; `userId` is set for player and admin routes.
 */
export type RateLimit = (ctx: { userId?: string; ip: string; route: string }) => Promise<void>;

/** What a route declares about itself; everything but `caller` is optional. */
export type RouteOptions<C extends Caller, B, P> = {
  /** Who may call (see `checkCaller`). */
  caller: C;
  /** A JSON body parsed and checked with this schema: 415 unless JSON, 413 over 1 MB, 400 malformed or off-schema. */
  body?: z.ZodType<B>;
  /** The dynamic segments, checked (throwing an AppError) before the body is read. */
  params?: (raw: Record<string, string>) => P;
  /** `qstash` only: the URL QStash signs this route's deliveries for, from configuration. */
  signedFor?: () => string;
  /** Player routes that need no Bungie call (e.g. listing saved loadouts) also serve an ended Bungie session. */
  endedSessionOk?: boolean;
  /** The success status (201 for a creation, 202 for an enqueued job); 200 by default. */
  status?: number;
  /** `Cache-Control` of a successful answer; `no-store` by default. Errors are never cached. */
  cacheControl?: string;
  /** A rate limit, checked once the caller is known and before the body is read. */
  limit?: RateLimit;
};

/** What a handler is given: the request, the checked caller, params and body. */
export type RouteContext<C extends Caller, B, P> = CallerFacts<C> & { request: Request; params: P; body: B };

/** A route handler as Next calls it. */
export type RouteHandler = (request: Request, context?: { params: Promise<Record<string, string>> }) => Promise<Response>;

const READS = new Set(['GET', 'HEAD']);

/**
 * One route handler with the app's edge around it, in order: same-origin for writes (not for QStash,
 * which signs instead), who is calling, the rate limit, the params, the JSON body; then `handler`.
 * Its value is answered as JSON with `status` and `cacheControl` (a `Response` it returns goes out
 * as is, e.g. an ETag answer); any error becomes `{ error: { code, message } }` with its table status.
 *
 *   export const { POST, GET, PUT, PATCH, DELETE } = methods({
 *     POST: route({ caller: 'player', body: lockSchema }, ({ user, body }) => setLockState(user.userId, body)),
 *   });
 */
export function route<C extends Caller, B = undefined, P = Record<string, string>>(
  options: RouteOptions<C, B, P>,
  handler: (ctx: RouteContext<C, B, P>) => Promise<unknown>,
): RouteHandler {
  return async (request, context) => {
    let claimed: DeliveryId | undefined;
    try {
      if (!READS.has(request.method) && options.caller !== 'qstash') assertSameOrigin(request);
      // The app's own limiter is counted in the same command as a cached session read (see gateRequest).
      const facts = await checkCaller(request, { ...options, countIp: options.limit === rateLimit ? clientIp(request) : undefined });
      // A QStash delivery is handled once: a replay of the same signed delivery (same `jti`) is
      // answered 200 without running the handler again.
      if (facts.delivery) {
        if (!(await claimDelivery(facts.delivery))) return Response.json({ outcome: 'already-handled' }, { status: 200, headers: { 'Cache-Control': 'no-store' } });
        claimed = facts.delivery;
      }
      if (facts.verdicts) enforce(facts.verdicts);
      else if (options.limit) {
        await options.limit({ userId: facts.user?.userId, ip: clientIp(request), route: `${request.method} ${new URL(request.url).pathname}` });
      }
      const raw = (await context?.params) ?? {};
      const params = options.params ? options.params(raw) : (raw as P);
      const body = options.body ? await readJson(request, options.body) : (undefined as B);
      const value = await withCachedPlayer(facts.user?.cached, () => handler({ ...facts, request, params, body }));
      if (value instanceof Response) return value;
      return Response.json(value, { status: options.status ?? 200, headers: { 'Cache-Control': options.cacheControl ?? 'no-store' } });
    } catch (error) {
      // The work failed: QStash's retry must not be taken for a replay.
      if (claimed) await releaseDelivery(claimed);
      return errorResponse(error);
    }
  };
}
