import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ERROR_TABLE } from '@/lib/http/error-table';
import { AppError } from '@/lib/http/errors';
import { methods } from '@/lib/http/methods';
import { route, type RateLimit } from '@/lib/http/route';
import { APP_ORIGIN, jsonPost, signInPlayer, withAppStack, type TestPlayer } from '@/tests/support/app-harness';

// The route wrapper on its own, with handlers made for the test, over the app's real stack (the
// session lookup reads PostgreSQL). The app's own routes are tested through their files elsewhere.
const stack = withAppStack();
let player: TestPlayer;
beforeAll(async () => {
  player = await signInPlayer(stack.sim);
});

const schema = z.object({ name: z.string() }).strict();
const errorOf = async (response: Response) => ((await response.json()) as { error: { code: string; message: string } }).error;

describe('route(): the rate-limit slot', () => {
  it('is asked with the player, the client address and the route before the body is read; a refusal is 429 with Retry-After', async () => {
    const asked: Parameters<RateLimit>[0][] = [];
    const limit: RateLimit = async (ctx) => {
      asked.push(ctx);
      if (asked.length > 1) throw new AppError('rate_limited', undefined, { retryAfterSeconds: 30 });
    };
    const { POST } = methods({ POST: route({ caller: 'player', body: schema, limit }, async ({ body }) => ({ hello: body.name })) });
    const headers = { 'x-forwarded-for': '203.0.113.9, 10.0.0.1' };
    const first = await POST(jsonPost('/api/test', { name: 'Ana' }, { cookie: player.cookie, headers }));
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ hello: 'Ana' });
    // Malformed JSON: the limit answers first, so a flood of junk costs no parsing.
    const second = await POST(jsonPost('/api/test', '{"name": ', { cookie: player.cookie, headers }));
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toBe('30');
    expect(second.headers.get('cache-control')).toBe('no-store');
    expect(await errorOf(second)).toMatchObject({ code: 'rate_limited', message: ERROR_TABLE.rate_limited.message, retryAfterSeconds: 30 });
    expect(asked).toEqual([
      // The last X-Forwarded-For entry: the one the nearest proxy wrote (earlier ones are the client's word).
      { userId: player.userId, ip: '10.0.0.1', route: 'POST /api/test' },
      { userId: player.userId, ip: '10.0.0.1', route: 'POST /api/test' },
    ]);
  });

  it('is not asked for a caller that is refused first (signed out)', async () => {
    let asked = 0;
    const limit: RateLimit = async () => void (asked += 1);
    const handler = route({ caller: 'player', limit }, async () => ({ ok: true }));
    const response = await handler(new Request(`${APP_ORIGIN}/api/test`));
    expect(response.status).toBe(401);
    expect(asked).toBe(0);
  });
});

describe('route(): what a success looks like', () => {
  it('no-store JSON by default; a route’s own status and Cache-Control; a Response passes through', async () => {
    const plain = await route({ caller: 'public' }, async () => ({ a: 1 }))(new Request(`${APP_ORIGIN}/api/test`));
    expect([plain.status, plain.headers.get('cache-control'), await plain.json()]).toEqual([200, 'no-store', { a: 1 }]);
    const created = await route({ caller: 'player', status: 201, cacheControl: 'private, max-age=60' }, async ({ user }) => ({ id: user.userId }))(
      new Request(`${APP_ORIGIN}/api/test`, { headers: { cookie: player.cookie } }),
    );
    expect([created.status, created.headers.get('cache-control'), await created.json()]).toEqual([201, 'private, max-age=60', { id: player.userId }]);
    const own = await route({ caller: 'public' }, async () => new Response(null, { status: 304, headers: { ETag: '"e"' } }))(new Request(`${APP_ORIGIN}/api/test`));
    expect([own.status, own.headers.get('etag'), own.headers.get('cache-control')]).toEqual([304, '"e"', null]);
  });

  it('turns a thrown bug into a logged 500 with a sentence, never the bug’s text', async () => {
    const response = await route({ caller: 'public' }, async () => {
      throw new TypeError('secret internals');
    })(new Request(`${APP_ORIGIN}/api/test`));
    expect(response.status).toBe(500);
    expect(await response.text()).not.toMatch(/secret internals|TypeError/);
  });
});

describe('route(): who is calling', () => {
  it('a public write still has to come from the app’s own pages', async () => {
    const handler = route({ caller: 'public' }, async () => ({ ok: true }));
    const cross = await handler(new Request(`${APP_ORIGIN}/api/test`, { method: 'POST', headers: { origin: 'https://evil.example' } }));
    expect([cross.status, (await errorOf(cross)).code]).toEqual([403, 'cross_site']);
    const own = await handler(new Request(`${APP_ORIGIN}/api/test`, { method: 'POST', headers: { origin: APP_ORIGIN } }));
    expect(own.status).toBe(200);
  });

  it('an admin route refuses a player who is not an admin (403), a QStash route is off without QStash (404)', async () => {
    const admin = await route({ caller: 'admin' }, async () => ({ ok: true }))(new Request(`${APP_ORIGIN}/api/test`, { headers: { cookie: player.cookie } }));
    expect([admin.status, (await errorOf(admin)).code]).toEqual([403, 'forbidden']);
    const signed = await route({ caller: 'qstash', signedFor: () => `${APP_ORIGIN}/api/test` }, async () => ({ ok: true }))(new Request(`${APP_ORIGIN}/api/test`, { method: 'POST', body: '{}' }));
    expect([signed.status, (await errorOf(signed)).code]).toEqual([404, 'not_found']);
  });
});

describe('methods()', () => {
  it('answers the methods a route does not serve with a JSON 405 and Allow; a GET route leaves HEAD to Next', async () => {
    const served = methods({ GET: route({ caller: 'public' }, async () => ({})), PATCH: route({ caller: 'public' }, async () => ({})) });
    expect(Object.keys(served).sort()).toEqual(['DELETE', 'GET', 'PATCH', 'POST', 'PUT']);
    const response = await served.DELETE(new Request(`${APP_ORIGIN}/api/test`, { method: 'DELETE' }));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, PATCH, HEAD, OPTIONS');
    expect(await errorOf(response)).toEqual({ code: 'method_not_allowed', message: 'DELETE is not supported here; use GET or PATCH.' });
  });
});
