import 'server-only';
import { Ratelimit } from '@upstash/ratelimit';
import { Redis } from '@upstash/redis';
import { getConfig, type AppConfig } from '@/lib/config';
import { getPrisma } from '@/lib/db/client';
import { log } from '@/lib/server/log';
import { AppError } from './errors';

/**
 * Per-player and per-IP limits on the routes that spend Bungie calls (issue 17, finding 2). Bungie
 * allows the app's API key about 25 calls a second over a rolling 10 s window, shared by every
 * player; one player gets a tenth of that, one address a fifth (`RATE_LIMIT_PLAYER`/`_IP`).
 * The counts live where every instance sees them: Upstash Redis through `@upstash/ratelimit` in
 * cloud mode, the database otherwise. Both use a sliding window over two fixed 10 s windows.
 */

/** Who is asking, and for what. */
export type RateLimitContext = { userId?: string; ip: string; route: string };

const WINDOW_MS = 10_000;

type Verdict = { allowed: boolean; retryAfterMs: number };
type Bucket = { key: string; limit: number };
type Store = (bucket: Bucket, now: number) => Promise<Verdict>;

let cached: { config: AppConfig; store: Store } | undefined;

/**
 * Counts one request against the player's and the client address's budgets; throws
 * `AppError('rate_limited')` (429) with `retryAfterSeconds` when either is spent. A store that
 * fails lets the request through (logged): a limiter outage must not take the app down.
 */
export async function rateLimit(ctx: RateLimitContext): Promise<void> {
  const config = getConfig();
  const buckets: Bucket[] = [];
  if (ctx.userId && config.rateLimits.player > 0) buckets.push({ key: `player:${ctx.userId}`, limit: config.rateLimits.player });
  if (config.rateLimits.ip > 0) buckets.push({ key: `ip:${ctx.ip}`, limit: config.rateLimits.ip });
  if (buckets.length === 0) return;
  if (cached?.config !== config) cached = { config, store: config.manifestStore.kind === 'upstash' ? upstashStore(config.manifestStore) : databaseStore() };
  const store = cached.store;
  const now = Date.now();
  let verdicts: Verdict[];
  try {
    verdicts = await Promise.all(buckets.map((bucket) => store(bucket, now)));
  } catch (error) {
    log.warn(`Rate limit store failed (${error instanceof Error ? `${error.name}: ${error.message.slice(0, 200)}` : 'error'}); ${ctx.route} let through.`);
    return;
  }
  const refused = verdicts.filter((v) => !v.allowed);
  if (refused.length === 0) return;
  const retryAfterSeconds = Math.max(1, Math.ceil(Math.max(...refused.map((v) => v.retryAfterMs)) / 1000));
  throw new AppError('rate_limited', undefined, { retryAfterSeconds });
}

/** The client's address: the last `X-Forwarded-For` entry (the one the nearest proxy — Vercel, or Next itself — wrote). */
export function clientIp(request: Request): string {
  return clientIpFrom(request.headers);
}

/** `clientIp` from a request's headers alone (a page reads them with `headers()`). */
export function clientIpFrom(headers: { get(name: string): string | null }): string {
  const forwarded = headers.get('x-forwarded-for')?.split(',').at(-1)?.trim();
  const ip = forwarded || headers.get('x-real-ip')?.trim();
  // Bounded: the address names a key in the store.
  return ip ? ip.slice(0, 64) : 'unknown';
}

function upstashStore(options: { url: string; token: string }): Store {
  const redis = new Redis({ url: options.url, token: options.token, enableTelemetry: false, retry: { retries: 1, backoff: () => 50 } });
  const limiters = new Map<number, Ratelimit>();
  return async (bucket) => {
    let limiter = limiters.get(bucket.limit);
    if (!limiter) {
      // No in-process cache of blocked ids: every instance reads the one count in Redis.
      limiter = new Ratelimit({ redis, limiter: Ratelimit.slidingWindow(bucket.limit, '10 s'), prefix: 'vr:ratelimit', ephemeralCache: false, analytics: false, timeout: 2_000 });
      limiters.set(bucket.limit, limiter);
    }
    const result = await limiter.limit(bucket.key);
    return { allowed: result.success, retryAfterMs: Math.max(0, result.reset - Date.now()) };
  };
}

function databaseStore(): Store {
  return async (bucket, now) => {
    const prisma = await getPrisma();
    const window = Math.floor(now / WINDOW_MS) * WINDOW_MS;
    const previous = window - WINDOW_MS;
    // One round trip: count this request, read the previous window, drop older windows of the bucket.
    const [row] = await prisma.$queryRaw<{ current: number; previous: number }[]>`
      WITH hit AS (
        INSERT INTO rate_limit_hits (bucket, window_start, count) VALUES (${bucket.key}, ${BigInt(window)}, 1)
        ON CONFLICT (bucket, window_start) DO UPDATE SET count = rate_limit_hits.count + 1
        RETURNING count
      ), pruned AS (
        DELETE FROM rate_limit_hits WHERE bucket = ${bucket.key} AND window_start < ${BigInt(previous)}
      )
      SELECT (SELECT count FROM hit)::int AS current,
             COALESCE((SELECT count FROM rate_limit_hits WHERE bucket = ${bucket.key} AND window_start = ${BigInt(previous)}), 0)::int AS previous`;
    return slidingVerdict(row?.previous ?? 0, row?.current ?? 1, bucket.limit, (now - window) / WINDOW_MS);
  };
}

/**
 * The sliding-window estimate (as @upstash/ratelimit computes it): the previous window's count
 * weighted by how much of it still overlaps the last 10 s, plus this window's. `current` includes
 * this request. When refused, how long until the estimate falls back under the limit.
 */
export function slidingVerdict(previous: number, current: number, limit: number, elapsed: number): Verdict {
  const estimate = previous * (1 - elapsed) + current;
  if (estimate <= limit) return { allowed: true, retryAfterMs: 0 };
  // Still over once this window ends (its count then weighs as the previous one)?
  if (current > limit) return { allowed: false, retryAfterMs: (1 - elapsed) * WINDOW_MS + (1 - limit / current) * WINDOW_MS };
  // Under once enough of the previous window has slid out.
  const until = previous > 0 ? 1 - (limit - current) / previous : 1;
  return { allowed: false, retryAfterMs: Math.max(0, until - elapsed) * WINDOW_MS };
}
