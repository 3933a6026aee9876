import crypto from 'node:crypto';
import { http, passthrough } from 'msw';
import type { SetupServer } from 'msw/node';
import { afterAll, beforeAll } from 'vitest';
import type { PostgresCounter } from '@/dev/services/postgres-counter';
import { startTestRedis } from '@/dev/services/redis-server';
import { startUpstashBridge, type UpstashBridge } from '@/dev/upstash-bridge/index';

/** What a stretch of work cost on the wire: Postgres queries, Redis as billed, the commands' names in order. */
export type WireCost = { postgresQueries: number; redis: ReturnType<UpstashBridge['counters']>; commands: string[] };

/**
 * Cloud mode's Upstash for one test file: a private redis-server behind the REST bridge (which
 * enforces Upstash's script rules), its variables put into `env` — call this BEFORE `withAppStack`,
 * whose hook reads `env` — and every body the app sends it noted (msw lets the bridge through).
 * `meter()` starts counting; what it returns reads the cost since.
 */
export function meteredUpstash(env: Record<string, string>, stack: () => { server: SetupServer; postgresCounter: PostgresCounter | undefined }) {
  let redis: Awaited<ReturnType<typeof startTestRedis>> | undefined;
  let bridge: UpstashBridge | undefined;
  const bodies: string[] = [];
  beforeAll(async () => {
    redis = await startTestRedis();
    const token = crypto.randomBytes(16).toString('hex');
    bridge = await startUpstashBridge({ redisUrl: redis.url, token });
    Object.assign(env, { UPSTASH_REDIS_REST_URL: bridge.url, UPSTASH_REDIS_REST_TOKEN: token });
    stack().server.use(
      http.all(new RegExp(`^${bridge.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(/.*)?$`), async ({ request }) => {
        bodies.push(await request.clone().text());
        return passthrough();
      }),
    );
  });
  afterAll(async () => {
    await bridge?.close();
    await redis?.stop();
  });
  return {
    /** redis:// URL of the server behind the bridge (to read keys without billing them). */
    get redisUrl() {
      return redis!.url;
    },
    meter(): () => WireCost {
      const counter = stack().postgresCounter!;
      counter.reset();
      bridge!.resetCounters();
      bodies.length = 0;
      return () => ({
        postgresQueries: counter.counts().queries,
        redis: bridge!.counters(),
        commands: bodies.flatMap((b) => {
          const parsed = JSON.parse(b) as string[] | string[][];
          return (Array.isArray(parsed[0]) ? (parsed as string[][]) : [parsed as string[]]).map((c) => String(c[0]).toUpperCase());
        }),
      });
    },
  };
}
