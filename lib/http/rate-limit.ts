import 'server-only';
import { Redis } from '@upstash/redis';
import { getConfig, type AppConfig } from '@/lib/config';
import { getPrisma } from '@/lib/db/client';
import { log } from '@/lib/server/log';
import { AppError } from './errors';

/**
 * Per-player and per-IP limits on the routes that spend Bungie calls (issue 17, finding 2). Bungie
 * allows the app's API key about 25 calls a second over a rolling 10 s window, shared by every
 * player; one player gets a tenth of that, one address a fifth (`RATE_LIMIT_PLAYER`/`_IP`).
 * The counts live where every instance sees them: Upstash Redis in cloud mode (one script call
 * counts all of a request's buckets: one billed command), the database otherwise. Both use a
 * sliding window over two fixed 10 s windows, judged by `slidingVerdict`.
 */

/** Who is asking, and for what. */
export type RateLimitContext = { userId?: string; ip: string; route: string };

const WINDOW_MS = 10_000;

/** One bucket's judgement of a request. */
export type Verdict = { allowed: boolean; retryAfterMs: number };
/** A budget: its key (`player:<id>`, `ip:<address>`) and requests allowed per 10 s. */
export type Bucket = { key: string; limit: number };
/** Counts one request against every bucket; a verdict per bucket, in order. */
type Store = (buckets: Bucket[], now: number) => Promise<Verdict[]>;

let cached: { config: AppConfig; store: Store } | undefined;

/**
 * Counts one request against the player's and the client address's budgets; throws
 * `AppError('rate_limited')` (429) with `retryAfterSeconds` when either is spent. A store that
 * fails lets the request through (logged): a limiter outage must not take the app down.
 */
export async function rateLimit(ctx: RateLimitContext): Promise<void> {
  const config = getConfig();
  const buckets = bucketsOf(ctx);
  if (buckets.length === 0) return;
  if (cached?.config !== config) cached = { config, store: config.manifestStore.kind === 'upstash' ? upstashStore(config.manifestStore) : databaseStore() };
  const store = cached.store;
  const now = Date.now();
  let verdicts: Verdict[];
  try {
    verdicts = await store(buckets, now);
  } catch (error) {
    log.warn(`Rate limit store failed (${error instanceof Error ? `${error.name}: ${error.message.slice(0, 200)}` : 'error'}); ${ctx.route} let through.`);
    return;
  }
  enforce(verdicts);
}

/** The buckets a request counts against, by configuration: the player's (when known), the address's. */
export function bucketsOf(ctx: { userId?: string; ip: string }): Bucket[] {
  const { rateLimits } = getConfig();
  const buckets: Bucket[] = [];
  if (ctx.userId && rateLimits.player > 0) buckets.push({ key: `player:${ctx.userId}`, limit: rateLimits.player });
  if (rateLimits.ip > 0) buckets.push({ key: `ip:${ctx.ip}`, limit: rateLimits.ip });
  return buckets;
}

/** Throws `AppError('rate_limited')` with the longest `Retry-After` when any verdict refuses. */
export function enforce(verdicts: readonly Verdict[]): void {
  const refused = verdicts.filter((v) => !v.allowed);
  if (refused.length === 0) return;
  const retryAfterSeconds = Math.max(1, Math.ceil(Math.max(...refused.map((v) => v.retryAfterMs)) / 1000));
  throw new AppError('rate_limited', undefined, { retryAfterSeconds });
}

/**
 * The Upstash keys of `buckets` at `now` — pairs (current window, previous window) — and the current
 * key's time to live in ms, as the sliding-window script takes them; `judge` turns the script's
 * counts (previous, current per bucket) into verdicts.
 */
export function windowKeys(buckets: readonly Bucket[], now: number): { keys: string[]; ttlMs: number; judge: (counts: readonly number[]) => Verdict[] } {
  const window = Math.floor(now / WINDOW_MS) * WINDOW_MS;
  const keys = buckets.flatMap((bucket) => [`vr:ratelimit:${bucket.key}:${window}`, `vr:ratelimit:${bucket.key}:${window - WINDOW_MS}`]);
  const elapsed = (now - window) / WINDOW_MS;
  return {
    keys,
    // The current window's key is read as the previous one until the next window ends (plus a second for clock skew).
    ttlMs: Math.ceil(window + 2 * WINDOW_MS - now + 1_000),
    judge: (counts) => {
      if (counts.length !== buckets.length * 2) throw new Error('unexpected answer from the rate limit script');
      return buckets.map((bucket, i) => slidingVerdict(Number(counts[2 * i]), Number(counts[2 * i + 1]), bucket.limit, elapsed));
    },
  };
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

/**
 * Per bucket: count this request in the current window's key (which lives until the next window
 * ends), read the previous window's count. KEYS come in pairs (current, previous) per bucket;
 * ARGV[1] is the current key's time to live in ms. Returns previous, current per bucket. Every key
 * is declared in KEYS and no Lua library is used (Upstash's script rules).
 */
const SLIDING_WINDOW_SCRIPT = `
local counts = {}
for i = 1, #KEYS, 2 do
  local current = redis.call('INCR', KEYS[i])
  redis.call('PEXPIRE', KEYS[i], ARGV[1])
  local previous = tonumber(redis.call('GET', KEYS[i + 1]) or '0') or 0
  counts[#counts + 1] = previous
  counts[#counts + 1] = current
end
return counts
`;

/** How long the limiter waits for Upstash before letting the request through. */
const UPSTASH_TIMEOUT_MS = 2_000;

function upstashStore(options: { url: string; token: string }): Store {
  const redis = new Redis({ url: options.url, token: options.token, enableTelemetry: false, responseEncoding: false, retry: { retries: 1, backoff: () => 50 } });
  // EVALSHA; on NOSCRIPT (first call on a fresh server) the client falls back to EVAL once.
  const script = redis.createScript<number[]>(SLIDING_WINDOW_SCRIPT);
  return async (buckets, now) => {
    const { keys, ttlMs, judge } = windowKeys(buckets, now);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer from Upstash within ${UPSTASH_TIMEOUT_MS} ms`)), UPSTASH_TIMEOUT_MS);
    });
    let counts: number[];
    try {
      counts = await Promise.race([script.exec(keys, [String(ttlMs)]), timeout]);
    } finally {
      clearTimeout(timer);
    }
    if (!Array.isArray(counts)) throw new Error('unexpected answer from the rate limit script');
    return judge(counts);
  };
}

function databaseStore(): Store {
  return (buckets, now) => Promise.all(buckets.map((bucket) => databaseCount(bucket, now)));
}

async function databaseCount(bucket: Bucket, now: number): Promise<Verdict> {
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
}

/**
 * The sliding-window estimate (the one @upstash/ratelimit's slidingWindow computes): the previous window's count
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
