import { Auth, type AuthConfig } from '@auth/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { platformName } from '@/lib/bungie/memberships';
import { vaultAdapter, type UserWithAccount } from '@/lib/auth/adapter';
import { sessionCookieName, sessionForToken, sessionTokenFrom } from '@/lib/auth/page-session';
import { SESSION_MAX_AGE, SESSION_UPDATE_AGE, sessionOf } from '@/lib/auth/session-callback';
import { resetConfigForTests } from '@/lib/config';
import { createPrismaClient, type PrismaClient } from '@/lib/db/client';
import { applyMigrations } from '@/lib/db/migrate';
import { testBackends, type TestDatabase } from '@/tests/support/postgres';
import { onePageRender } from '@/tests/support/request-cache';

// One page render: React's request cache (the adapter keeps the account row in it), cleared before each test.
vi.mock('react', async (original) => (await import('@/tests/support/request-cache')).withRequestCache(await original<object>()));

const DAY = 86_400_000;
const keys = [{ id: 'k1', key: Buffer.alloc(32, 7) }];
const admins = ['4611686018400000777'];

// A page reads its session without Auth.js's handler (lib/auth/page-session.ts): it must answer
// what Auth.js's own session action answers for the same cookie, and leave the database as Auth.js
// leaves it (an expired session deleted, a day-old one renewed), or sessions would behave otherwise.
describe.each(testBackends)('a page’s session read on $name', (backend) => {
  let database: TestDatabase;
  let prisma: PrismaClient;
  let authJs: AuthConfig;

  beforeAll(async () => {
    // Ending a session also forgets its cached copy, which asks the configuration (no cloud cache here).
    vi.stubEnv('BUNGIE_SIMULATOR_URL', 'http://127.0.0.1:9');
    resetConfigForTests();
    database = await backend.create();
    await applyMigrations(database.url);
    prisma = createPrismaClient(database.url, { poolSize: backend.sharedSession ? 1 : 4 });
    // Auth.js as lib/auth/auth.ts configures it for a session lookup.
    authJs = {
      adapter: vaultAdapter(prisma, keys),
      secret: 'page-session-test-secret-page-session-test',
      trustHost: true,
      basePath: '/api/auth',
      session: { strategy: 'database', maxAge: SESSION_MAX_AGE, updateAge: SESSION_UPDATE_AGE },
      providers: [],
      callbacks: { session: ({ session, user }) => sessionOf(prisma, user as UserWithAccount, session.expires, admins) },
      logger: { error: () => undefined, warn: () => undefined, debug: () => undefined },
    };
  });
  beforeEach(async () => {
    onePageRender.memo.clear();
    await prisma.user.deleteMany();
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    resetConfigForTests();
    await prisma?.$disconnect();
    await database?.drop();
  });

  async function seed(token: string, expires: Date, opts: { account?: boolean; membershipId?: string } = {}) {
    const user = await prisma.user.create({ data: { name: 'Saint-14', image: 'https://www.bungie.net/img/x.png' } });
    if (opts.account !== false) {
      await prisma.account.create({ data: { userId: user.id, type: 'oauth', provider: 'bungie', providerAccountId: opts.membershipId ?? '777', destiny_membership_type: 3, needs_reauth: false } });
    }
    await prisma.session.create({ data: { sessionToken: token, userId: user.id, expires } });
    return user.id;
  }
  const stored = async (token: string) => (await prisma.session.findUnique({ where: { sessionToken: token } }))?.expires.getTime();
  const ours = (token: string) => sessionForToken(token, { prisma, keys, adminMembershipIds: admins });
  async function theirs(token: string): Promise<unknown> {
    onePageRender.memo.clear();
    const answer = await Auth(new Request('http://localhost:3000/api/auth/session', { headers: { cookie: `authjs.session-token=${token}` } }), authJs);
    return answer.json();
  }

  it('answers a live session as Auth.js does, and leaves a session renewed within the day as it is', async () => {
    const expires = new Date(Math.floor(Date.now() / 1000) * 1000 + SESSION_MAX_AGE * 1000 - DAY / 2);
    const userId = await seed('live', expires, { membershipId: admins[0] });
    const session = await ours('live');
    expect(session).toEqual({ expires: expires.toISOString(), user: { id: userId, name: 'Saint-14', image: 'https://www.bungie.net/img/x.png', platform: 'Steam', isAdmin: true, needsReauth: false } });
    expect(await theirs('live')).toEqual(session);
    expect(await stored('live')).toBe(expires.getTime());
  });

  it('moves the end of a session last renewed more than a day ago to 90 days from now, as Auth.js does', async () => {
    const expires = new Date(Date.now() + SESSION_MAX_AGE * 1000 - 2 * DAY);
    await seed('due', expires, { membershipId: '1' });
    await seed('due-too', expires, { membershipId: '2' });
    const before = Date.now();
    const session = await ours('due');
    const after = Date.now();
    // Both answer the end the row had (Auth.js renews the row, and the cookie where it can set one).
    expect(session?.expires).toBe(expires.toISOString());
    const renewed = (await stored('due'))!;
    expect(renewed).toBeGreaterThanOrEqual(before + SESSION_MAX_AGE * 1000);
    expect(renewed).toBeLessThanOrEqual(after + SESSION_MAX_AGE * 1000);
    expect(await theirs('due-too')).toMatchObject({ expires: expires.toISOString() });
    expect((await stored('due-too'))! - renewed).toBeGreaterThanOrEqual(0);
    expect((await stored('due-too'))! - renewed).toBeLessThan(60_000);
  });

  it('answers null for an expired session and deletes it, as Auth.js does', async () => {
    await seed('expired', new Date(Date.now() - 1_000), { membershipId: '1' });
    await seed('expired-too', new Date(Date.now() - 1_000), { membershipId: '2' });
    expect(await ours('expired')).toBeNull();
    expect(await stored('expired')).toBeUndefined();
    expect(await theirs('expired-too')).toBeNull();
    expect(await stored('expired-too')).toBeUndefined();
  });

  it('answers null for a token with no session, and a user without a Bungie account must sign in again', async () => {
    expect(await ours('nope')).toBeNull();
    expect(await theirs('nope')).toBeNull();
    // Renewed within the day: Auth.js, asked second, sees the row as ours left it.
    await seed('alone', new Date(Date.now() + SESSION_MAX_AGE * 1000 - DAY / 2), { account: false });
    const session = await ours('alone');
    expect(session?.user).toMatchObject({ platform: platformName(undefined), isAdmin: false, needsReauth: true });
    expect(await theirs('alone')).toEqual(session);
  });

  it('throws when the database fails (the caller answers no session and checks the database)', async () => {
    const broken = createPrismaClient('postgresql://nobody@127.0.0.1:9/none', { poolSize: 1 });
    await expect(sessionForToken('live', { prisma: broken, keys, adminMembershipIds: admins })).rejects.toThrow();
    await broken.$disconnect();
  });
});

describe('the session cookie a page reads', () => {
  const headers = (proto?: string) => ({ get: (name: string) => (name === 'x-forwarded-proto' ? (proto ?? null) : null) });
  const jar = (cookies: Record<string, string>) => ({ getAll: () => Object.entries(cookies).map(([name, value]) => ({ name, value })) });

  it('is the __Secure- one when the app’s URL is https, the plain one on http, as Auth.js names it', () => {
    expect(sessionCookieName(headers('http'), 'https://vault.example')).toBe('__Secure-authjs.session-token');
    expect(sessionCookieName(headers('https'), 'http://localhost:3000')).toBe('authjs.session-token');
    // No URL configured: the forwarded protocol, https when none says.
    expect(sessionCookieName(headers('http'), undefined)).toBe('authjs.session-token');
    expect(sessionCookieName(headers('https:'), undefined)).toBe('__Secure-authjs.session-token');
    expect(sessionCookieName(headers(), undefined)).toBe('__Secure-authjs.session-token');
  });

  it('reads only that cookie (a __Secure- cookie does not count on http), joining chunks in order', () => {
    expect(sessionTokenFrom(jar({ 'authjs.session-token': 'abc', other: 'x' }), 'authjs.session-token')).toBe('abc');
    expect(sessionTokenFrom(jar({ '__Secure-authjs.session-token': 'abc' }), 'authjs.session-token')).toBeUndefined();
    expect(sessionTokenFrom(jar({ 'authjs.session-token': '' }), 'authjs.session-token')).toBeUndefined();
    expect(sessionTokenFrom(jar({ 'authjs.session-token.1': 'def', 'authjs.session-token.0': 'abc' }), 'authjs.session-token')).toBe('abcdef');
  });
});
