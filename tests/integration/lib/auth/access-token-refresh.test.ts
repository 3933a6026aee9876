import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { getAccessToken, SessionEndedError } from '@/lib/auth/access-token';
import { BungieUnavailableError } from '@/lib/bungie/errors';
import { testBackends } from '@/tests/support/postgres';
import { errorOf, nowSeconds, seedAccount, storedAccount, storedPair, withBungieSim, withDatabase } from './vault-harness';

// The everyday paths: a valid token costs no Bungie call, and Bungie being down during a refresh
// is a "try again" — never a reason to log the player out or to lose the stored pair.

const h = withBungieSim();

/** Bungie's platform envelope, as its endpoints answer when they refuse to work. */
const envelope = (code: number, status: string, throttleSeconds = 0) => ({
  Response: null,
  ErrorCode: code,
  ErrorStatus: status,
  Message: status,
  ThrottleSeconds: throttleSeconds,
  MessageData: {},
});
const TOKEN_URL = '*/Platform/App/OAuth/token/';

type Fault = { name: string; start(): void; end(): void };

// The sim's maintenance and throttle switches cover the /Platform API, not its OAuth token
// endpoint, so those two faults answer the token request through an msw override instead.
const faults: Fault[] = [
  { name: 'full outage (HTML page, HTTP 503)', start: () => h.sim.controls.setOutage(true), end: () => h.sim.controls.setOutage(false) },
  { name: 'HTTP 500 UnhandledException', start: () => h.sim.controls.failNext(1), end: () => undefined },
  {
    name: 'maintenance (SystemDisabled, HTTP 503)',
    start: () => h.server.use(http.post(TOKEN_URL, () => HttpResponse.json(envelope(5, 'SystemDisabled'), { status: 503 }))),
    end: () => h.server.resetHandlers(),
  },
  {
    name: 'throttled (ThrottleLimitExceededMomentarily, HTTP 429)',
    start: () => h.server.use(http.post(TOKEN_URL, () => HttpResponse.json(envelope(36, 'ThrottleLimitExceededMomentarily', 10), { status: 429 }))),
    end: () => h.server.resetHandlers(),
  },
  {
    name: 'network failure',
    start: () => h.server.use(http.post(TOKEN_URL, () => HttpResponse.error())),
    end: () => h.server.resetHandlers(),
  },
];

describe.each(testBackends)('getAccessToken on $name', (backend) => {
  const db = withDatabase(backend);

  it('returns a still-valid token without asking Bungie', async () => {
    const seeded = await seedAccount(db.prisma, h.sim);
    const before = await storedAccount(db.prisma, seeded.userId);

    const tokens = await Promise.all([1, 2, 3].map(() => getAccessToken(seeded.userId, { prisma: db.prisma })));

    expect(tokens).toEqual([seeded.tokens.accessToken, seeded.tokens.accessToken, seeded.tokens.accessToken]);
    expect(h.sim.stats.total).toBe(0);
    expect(h.sim.stats.refreshes).toBe(0);
    expect(await storedAccount(db.prisma, seeded.userId)).toEqual(before);
  });

  it('refreshes a token that is just outside the margin only once it enters it', async () => {
    const seeded = await seedAccount(db.prisma, h.sim, { accessExpiresAt: nowSeconds() + 3600 });
    const inAnHour = () => nowSeconds() + 3600 - 59;
    expect(await getAccessToken(seeded.userId, { prisma: db.prisma, now: nowSeconds })).toBe(seeded.tokens.accessToken);
    expect(h.sim.stats.refreshes).toBe(0);

    // 59 s before expiry is inside the 60 s margin: refresh now rather than start a call that dies.
    const fresh = await getAccessToken(seeded.userId, { prisma: db.prisma, now: inAnHour });
    expect(fresh).not.toBe(seeded.tokens.accessToken);
    expect(h.sim.stats.refreshes).toBe(1);
    expect((await storedPair(db.prisma, seeded.userId)).access).toBe(fresh);
  });

  it.each(faults)('Bungie failing during the refresh ($name) keeps the session and the pair', async (fault) => {
    const seeded = await seedAccount(db.prisma, h.sim, { accessExpiresAt: nowSeconds() + 30 });
    const before = await storedAccount(db.prisma, seeded.userId);
    fault.start();

    const error = await errorOf(getAccessToken(seeded.userId, { prisma: db.prisma }));
    expect(error).not.toBeInstanceOf(SessionEndedError);
    expect(error).toBeInstanceOf(BungieUnavailableError);
    const during = await storedAccount(db.prisma, seeded.userId);
    expect(during.needs_reauth).toBe(false);
    expect(during).toEqual(before);
    expect(h.sim.stats.refreshes).toBe(0);

    // The refresh token was not spent by the failed attempt: once Bungie is back, it works.
    fault.end();
    const token = await getAccessToken(seeded.userId, { prisma: db.prisma });
    expect(token).not.toBe(seeded.tokens.accessToken);
    expect(h.sim.whoIs(token)).toBe(seeded.providerAccountId);
    expect(h.sim.stats.refreshes).toBe(1);
    expect(await storedPair(db.prisma, seeded.userId)).toMatchObject({ access: token });
    expect((await storedAccount(db.prisma, seeded.userId)).needs_reauth).toBe(false);
  });
});
