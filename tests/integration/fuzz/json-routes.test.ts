import fc from 'fast-check';
import { http, HttpResponse } from 'msw';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { resetConfigForTests } from '@/lib/config';
import { getPrisma } from '@/lib/db/client';
import { APP_ORIGIN, signInPlayer, withAppStack, type TestPlayer } from '@/tests/support/app-harness';
import { bodyOf, callRoute, contentLength, contentType, cookieFor, count, expectSafeAnswer, hostileBody, newTally, origin, reportTallies, type BodySpec, type FuzzTally } from '@/tests/support/hostile';
import { methodAndPath, paramsOf, ROUTES, worldIds, type RouteEntry } from './routes';

// At least 1,000 generated requests per route that a signed-in player (or anyone) can call, through
// the exported handlers, against PostgreSQL and the simulator (zero latency). Whatever arrives, the
// answer is below 500, a 4xx is `{ error: { code, message } }`, and no stack trace leaks.
const RUNS = 1_000;
const stack = withAppStack({
  ingestManifest: true,
  handlers: [http.post('http://qstash.test/v2/publish/*', () => HttpResponse.json({ messageId: 'msg_fuzz' }))],
});
let cookies: string[];
let expiredCookie: string;
const tallies: FuzzTally[] = [];

beforeAll(async () => {
  vi.stubEnv('ADMIN_MEMBERSHIP_IDS', stack.sim.world.player.bungieMembershipId);
  resetConfigForTests();
  const player: TestPlayer = await signInPlayer(stack.sim);
  // An expired session row for the same player: its cookie must count as signed out.
  const expired = crypto.randomUUID();
  await (await getPrisma()).session.create({ data: { sessionToken: expired, userId: player.userId, expires: new Date(Date.now() - 1000) } });
  cookies = [player.cookie, `${player.cookie}; other=1`, `__Secure-${player.cookie}`];
  expiredCookie = `authjs.session-token=${expired}`;
});

afterAll(() => {
  reportTallies(tallies);
  expect(Object.prototype).not.toHaveProperty('polluted');
});

/** One generated request: a body (JSON routes) and the headers around it. */
const requestParts = (entry: RouteEntry) =>
  fc.record({
    body: entry.body ? hostileBody(entry.body(worldIds(stack.sim))) : fc.constant<BodySpec>({ kind: 'no body', body: null }),
    contentType: entry.body ? contentType : fc.constant('application/json'),
    contentLength: entry.body ? contentLength : fc.constant(undefined),
    origin,
    // A signed-in GET builds the whole vault (tens of ms): fewer of those, more of everything else.
    cookie: cookieFor(cookies, expiredCookie, entry.body ? 12 : 1),
    query: fc.oneof({ weight: 4, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.stringMatching(/^\?[\x21-\x7e]{0,40}$/) }),
    ifNoneMatch: fc.option(fc.stringMatching(/^[\x20-\x7e]{0,40}$/), { nil: undefined, freq: 4 }),
  });

const fuzzed = ROUTES.filter((e) => e.auth !== 'qstash' && !e.route.includes('/api/auth/'));

describe.each(fuzzed)('fuzz $route', (entry) => {
  it(`${RUNS} generated requests: never a 5xx, always the JSON error shape`, async () => {
    const { method, path } = methodAndPath(entry);
    const tally = newTally(entry.route);
    tallies.push(tally);
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(requestParts(entry), async (parts) => {
        const headers = new Headers();
        if (parts.contentType !== null) headers.set('content-type', parts.contentType);
        if (parts.contentLength !== undefined) headers.set('content-length', parts.contentLength);
        if (parts.origin.origin !== undefined) headers.set('origin', parts.origin.origin);
        if (parts.origin.site !== undefined) headers.set('sec-fetch-site', parts.origin.site);
        if (parts.cookie.cookie !== undefined) headers.set('cookie', parts.cookie.cookie);
        if (parts.ifNoneMatch !== undefined) headers.set('if-none-match', parts.ifNoneMatch);
        const body = method === 'GET' ? null : bodyOf(parts.body);
        const request = new Request(`${APP_ORIGIN}${path}${parts.query}`, { method, headers, body, duplex: 'half' } as RequestInit);
        const response = await callRoute(entry.module, method, request, paramsOf(entry));
        count(tally, response.status, `${parts.body.kind} / ${parts.cookie.kind}`);
        await expectSafeAnswer(response, `${entry.route} with ${parts.body.kind}, ${parts.cookie.kind}`);
      }),
      { numRuns: RUNS },
    );
    tally.ms = Date.now() - started;
    expect(tally.inputs).toBeGreaterThanOrEqual(RUNS);
  });
});
