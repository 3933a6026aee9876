import { PrismaAdapter } from '@auth/prisma-adapter';
import type { Adapter, AdapterAccount } from 'next-auth/adapters';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, type PrismaClient } from '@/lib/db/client';
import { applyMigrations } from '@/lib/db/migrate';
import { testBackends, type TestDatabase } from '@/tests/support/postgres';

// The schema's contract with next-auth: every adapter method it uses with database sessions.
describe.each(testBackends)('@auth/prisma-adapter on $name', (backend) => {
  let database: TestDatabase;
  let prisma: PrismaClient;
  let adapter: Required<Adapter>;

  beforeAll(async () => {
    database = await backend.create();
    await applyMigrations(database.url);
    prisma = createPrismaClient(database.url, { poolSize: backend.sharedSession ? 1 : 4 });
    adapter = PrismaAdapter(prisma) as Required<Adapter>;
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await database?.drop();
  });

  it('signs a Bungie player up, links the account with its Bungie fields, and finds them by session', async () => {
    // Bungie gives no e-mail address: Auth.js types `email` as a string but stores what the profile has.
    const user = await adapter.createUser({ id: 'ignored', name: 'Osiris', email: null as unknown as string, emailVerified: null });
    const account = {
      userId: user.id,
      type: 'oauth',
      provider: 'bungie',
      providerAccountId: '12345',
      access_token: 'a',
      refresh_token: 'r',
      token_type: 'bearer',
      expires_at: 1_800_003_600,
      refresh_expires_at: 1_807_776_000,
      bungie_membership_id: '12345',
    } satisfies AdapterAccount;
    await adapter.linkAccount(account);
    expect(await adapter.getUserByAccount({ provider: 'bungie', providerAccountId: '12345' })).toMatchObject({ id: user.id });
    expect(await adapter.getAccount('12345', 'bungie')).toMatchObject({ refresh_expires_at: 1_807_776_000, needs_reauth: false });

    const expires = new Date(Date.now() + 86_400_000);
    await adapter.createSession({ sessionToken: 'tok', userId: user.id, expires });
    const found = await adapter.getSessionAndUser('tok');
    expect(found?.user.id).toBe(user.id);
    expect(found?.session.expires).toEqual(expires);

    await adapter.deleteSession('tok');
    expect(await adapter.getSessionAndUser('tok')).toBeNull();
    await adapter.unlinkAccount({ provider: 'bungie', providerAccountId: '12345' });
    await adapter.deleteUser(user.id);
    expect(await adapter.getUser(user.id)).toBeNull();
  });

  it('uses a verification token once', async () => {
    const expires = new Date(Date.now() + 600_000);
    await adapter.createVerificationToken({ identifier: 'a@example.com', token: 't', expires });
    expect(await adapter.useVerificationToken({ identifier: 'a@example.com', token: 't' })).toMatchObject({ token: 't' });
    expect(await adapter.useVerificationToken({ identifier: 'a@example.com', token: 't' })).toBeNull();
  });
});
