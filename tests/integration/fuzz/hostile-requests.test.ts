import { http, HttpResponse } from 'msw';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { resetConfigForTests } from '@/lib/config';
import { HTTP_METHODS } from '@/lib/http/methods';
import { APP_ORIGIN, signInPlayer, withAppStack, type TestPlayer } from '@/tests/support/app-harness';
import { callRoute, chunked, expectSafeAnswer } from '@/tests/support/hostile';
import { qstashEnv, qstashKeys } from '@/tests/support/qstash';
import { methodAndPath, paramsOf, ROUTES, type RouteEntry } from './routes';

// Each route of the table, with the hostile requests every route must turn away the same way:
// a 4xx with `{ error: { code, message } }` — never a 5xx, an empty body or a stack trace.
const keys = qstashKeys();
const stack = withAppStack({
  env: qstashEnv(keys),
  handlers: [http.post('http://qstash.test/v2/publish/*', () => HttpResponse.json({ messageId: 'msg_test' }))],
});
let player: TestPlayer;
beforeAll(async () => {
  vi.stubEnv('ADMIN_MEMBERSHIP_IDS', stack.sim.world.player.bungieMembershipId);
  resetConfigForTests();
  player = await signInPlayer(stack.sim);
});

const ONE_MB = 1024 * 1024;
const big = () => `{"pad":"${'x'.repeat(ONE_MB + 10)}"}`;

function request(entry: RouteEntry, init: { method?: string; headers?: Record<string, string>; body?: BodyInit | null; signedIn?: boolean } = {}): Request {
  const { method, path } = methodAndPath(entry);
  const headers: Record<string, string> = { origin: APP_ORIGIN, 'content-type': 'application/json', ...init.headers };
  if (init.signedIn !== false && (entry.auth === 'player' || entry.auth === 'admin')) headers.cookie = player.cookie;
  const m = init.method ?? method;
  const body = m === 'GET' || m === 'HEAD' ? null : (init.body ?? '{}');
  return new Request(`${APP_ORIGIN}${path}`, { method: m, headers, body, duplex: 'half' } as RequestInit);
}

async function expectError(entry: RouteEntry, req: Request, status: number, code: string) {
  const response = await callRoute(entry.module, req.method, req, paramsOf(entry));
  const copy = response.clone();
  await expectSafeAnswer(response, `${entry.route} ${code}`);
  expect(copy.status).toBe(status);
  expect(((await copy.json()) as { error: { code: string } }).error.code).toBe(code);
  return copy;
}

/** The methods each route module serves, from the table (the auth route serves GET and POST). */
function servedBy(entry: RouteEntry): string[] {
  return ROUTES.filter((e) => e.module === entry.module).map((e) => methodAndPath(e).method);
}

const jsonRoutes = ROUTES.filter((e) => e.body && (e.auth === 'player' || e.auth === 'admin'));
const sessionRoutes = ROUTES.filter((e) => e.auth === 'player' || e.auth === 'admin');
const signedRoutes = ROUTES.filter((e) => e.auth === 'qstash');
const modules = ROUTES.filter((e, i) => ROUTES.findIndex((o) => o.module === e.module) === i);

describe.each(modules)('$route: a method it does not serve', (entry) => {
  const served = servedBy(entry);
  const refused = HTTP_METHODS.filter((m) => !served.includes(m) && !(m === 'HEAD' && served.includes('GET')));
  it.each(refused)('%s → 405 JSON with Allow', async (method) => {
    const response = await expectError(entry, request(entry, { method }), 405, 'method_not_allowed');
    const allow = (response.headers.get('allow') ?? '').split(', ');
    expect(allow).toEqual(expect.arrayContaining(served));
    expect(allow).not.toContain(method);
  });
});

describe.each(jsonRoutes)('$route: hostile JSON requests', (entry) => {
  it('a body over 1 MB with its Content-Length → 413', async () => {
    const body = big();
    await expectError(entry, request(entry, { body, headers: { 'content-length': String(Buffer.byteLength(body)) } }), 413, 'body_too_large');
  });
  it('a body over 1 MB without Content-Length (chunked) → 413', async () => {
    await expectError(entry, request(entry, { body: chunked(big()) }), 413, 'body_too_large');
  });
  it('a body over 1 MB whose Content-Length lies (says 2 bytes) → 413', async () => {
    await expectError(entry, request(entry, { body: big(), headers: { 'content-length': '2' } }), 413, 'body_too_large');
  });
  it('malformed JSON → 400', async () => {
    await expectError(entry, request(entry, { body: '{"itemId": ' }), 400, 'malformed_json');
  });
  it('JSON of the wrong shape → 400', async () => {
    await expectError(entry, request(entry, { body: '[1,2,3]' }), 400, 'invalid_body');
  });
  it.each(['text/plain', 'application/x-www-form-urlencoded', 'application/jsonp'])('Content-Type %s → 415', async (type) => {
    await expectError(entry, request(entry, { headers: { 'content-type': type } }), 415, 'unsupported_media_type');
  });
});

describe.each(sessionRoutes)('$route: who is asking', (entry) => {
  it('no session cookie → 401', async () => {
    await expectError(entry, request(entry, { signedIn: false }), 401, 'signed_out');
  });
  it.each([
    ['a forged session token', 'authjs.session-token=3f1c2a9e-0000-4000-8000-000000000000'],
    ['a token with a NUL byte', 'authjs.session-token=abc%00def'],
    ['a broken %-escape', 'authjs.session-token=%E0%A4%A'],
    ['a 10 KB token', `authjs.session-token=${'a'.repeat(10_000)}`],
  ])('%s → 401', async (_name, cookie) => {
    await expectError(entry, request(entry, { signedIn: false, headers: { cookie } }), 401, 'signed_out');
  });
  if (methodAndPath(entry).method !== 'GET') {
    it('a cross-site Origin → 403', async () => {
      await expectError(entry, request(entry, { headers: { origin: 'https://evil.example' } }), 403, 'cross_site');
    });
    it('no Origin, Sec-Fetch-Site cross-site → 403', async () => {
      const req = request(entry, { headers: { 'sec-fetch-site': 'cross-site' } });
      req.headers.delete('origin');
      await expectError(entry, req, 403, 'cross_site');
    });
  }
});

describe.each(signedRoutes)('$route: QStash signature', (entry) => {
  it('unsigned → 401', async () => {
    await expectError(entry, request(entry), 401, 'invalid_signature');
  });
  it.each([
    ['not a JWT', 'forged'],
    ['a JWT with alg none', `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"iss":"Upstash"}').toString('base64url')}.`],
    ['three empty parts', '..'],
  ])('a forged signature (%s) → 401', async (_name, signature) => {
    await expectError(entry, request(entry, { headers: { 'upstash-signature': signature } }), 401, 'invalid_signature');
  });
  it('a body over 1 MB → 413 before anything is verified', async () => {
    await expectError(entry, request(entry, { body: chunked(big()), headers: { 'upstash-signature': 'forged' } }), 413, 'body_too_large');
  });
});

describe('the Auth.js route', () => {
  const get = ROUTES.find((e) => e.route === 'GET /api/auth/[...nextauth]')!;
  const post = ROUTES.find((e) => e.route === 'POST /api/auth/[...nextauth]')!;
  it.each([
    ['a forged session cookie', { cookie: 'authjs.session-token=forged' }],
    ['a broken %-escape in the cookie', { cookie: 'authjs.session-token=%E0%A4%A' }],
  ])('GET session with %s: no 5xx, no session', async (_name, headers) => {
    const response = await callRoute(get.module, 'GET', request(get, { headers }), paramsOf(get));
    const text = await response.clone().text();
    await expectSafeAnswer(response, 'GET /api/auth/session');
    expect(text).not.toMatch(/Guardian/);
  });
  it.each([
    ['no CSRF token', 'callbackUrl=%2F'],
    ['malformed form data', '%%%&&&=='],
    ['JSON instead of a form', '{"csrfToken":1}'],
  ])('POST sign-out with %s: no 5xx, no stack trace', async (_name, body) => {
    const response = await callRoute(post.module, 'POST', request(post, { body, headers: { 'content-type': 'application/x-www-form-urlencoded' } }), paramsOf(post));
    await expectSafeAnswer(response, 'POST /api/auth/signout');
  });
  it('a body over 1 MB → 413', async () => {
    await expectError(post, request(post, { body: chunked(big()), headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 413, 'body_too_large');
  });
  it('an unknown action → 4xx, no stack trace', async () => {
    const response = await callRoute(get.module, 'GET', new Request(`${APP_ORIGIN}/api/auth/no-such-action`), { nextauth: ['no-such-action'] });
    expect(response.status).toBeGreaterThanOrEqual(300);
    await expectSafeAnswer(response, 'GET /api/auth/no-such-action');
  });
});
