import { PrismaAdapter } from '@auth/prisma-adapter';
import type { Adapter } from 'next-auth/adapters';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { vaultAdapter, type UserWithAccount } from '@/lib/auth/adapter';
import { sessionAccountOf } from '@/lib/auth/session-account';
import { createPrismaClient, type PrismaClient } from '@/lib/db/client';
import { applyMigrations } from '@/lib/db/migrate';
import { testBackends, type TestDatabase } from '@/tests/support/postgres';
import { onePageRender } from '@/tests/support/request-cache';

// One page render: React's request cache, memoised for the whole file (cleared before each test).
vi.mock('react', async (original) => (await import('@/tests/support/request-cache')).withRequestCache(await original<object>()));

// Every signed-in page view looks its session up: the app's adapter does it in one query that also
// brings the Bungie account the session callback needs, and must answer what Prisma's adapter answers.
describe.each(testBackends)('the session lookup on $name', (backend) => {
  let database: TestDatabase;
  let prisma: PrismaClient;
  let ours: Required<Adapter>;
  let prismas: Required<Adapter>;

  beforeAll(async () => {
    database = await backend.create();
    await applyMigrations(database.url);
    prisma = createPrismaClient(database.url, { poolSize: backend.sharedSession ? 1 : 4 });
    ours = vaultAdapter(prisma, [{ id: 'k1', key: Buffer.alloc(32, 7) }]) as Required<Adapter>;
    prismas = PrismaAdapter(prisma) as Required<Adapter>;
  });
  beforeEach(() => onePageRender.memo.clear());
  afterAll(async () => {
    await prisma?.$disconnect();
    await database?.drop();
  });

  it('answers the same session and user as Prisma’s adapter, with the Bungie account beside the user', async () => {
    const user = await prisma.user.create({ data: { name: 'Saint-14', image: 'https://www.bungie.net/img/x.png' } });
    await prisma.account.create({ data: { userId: user.id, type: 'oauth', provider: 'bungie', providerAccountId: '777', destiny_membership_type: 3, needs_reauth: false } });
    const expires = new Date(Math.floor(Date.now() / 1000) * 1000 + 86_400_000);
    await prisma.session.create({ data: { sessionToken: 'session-1', userId: user.id, expires } });

    const found = await ours.getSessionAndUser('session-1');
    const reference = await prismas.getSessionAndUser('session-1');
    expect(found?.session).toEqual({ sessionToken: 'session-1', userId: user.id, expires });
    expect(found?.session.expires.getTime()).toBe(reference?.session.expires.getTime());
    expect(found?.user).toMatchObject({ id: reference?.user.id, name: reference?.user.name, email: reference?.user.email, image: reference?.user.image, emailVerified: reference?.user.emailVerified });
    expect((found?.user as UserWithAccount).bungieAccount).toEqual({ providerAccountId: '777', destinyMembershipType: 3, needsReauth: false });

    await prisma.account.update({ where: { provider_providerAccountId: { provider: 'bungie', providerAccountId: '777' } }, data: { needs_reauth: true } });
    expect(((await ours.getSessionAndUser('session-1'))?.user as UserWithAccount).bungieAccount?.needsReauth).toBe(true);
  });

  it('answers null for an unknown token, and a user without a Bungie account has none', async () => {
    expect(await ours.getSessionAndUser('nope')).toBeNull();
    expect(await ours.getSessionAndUser("' OR 1=1 --")).toBeNull();
    const user = await prisma.user.create({ data: { name: 'No account' } });
    await prisma.session.create({ data: { sessionToken: 'session-2', userId: user.id, expires: new Date(Date.now() + 60_000) } });
    const found = await ours.getSessionAndUser('session-2');
    expect(found?.user.id).toBe(user.id);
    expect((found?.user as UserWithAccount).bungieAccount).toBeUndefined();
  });

  it('keeps, for the rest of the request, what the page reads next: the token columns, the profiles, the choice and the sort', async () => {
    const user = await prisma.user.create({ data: { name: 'Ikora' } });
    const memberships = [{ membershipId: '4611686018400000001', membershipType: 3, displayName: 'Steam' }, { membershipId: '4611686018400000002', membershipType: 2, displayName: 'PSN' }];
    await prisma.account.create({
      data: { userId: user.id, type: 'oauth', provider: 'bungie', providerAccountId: '778', access_token: 'sealed', token_key_id: 'k1', expires_at: 1_900_000_000, destiny_membership_id: '4611686018400000001', destiny_membership_type: 3, destiny_memberships: memberships },
    });
    await prisma.profileChoice.create({ data: { userId: user.id, membershipId: '4611686018400000002', membershipType: 2 } });
    await prisma.searchPrefs.create({ data: { userId: user.id, sort: 'power' } });
    await prisma.session.create({ data: { sessionToken: 'session-3', userId: user.id, expires: new Date(Date.now() + 60_000) } });
    expect(sessionAccountOf(user.id)).toBeUndefined();

    await ours.getSessionAndUser('session-3');
    expect(sessionAccountOf(user.id)).toEqual({
      access_token: 'sealed', token_key_id: 'k1', expires_at: 1_900_000_000, needs_reauth: false,
      destiny_membership_id: '4611686018400000001', destiny_membership_type: 3, destiny_memberships: memberships,
      user: { profileChoice: { membershipId: '4611686018400000002' } }, sort: 'power',
    });
    // What the page would otherwise have read (lib/auth/access-token.ts, lib/memberships/profiles.ts).
    const account = await prisma.account.findUnique({ where: { userId_provider: { userId: user.id, provider: 'bungie' } }, select: { access_token: true, token_key_id: true, expires_at: true, needs_reauth: true, destiny_membership_id: true, destiny_membership_type: true, destiny_memberships: true, user: { select: { profileChoice: { select: { membershipId: true } } } } } });
    expect(sessionAccountOf(user.id)).toEqual({ ...account, sort: 'power' });
  });

  it('keeps nothing for an expired session, a user without a Bungie account, or one without a choice or a sort', async () => {
    const user = await prisma.user.create({ data: { name: 'Zavala' } });
    await prisma.account.create({ data: { userId: user.id, type: 'oauth', provider: 'bungie', providerAccountId: '779' } });
    await prisma.session.create({ data: { sessionToken: 'session-4', userId: user.id, expires: new Date(Date.now() - 1_000) } });
    await ours.getSessionAndUser('session-4');
    expect(sessionAccountOf(user.id)).toBeUndefined();
    await prisma.session.create({ data: { sessionToken: 'session-5', userId: user.id, expires: new Date(Date.now() + 60_000) } });
    await ours.getSessionAndUser('session-5');
    expect(sessionAccountOf(user.id)).toMatchObject({ access_token: null, user: { profileChoice: null }, sort: null });
    const alone = await prisma.user.create({ data: { name: 'No account' } });
    await prisma.session.create({ data: { sessionToken: 'session-6', userId: alone.id, expires: new Date(Date.now() + 60_000) } });
    await ours.getSessionAndUser('session-6');
    expect(sessionAccountOf(alone.id)).toBeUndefined();
  });
});
