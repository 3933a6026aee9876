import { randomUUID } from 'node:crypto';
import { http, HttpResponse, passthrough } from 'msw';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { POST } from '@/app/api/xur/digest/route';
import { signDelivery } from '@/dev/qstash-emulator/sign';
import { resetConfigForTests } from '@/lib/config';
import { nextDigestTime, postXurDigest } from '@/lib/jobs/xur-digest-job';
import { claimDelivery, releaseDelivery } from '@/lib/qstash/deliveries';
import { withAppStack } from '@/tests/support/app-harness';
import { APP_URL, deliveryRequest, qstashEnv, qstashKeys } from '@/tests/support/qstash';
import { startTestUpstash, type TestUpstash } from '@/tests/support/redis';

// The weekly digest against the simulator's vendors (his days by the sim clock), posting to a
// webhook caught by msw; and its QStash route, signed as QStash signs.
const WEBHOOK = 'https://hooks.example.test/services/T000/B000/secret';
const SATURDAY = '2026-11-28T12:00:00Z';
const WEDNESDAY = '2026-11-25T12:00:00Z';
const keys = qstashKeys();
const stack = withAppStack({ ingestManifest: true, env: { NOTIFY_WEBHOOK_URL: WEBHOOK, ...qstashEnv(keys) } });
let posted: Array<{ text: string; content: string }> = [];

beforeEach(() => {
  posted = [];
  stack.server.use(
    http.post(WEBHOOK, async ({ request }) => {
      posted.push((await request.json()) as { text: string; content: string });
      return new HttpResponse(null, { status: 204 });
    }),
  );
});

describe('nextDigestTime', () => {
  it.each([
    ['2026-11-25T12:00:00Z', '2026-11-27T17:05:00.000Z'],
    ['2026-11-27T17:04:59Z', '2026-11-27T17:05:00.000Z'],
    ['2026-11-27T17:05:00Z', '2026-12-04T17:05:00.000Z'],
    ['2026-11-28T09:00:00Z', '2026-12-04T17:05:00.000Z'],
    ['2026-12-31T23:00:00Z', '2027-01-01T17:05:00.000Z'],
  ])('after %s comes %s', (now, next) => {
    expect(nextDigestTime(new Date(now)).toISOString()).toBe(next);
  });
});

describe('postXurDigest', () => {
  it('posts his stock in one Slack- and Discord-readable message while he is here', async () => {
    stack.sim.controls.setNow(SATURDAY);
    expect(await postXurDigest(new Date(SATURDAY))).toBe('posted');
    expect(posted).toHaveLength(1);
    expect(posted[0]!.text).toBe(posted[0]!.content);
    expect(posted[0]!.text).toMatch(/Xûr/);
    expect(posted[0]!.text).toContain(APP_URL);
  });

  it('posts nothing when he is away', async () => {
    stack.sim.controls.setNow(WEDNESDAY);
    expect(await postXurDigest(new Date(WEDNESDAY))).toBe('absent');
    expect(posted).toHaveLength(0);
  });

  it('reports a webhook that refuses without throwing', async () => {
    stack.sim.controls.setNow(SATURDAY);
    stack.server.use(http.post(WEBHOOK, () => new HttpResponse('no', { status: 500 })));
    expect(await postXurDigest(new Date(SATURDAY))).toBe('failed');
  });
});

describe('POST /api/xur/digest (QStash)', () => {
  const url = `${APP_URL}/api/xur/digest`;
  const request = (signature?: string) => {
    const r = deliveryRequest('{}', signature);
    return new Request(url, { method: 'POST', headers: r.headers, body: '{}' });
  };

  it('refuses an unsigned or wrongly addressed delivery with 401 and posts nothing', async () => {
    expect((await POST(request())).status).toBe(401);
    const forOtherRoute = signDelivery({ key: keys.current, url: `${APP_URL}/api/manifest/refresh`, body: '{}' });
    expect((await POST(request(forOtherRoute))).status).toBe(401);
    expect(posted).toHaveLength(0);
  });

  it('posts the digest for a delivery signed with the current or the next key', async () => {
    stack.sim.controls.setNow(SATURDAY);
    vi.useFakeTimers({ toFake: ['Date'], now: new Date(SATURDAY) });
    try {
      for (const key of [keys.current, keys.next]) {
        const response = await POST(request(signDelivery({ key, url, body: '{}' })));
        expect(response.status).toBe(200);
        expect(await response.json()).toEqual({ outcome: 'posted' });
      }
      expect(posted).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('a replayed QStash delivery (the jti memory)', () => {
  const url = `${APP_URL}/api/xur/digest`;
  const post = (signature: string) => POST(new Request(url, { method: 'POST', headers: deliveryRequest('{}', signature).headers, body: '{}' }));
  let upstash: TestUpstash;
  beforeAll(async () => {
    upstash = await startTestUpstash();
    stack.server.use(http.all(`${upstash.bridge.url}/*`, () => passthrough()), http.all(upstash.bridge.url, () => passthrough()));
  });
  afterAll(async () => {
    await upstash?.stop();
  });
  const useStore = (store: 'database' | 'upstash') => {
    vi.stubEnv('UPSTASH_REDIS_REST_URL', store === 'upstash' ? upstash.bridge.url : undefined);
    vi.stubEnv('UPSTASH_REDIS_REST_TOKEN', store === 'upstash' ? upstash.token : undefined);
    resetConfigForTests();
  };

  it('posts the same signed digest three times: sent once, each answered 200 (database memory)', async () => {
    stack.sim.controls.setNow(SATURDAY);
    vi.useFakeTimers({ toFake: ['Date'], now: new Date(SATURDAY) });
    try {
      const signature = signDelivery({ key: keys.current, url, body: '{}' });
      const answers = [];
      for (let n = 0; n < 3; n++) {
        const response = await post(signature);
        answers.push([response.status, await response.json()]);
      }
      expect(answers).toEqual([[200, { outcome: 'posted' }], [200, { outcome: 'already-handled' }], [200, { outcome: 'already-handled' }]]);
      expect(posted).toHaveLength(1);
      // Three at once: still one.
      const racing = signDelivery({ key: keys.current, url, body: '{}' });
      const outcomes = await Promise.all([0, 1, 2].map(async () => ((await (await post(racing)).json()) as { outcome: string }).outcome));
      expect(outcomes.sort()).toEqual(['already-handled', 'already-handled', 'posted']);
      expect(posted).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('in Redis (cloud mode): the second post of one signature is answered without running the digest', async () => {
    useStore('upstash');
    try {
      const signature = signDelivery({ key: keys.current, url, body: '{}' });
      const first = await post(signature);
      expect(first.status).toBe(200);
      expect(await first.json()).not.toEqual({ outcome: 'already-handled' });
      upstash.bridge.resetCounters();
      const again = await post(signature);
      expect([again.status, await again.json()]).toEqual([200, { outcome: 'already-handled' }]);
      // One SET NX, nothing else: the digest did not run (it would read the manifest from Redis).
      expect(upstash.bridge.counters().commands).toBe(1);
    } finally {
      useStore('database');
    }
  });

  it.each(['database', 'upstash'] as const)('%s: a claim is taken once, until a failed delivery gives it back', async (store) => {
    useStore(store);
    try {
      const delivery = { jti: `jwt_${randomUUID()}`, exp: Math.floor(Date.now() / 1000) + 300 };
      expect(await claimDelivery(delivery)).toBe(true);
      expect(await claimDelivery(delivery)).toBe(false);
      await releaseDelivery(delivery);
      expect(await claimDelivery(delivery)).toBe(true);
      // An expired claim goes (Redis by its TTL; the table by the next claim): a day later the jti is new again.
      if (store === 'database') expect(await claimDelivery(delivery, Date.now() + 86_400_000)).toBe(true);
    } finally {
      useStore('database');
    }
  });
});
