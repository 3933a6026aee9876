import { randomUUID } from 'node:crypto';
import { http, passthrough } from 'msw';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GET as getItem } from '@/app/api/items/[instanceId]/route';
import { POST as saveLoadout } from '@/app/api/loadouts/route';
import { resetConfigForTests } from '@/lib/config';
import { AppError } from '@/lib/http/errors';
import { rateLimit } from '@/lib/http/rate-limit';
import { forgetKnownItems } from '@/lib/inventory/known-items';
import { APP_ORIGIN, jsonPost, signInPlayer, withAppStack, type TestPlayer } from '@/tests/support/app-harness';
import { startTestUpstash, type TestUpstash } from '@/tests/support/redis';

// The limiter on both shared stores — the app's PostgreSQL database (self-hosted) and Redis through
// the Upstash REST bridge (cloud: one script per request) — and on the routes that spend Bungie calls.
const stack = withAppStack({ ingestManifest: true });
let upstash: TestUpstash;
let player: TestPlayer;
/** The commands the app sent the bridge (their names), in order. */
const sent: string[] = [];
beforeAll(async () => {
  upstash = await startTestUpstash();
  // msw refuses requests it has no handler for: the bridge is a real server, let them through.
  const note = async ({ request }: { request: Request }) => {
    const parsed = JSON.parse(await request.clone().text()) as string[] | string[][];
    for (const command of Array.isArray(parsed[0]) ? (parsed as string[][]) : [parsed as string[]]) sent.push(String(command[0]).toUpperCase());
    return passthrough();
  };
  stack.server.use(http.all(`${upstash.bridge.url}/*`, note), http.all(upstash.bridge.url, note));
  player = await signInPlayer(stack.sim);
});
afterAll(async () => {
  await upstash?.stop();
});

function limits(player: number, ip: number, store: 'database' | 'upstash') {
  vi.stubEnv('RATE_LIMIT_PLAYER', String(player));
  vi.stubEnv('RATE_LIMIT_IP', String(ip));
  vi.stubEnv('UPSTASH_REDIS_REST_URL', store === 'upstash' ? upstash.bridge.url : undefined);
  vi.stubEnv('UPSTASH_REDIS_REST_TOKEN', store === 'upstash' ? upstash.token : undefined);
  resetConfigForTests();
}

/** How many of `calls` pass, and the refusals' Retry-After seconds. */
async function outcome(calls: Promise<void>[]): Promise<{ passed: number; retryAfter: number[] }> {
  const settled = await Promise.allSettled(calls);
  const retryAfter: number[] = [];
  for (const s of settled) {
    if (s.status === 'fulfilled') continue;
    const error = s.reason as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect([error.code, error.status]).toEqual(['rate_limited', 429]);
    retryAfter.push(error.details!.retryAfterSeconds as number);
  }
  return { passed: settled.length - retryAfter.length, retryAfter };
}

describe.each(['database', 'upstash'] as const)('rateLimit on the %s store', (store) => {
  it('lets exactly the limit through per player, even when the requests race, and says when to retry', async () => {
    limits(5, 1000, store);
    const userId = randomUUID();
    const first = await outcome(Array.from({ length: 20 }, () => rateLimit({ userId, ip: '198.51.100.1', route: 'test' })));
    expect(first.passed).toBe(5);
    for (const seconds of first.retryAfter) {
      expect(seconds).toBeGreaterThanOrEqual(1);
      expect(seconds).toBeLessThanOrEqual(20);
    }
    // Another player from the same address has a budget of their own.
    expect((await outcome([rateLimit({ userId: randomUUID(), ip: '198.51.100.1', route: 'test' })])).passed).toBe(1);
  });

  it('limits an address across players, and the count is shared by every instance (a fresh store object)', async () => {
    limits(1000, 6, store);
    const ip = `203.0.113.${Math.floor(Math.random() * 250)}`;
    const mine = await outcome(Array.from({ length: 4 }, () => rateLimit({ userId: randomUUID(), ip, route: 'test' })));
    expect(mine.passed).toBe(4);
    // A second instance: new configuration object, new store client, same database or Redis.
    resetConfigForTests();
    const theirs = await outcome(Array.from({ length: 4 }, () => rateLimit({ ip, route: 'test' })));
    expect(theirs.passed).toBe(2);
  });

  it('is off at 0', async () => {
    limits(0, 0, store);
    expect((await outcome(Array.from({ length: 30 }, () => rateLimit({ userId: 'same', ip: '192.0.2.1', route: 'test' })))).passed).toBe(30);
  });
});

describe('rateLimit in cloud mode: one Redis command per request, the database store\'s verdicts', () => {
  it('counts both buckets (player and address) of a request in one billed command, EVALSHA', async () => {
    limits(1000, 1000, 'upstash');
    const userId = randomUUID();
    // The first call of an instance may load the script (NOSCRIPT, then EVAL).
    await rateLimit({ userId, ip: '198.51.100.20', route: 'test' });
    for (let i = 0; i < 3; i++) {
      upstash.bridge.resetCounters();
      sent.length = 0;
      await rateLimit({ userId, ip: '198.51.100.20', route: 'test' });
      expect(sent).toEqual(['EVALSHA']);
      expect(upstash.bridge.counters()).toMatchObject({ requests: 1, commands: 1 });
    }
  });

  it('a server without the script (flushed): EVALSHA refused, EVAL, then EVALSHA again — and the counts carry on', async () => {
    limits(2, 1000, 'upstash');
    const userId = randomUUID();
    await rateLimit({ userId, ip: '198.51.100.21', route: 'test' });
    await fetch(upstash.bridge.url, { method: 'POST', headers: { authorization: `Bearer ${upstash.token}` }, body: JSON.stringify(['SCRIPT', 'FLUSH']) });
    sent.length = 0;
    await rateLimit({ userId, ip: '198.51.100.21', route: 'test' });
    expect(sent).toEqual(['EVALSHA', 'EVAL']);
    sent.length = 0;
    expect((await outcome([rateLimit({ userId, ip: '198.51.100.21', route: 'test' })])).passed).toBe(0);
    expect(sent).toEqual(['EVALSHA']);
  });

  it('the same sequence gets the same verdicts and Retry-After from Redis and from the database (limit 3)', async () => {
    const window = Math.floor(Date.now() / 10_000) * 10_000;
    /** Two requests in the previous window, then five halfway through this one, in order. */
    async function run(store: 'database' | 'upstash'): Promise<(number | 'ok')[]> {
      limits(3, 1000, store);
      const userId = randomUUID();
      const ip = `192.0.2.${Math.floor(Math.random() * 250)}`;
      const clock = vi.spyOn(Date, 'now');
      const verdicts: (number | 'ok')[] = [];
      try {
        for (const at of [window - 8_000, window - 7_000, window + 5_000, window + 5_000, window + 5_000, window + 5_000, window + 5_000]) {
          clock.mockReturnValue(at);
          const { retryAfter } = await outcome([rateLimit({ userId, ip, route: 'test' })]);
          verdicts.push(retryAfter[0] ?? 'ok');
        }
      } finally {
        clock.mockRestore();
      }
      return verdicts;
    }
    const database = await run('database');
    // Previous window 2 (weighs 1 halfway through), this one 1, 2: allowed; the 3rd makes 4 > 3:
    // refused until the previous window has slid out (5 s); later ones still count, and are
    // refused until this window's own count ages out.
    expect(database.slice(0, 4)).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(database[4]).toBe(5);
    expect(database.slice(5).every((s) => typeof s === 'number' && s >= 5 && s <= 20)).toBe(true);
    expect(await run('upstash')).toEqual(database);
  });
});

describe('the routes that spend Bungie calls', () => {
  const calls = (endpoint: string) => stack.sim.stats.byEndpoint[endpoint] ?? 0;
  const itemRequest = (id: string) =>
    getItem(new Request(`${APP_ORIGIN}/api/items/${id}`, { headers: { cookie: player.cookie, 'x-forwarded-for': '198.51.100.7' } }), { params: Promise.resolve({ instanceId: id }) });

  it('answer 429 with Retry-After and a sentence once the player has spent their budget', async () => {
    limits(3, 1000, 'database');
    forgetKnownItems();
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push(await itemRequest(`7777777${i}`));
    expect(statuses.map((r) => r.status)).toEqual([404, 404, 404, 429]);
    const refused = statuses[3]!;
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const body = (await refused.json()) as { error: { code: string; message: string; retryAfterSeconds: number } };
    expect(body.error.code).toBe('rate_limited');
    expect(body.error.message).toMatch(/^Too many requests in a short time/);
    expect(body.error.retryAfterSeconds).toBe(Number(refused.headers.get('retry-after')));
  });

  it('300 made-up item ids, 30 at a time (the review\'s run): Bungie calls and 429s, with the default limits', async () => {
    limits(25, 50, 'database');
    forgetKnownItems();
    const before = { profile: calls('GetProfile'), item: calls('GetItem') };
    const counts = new Map<number, number>();
    for (let batch = 0; batch < 10; batch++) {
      const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => itemRequest(`7777777${batch * 30 + i + 1000}`)));
      for (const a of answers) counts.set(a.status, (counts.get(a.status) ?? 0) + 1);
    }
    const bungieCalls = calls('GetProfile') - before.profile + calls('GetItem') - before.item;
    console.log(`300 made-up ids, 30 at a time: ${bungieCalls} Bungie calls, ${counts.get(429) ?? 0} × 429, ${counts.get(404) ?? 0} × 404`);
    // At most the player's 25 a 10 s window (fewer when the test before spent some of it).
    expect((counts.get(404) ?? 0) + (counts.get(429) ?? 0)).toBe(300);
    expect(counts.get(404)).toBeLessThanOrEqual(25);
    expect(counts.get(429)).toBeGreaterThanOrEqual(275);
    // The first made-up id reads the item list once; the rest are refused from it.
    expect(bungieCalls).toBeLessThanOrEqual(2);
  });

  it('made-up ids with the limiter off still cost at most one profile read per 30 s', async () => {
    limits(0, 0, 'database');
    forgetKnownItems();
    const before = calls('GetProfile');
    for (let batch = 0; batch < 3; batch++) await Promise.all(Array.from({ length: 30 }, (_, i) => itemRequest(`8888888${batch * 30 + i}`)));
    expect(calls('GetProfile') - before).toBeLessThanOrEqual(2);
  });

  it('20 loadout saves with a made-up character id: one GetProfile, then refused from memory', async () => {
    limits(0, 0, 'database');
    const before = calls('GetProfile');
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await saveLoadout(jsonPost('/api/loadouts', { name: `Made up ${i}`, characterId: '2305843009299999999' }, { cookie: player.cookie }))).status);
    expect(new Set(statuses)).toEqual(new Set([404]));
    console.log(`20 loadout saves with a made-up characterId: ${calls('GetProfile') - before} GetProfile calls`);
    expect(calls('GetProfile') - before).toBe(1);
  });
});
