import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, type PrismaClient } from '@/lib/db/client';
import { applyMigrations } from '@/lib/db/migrate';
import { testBackends, type TestDatabase } from '@/tests/support/postgres';

const NOW_S = 1_800_000_000;

describe.each(testBackends)('Prisma models on $name', (backend) => {
  let database: TestDatabase;
  let prisma: PrismaClient;

  beforeAll(async () => {
    database = await backend.create();
    await applyMigrations(database.url);
    prisma = createPrismaClient(database.url, { poolSize: backend.sharedSession ? 1 : 4 });
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await database?.drop();
  });

  async function createPlayer(suffix: string) {
    return prisma.user.create({
      data: {
        name: `Guardian ${suffix}`,
        accounts: {
          create: {
            type: 'oauth',
            provider: 'bungie',
            providerAccountId: `2000${suffix}`,
            access_token: 'access',
            refresh_token: 'refresh',
            token_type: 'Bearer',
            expires_at: NOW_S + 3_600,
            refresh_expires_at: NOW_S + 7_776_000,
            bungie_membership_id: `2000${suffix}`,
            destiny_membership_id: `4611686018${suffix}`,
            destiny_membership_type: 3,
            token_key_id: 'k1',
          },
        },
        sessions: { create: { sessionToken: `session-${suffix}`, expires: new Date((NOW_S + 86_400) * 1000) } },
      },
      include: { accounts: true, sessions: true },
    });
  }

  it('creates and reads a user with a Bungie account and a session', async () => {
    const user = await createPlayer('1');
    expect(user.id).toMatch(/^c[a-z0-9]{20,}$/);
    const account = await prisma.account.findUnique({
      where: { provider_providerAccountId: { provider: 'bungie', providerAccountId: '20001' } },
      include: { user: true },
    });
    expect(account).toMatchObject({
      userId: user.id,
      expires_at: NOW_S + 3_600,
      refresh_expires_at: NOW_S + 7_776_000,
      bungie_membership_id: '20001',
      destiny_membership_id: '46116860181',
      destiny_membership_type: 3,
      token_key_id: 'k1',
      needs_reauth: false,
    });
    expect(account?.user.name).toBe('Guardian 1');
    const session = await prisma.session.findUnique({ where: { sessionToken: 'session-1' }, include: { user: true } });
    expect(session?.user.id).toBe(user.id);
  });

  it('updates the tokens after a refresh and flags an account that must sign in again', async () => {
    const where = { provider_providerAccountId: { provider: 'bungie', providerAccountId: '20001' } };
    const refreshed = await prisma.account.update({
      where,
      data: { access_token: 'access-2', refresh_token: 'refresh-2', expires_at: NOW_S + 7_200, token_key_id: 'k2' },
    });
    expect(refreshed).toMatchObject({ access_token: 'access-2', refresh_token: 'refresh-2', expires_at: NOW_S + 7_200, token_key_id: 'k2' });
    expect(refreshed.updatedAt.getTime()).toBeGreaterThanOrEqual(refreshed.createdAt.getTime());
    await prisma.account.update({ where, data: { needs_reauth: true } });
    expect(await prisma.account.count({ where: { needs_reauth: true } })).toBe(1);
  });

  it('rejects a second account for the same Bungie.net id', async () => {
    const user = await prisma.user.create({ data: { name: 'Twin' } });
    await expect(
      prisma.account.create({ data: { userId: user.id, type: 'oauth', provider: 'bungie', providerAccountId: '20001' } }),
    ).rejects.toMatchObject({ code: 'P2002' });
    await prisma.user.delete({ where: { id: user.id } });
  });

  it('deletes a session on its own', async () => {
    await prisma.session.delete({ where: { sessionToken: 'session-1' } });
    expect(await prisma.session.findUnique({ where: { sessionToken: 'session-1' } })).toBeNull();
    expect(await prisma.account.count({ where: { providerAccountId: '20001' } })).toBe(1);
  });

  it("deleting a user cascades to its accounts and sessions, and leaves other players' rows", async () => {
    const doomed = await createPlayer('2');
    const other = await createPlayer('3');
    await prisma.user.delete({ where: { id: doomed.id } });
    expect(await prisma.account.count({ where: { userId: doomed.id } })).toBe(0);
    expect(await prisma.session.count({ where: { userId: doomed.id } })).toBe(0);
    expect(await prisma.account.count({ where: { userId: other.id } })).toBe(1);
    expect(await prisma.session.count({ where: { userId: other.id } })).toBe(1);
  });

  it('stores and consumes a verification token', async () => {
    const expires = new Date((NOW_S + 600) * 1000);
    await prisma.verificationToken.create({ data: { identifier: 'a@example.com', token: 't1', expires } });
    const used = await prisma.verificationToken.delete({ where: { identifier_token: { identifier: 'a@example.com', token: 't1' } } });
    expect(used.expires).toEqual(expires);
  });
});
