import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestUpstash, type TestUpstash } from '@/tests/support/redis';

// Two app instances in one test: two fresh copies of the queue module (each with its own lanes,
// config and shared-state client, as two processes would have), both on Redis behind the Upstash
// REST bridge. One player's actions must not run concurrently across them, and every call must
// start at least 0.1 s after the previous call (from either copy) was answered.
type QueueModule = typeof import('@/lib/actions/player-queue');
let upstash: TestUpstash;
let one: QueueModule;
let two: QueueModule;

async function instance(): Promise<QueueModule> {
  vi.resetModules();
  return import('@/lib/actions/player-queue');
}

beforeAll(async () => {
  upstash = await startTestUpstash();
  vi.stubEnv('BUNGIE_SIMULATOR_URL', 'http://127.0.0.1:9');
  vi.stubEnv('UPSTASH_REDIS_REST_URL', upstash.bridge.url);
  vi.stubEnv('UPSTASH_REDIS_REST_TOKEN', upstash.token);
  one = await instance();
  two = await instance();
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await upstash?.stop();
});

type Span = { who: string; start: number; end: number };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An action of `calls` paced calls of `ms` each, recording when each ran. */
function action(queue: QueueModule, userId: string, who: string, spans: Span[], calls = 2, ms = 40) {
  return queue.queueForPlayer(userId, async ({ paced }) => {
    for (let n = 0; n < calls; n++) {
      await paced(async () => {
        const start = Date.now();
        await sleep(ms);
        spans.push({ who, start, end: Date.now() });
      });
    }
    return who;
  });
}

describe('the per-player queue across two instances (Upstash)', () => {
  it('runs one player’s actions from both instances one after another, every call ≥ 100 ms after the previous answer', async () => {
    const userId = randomUUID();
    const spans: Span[] = [];
    const done = await Promise.all([action(one, userId, 'A1', spans), action(two, userId, 'B1', spans), action(one, userId, 'A2', spans), action(two, userId, 'B2', spans)]);
    expect(done).toEqual(['A1', 'B1', 'A2', 'B2']);
    spans.sort((a, b) => a.start - b.start);
    expect(spans).toHaveLength(8);
    // Whole actions never interleave: each action's two calls are next to each other.
    for (let i = 0; i < spans.length; i += 2) expect(spans[i]!.who).toBe(spans[i + 1]!.who);
    expect(new Set(spans.map((s) => s.who)).size).toBe(4);
    for (let i = 1; i < spans.length; i++) expect(spans[i]!.start - spans[i - 1]!.end).toBeGreaterThanOrEqual(ACTION_GAP);
  });

  it('does not hold back another player: two players’ actions overlap', async () => {
    const spans: Span[] = [];
    await Promise.all([action(one, randomUUID(), 'P', spans, 1, 150), action(two, randomUUID(), 'Q', spans, 1, 150)]);
    const [p, q] = spans;
    expect(Math.max(p!.start, q!.start)).toBeLessThan(Math.min(p!.end, q!.end));
  });

  it('hands the profile-read mark of one instance’s turn to the other’s next turn', async () => {
    const userId = randomUUID();
    await one.queueForPlayer(userId, async (turn) => {
      expect(turn.lastRead).toBeUndefined();
      turn.markRead({ triedAt: 1234, failed: 'bungie_unavailable' });
    });
    const seen = await two.queueForPlayer(userId, async (turn) => turn.lastRead);
    expect(seen).toEqual({ triedAt: 1234, failed: 'bungie_unavailable' });
  });

  it('counts the Redis commands a turn costs: one take script (SET NX + 2 GETs), one release script', async () => {
    upstash.bridge.resetCounters();
    await one.queueForPlayer(randomUUID(), async ({ paced }) => paced(async () => undefined));
    expect(upstash.bridge.counters()).toMatchObject({ requests: 2, commands: 2 });
  });
});

// 100 ms less the clock's 1 ms granularity (both times are Date.now() of this one process).
const ACTION_GAP = 99;
