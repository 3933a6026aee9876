import { PrismaAdapter } from '@auth/prisma-adapter';
import type { Adapter } from 'next-auth/adapters';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vaultAdapter, type UserWithAccount } from '@/lib/auth/adapter';
import { createPrismaClient, type PrismaClient } from '@/lib/db/client';
import { applyMigrations } from '@/lib/db/migrate';
import { testBackends, type TestDatabase } from '@/tests/support/postgres';

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
});
