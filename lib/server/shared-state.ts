import 'server-only';
import { Redis } from '@upstash/redis';
import { getConfig, type AppConfig } from '@/lib/config';

/**
 * Short-lived state that every instance of the app must see alike (issue 15, point 5): a player's
 * action lock and pacing clock, the profile-read flood guard. In cloud mode it lives in Upstash
 * Redis (plain commands, and one script that declares every key it touches — Upstash's rules);
 * self-hosted (one server, the database as the manifest store) it lives in this process, which is
 * then the only one. Values are strings; every key expires.
 */
export type SharedState = {
  readonly kind: 'upstash' | 'process';
  /** Sets `key` to `token` unless it exists (expires after `ttlMs`) and reads `others` in the same command. */
  acquire(key: string, token: string, ttlMs: number, others: string[]): Promise<{ acquired: boolean; values: (string | null)[] }>;
  /** Extends `key`'s life while it still holds `token`; false when it no longer does. */
  renew(key: string, token: string, ttlMs: number): Promise<boolean>;
  /** Deletes `key` if it still holds `token`, and writes `writes` (each expiring after `ttlMs`), in one trip. */
  release(key: string, token: string, writes: [string, string][], ttlMs: number): Promise<void>;
};

// KEYS[1] the lock, KEYS[2..] the values read with it; ARGV[1] the token, ARGV[2] its lifetime in ms.
// One billed command where a pipelined SET NX + GETs were three.
const ACQUIRE_SCRIPT = `local acquired = redis.call('set', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) and 1 or 0
local values = { acquired }
for i = 2, #KEYS do values[i] = redis.call('get', KEYS[i]) or '' end
return values`;
// KEYS[1] the lock, KEYS[2..] the values written when it is let go; ARGV[1] the token, ARGV[2]
// their lifetime in ms, ARGV[3..] the values. Plain redis.call only (no cjson, no undeclared keys).
const RELEASE_SCRIPT = `if redis.call('get', KEYS[1]) == ARGV[1] then redis.call('del', KEYS[1]) end
for i = 2, #KEYS do redis.call('set', KEYS[i], ARGV[i + 1], 'PX', ARGV[2]) end
return 1`;
const RENEW_SCRIPT = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end
return 0`;

/** The Upstash REST client for shared state (no deserialization: values stay strings). */
export function sharedRedis(options: { url: string; token: string }): Redis {
  // Plain JSON strings, not base64 (see upstash-store.ts): every value is UTF-8 text.
  return new Redis({ url: options.url, token: options.token, enableTelemetry: false, automaticDeserialization: false, responseEncoding: false, retry: { retries: 1, backoff: () => 50 } });
}

function upstashState(options: { url: string; token: string }): SharedState {
  const redis = sharedRedis(options);
  return {
    kind: 'upstash',
    async acquire(key, token, ttlMs, others) {
      // A missing value comes back as '' (a Lua table cannot hold nil): no stored value is ever empty.
      const [acquired, ...values] = (await redis.eval(ACQUIRE_SCRIPT, [key, ...others], [token, String(ttlMs)])) as [number, ...string[]];
      return { acquired: Number(acquired) === 1, values: values.map((v) => (v === '' ? null : String(v))) };
    },
    async renew(key, token, ttlMs) {
      return Number(await redis.eval(RENEW_SCRIPT, [key], [token, String(ttlMs)])) === 1;
    },
    async release(key, token, writes, ttlMs) {
      await redis.eval(RELEASE_SCRIPT, [key, ...writes.map(([k]) => k)], [token, String(ttlMs), ...writes.map(([, v]) => v)]);
    },
  };
}

/** The same operations on a map in this process (self-hosted: one server). */
export function processState(): SharedState {
  const entries = new Map<string, { value: string; expiresAt: number }>();
  const read = (key: string) => {
    const entry = entries.get(key);
    if (entry && entry.expiresAt <= Date.now()) entries.delete(key);
    return entries.get(key);
  };
  const prune = () => {
    if (entries.size < 10_000) return;
    for (const key of [...entries.keys()]) read(key);
  };
  return {
    kind: 'process',
    async acquire(key, token, ttlMs, others) {
      prune();
      const acquired = read(key) === undefined;
      if (acquired) entries.set(key, { value: token, expiresAt: Date.now() + ttlMs });
      return { acquired, values: others.map((other) => read(other)?.value ?? null) };
    },
    async renew(key, token, ttlMs) {
      const entry = read(key);
      if (entry?.value !== token) return false;
      entry.expiresAt = Date.now() + ttlMs;
      return true;
    },
    async release(key, token, writes, ttlMs) {
      if (read(key)?.value === token) entries.delete(key);
      for (const [k, value] of writes) entries.set(k, { value, expiresAt: Date.now() + ttlMs });
    },
  };
}

let cached: { config: AppConfig; state: SharedState } | undefined;

/** The shared state for the current configuration: Upstash when configured, this process otherwise. */
export function sharedState(): SharedState {
  const config = getConfig();
  if (cached?.config !== config) {
    cached = { config, state: config.manifestStore.kind === 'upstash' ? upstashState(config.manifestStore) : processState() };
  }
  return cached.state;
}
