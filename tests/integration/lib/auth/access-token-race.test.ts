import { describe, expect, it } from 'vitest';
import { getAccessToken } from '@/lib/auth/access-token';
import type { PrismaClient } from '@/lib/db/client';
import { testBackends } from '@/tests/support/postgres';
import { nowSeconds, refreshAtSim, seedAccount, storedAccount, storedPair, withBungieSim, withDatabase } from './vault-harness';

// Bungie refresh tokens are single use: two refreshes with one token log the player out.
// These tests make many callers need a refresh at once and count the refreshes Bungie saw.

const h = withBungieSim();
// Wide enough that every concurrent caller arrives while the one refresh is in flight.
const LATENCY_MS = 50;

const times = <T,>(n: number, call: () => Promise<T>) => Promise.all(Array.from({ length: n }, call));

/** The new pair is stored, works at Bungie, and the old refresh token is spent. */
async function expectRotated(prisma: PrismaClient, seeded: Awaited<ReturnType<typeof seedAccount>>, token: string) {
  expect(token).not.toBe(seeded.tokens.accessToken);
  expect(h.sim.whoIs(token)).toBe(seeded.providerAccountId);
  const pair = await storedPair(prisma, seeded.userId);
  expect(pair.access).toBe(token);
  expect(pair.refresh).not.toBe(seeded.tokens.refreshToken);
  const row = await storedAccount(prisma, seeded.userId);
  expect(row.needs_reauth).toBe(false);
  expect(row.expires_at ?? 0).toBeGreaterThan(nowSeconds() + 3000);
  const reuse = await refreshAtSim(seeded.tokens.refreshToken, h.sim);
  expect(reuse.status).toBe(400);
  expect(reuse.body).toMatchObject({ error: 'invalid_grant', error_description: 'ProvidedTokenNotValidRefreshToken' });
}

/** The client, counting the interactive transactions opened through it (each refresh takes the row lock in one). */
function countingTransactions(prisma: PrismaClient): { prisma: PrismaClient; transactions: () => number } {
  let count = 0;
  const proxy = new Proxy(prisma, {
    get(target, key) {
      const value = Reflect.get(target, key, target) as unknown;
      if (key !== '$transaction' || typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        count++;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { prisma: proxy, transactions: () => count };
}

describe.each(testBackends)('getAccessToken under concurrency on $name', (backend) => {
  // Postgres: a pool of several connections, so callers really run side by side. PGlite: one
  // connection, as the app runs it (see lib/db/client.ts and the two-process test below).
  const db = withDatabase(backend, [backend.sharedSession ? 1 : 10]);

  it('50 concurrent callers with a token inside the refresh margin share exactly one refresh', async () => {
    const seeded = await seedAccount(db.prisma, h.sim, { accessExpiresAt: nowSeconds() + 30 });
    h.sim.controls.setLatency(LATENCY_MS);

    const results = await times(50, () => getAccessToken(seeded.userId, { prisma: db.prisma }));

    console.log(`[race, ${backend.name}] 50 concurrent getAccessToken in one process -> sim.stats.refreshes = ${h.sim.stats.refreshes}`);
    expect(h.sim.stats.refreshes).toBe(1);
    expect(h.sim.stats.refusedGrants).toBe(0);
    expect(results).toHaveLength(50);
    expect(new Set(results).size).toBe(1);
    await expectRotated(db.prisma, seeded, results[0] ?? '');
  });

  it('in one process, 50 concurrent callers open ONE locked refresh transaction (the in-process single flight)', async () => {
    // The row lock alone would also keep Bungie to one refresh, but every caller would open its own
    // transaction and queue on the lock, holding a pooled connection each: count the transactions.
    const seeded = await seedAccount(db.prisma, h.sim, { accessExpiresAt: nowSeconds() + 30 });
    h.sim.controls.setLatency(LATENCY_MS);
    const counted = countingTransactions(db.prisma);

    const results = await times(50, () => getAccessToken(seeded.userId, { prisma: counted.prisma }));

    console.log(`[race, ${backend.name}] 50 concurrent getAccessToken in one process -> ${counted.transactions()} locked refresh transaction(s)`);
    expect(counted.transactions()).toBe(1);
    expect(h.sim.stats.refreshes).toBe(1);
    expect(new Set(results).size).toBe(1);
  });

  it('staleToken: 10 callers reporting the same rejected token force exactly one refresh', async () => {
    // Valid for an hour by its expiry, but Bungie answered 401 to it (revoked server-side, clock skew).
    const seeded = await seedAccount(db.prisma, h.sim);
    h.sim.controls.setLatency(LATENCY_MS);
    const stale = seeded.tokens.accessToken;

    const results = await times(10, () => getAccessToken(seeded.userId, { prisma: db.prisma, staleToken: stale }));

    expect(h.sim.stats.refreshes).toBe(1);
    expect(new Set(results).size).toBe(1);
    await expectRotated(db.prisma, seeded, results[0] ?? '');

    // A caller that saw the 401 late still names the old token: it gets the new one, no second refresh.
    expect(await getAccessToken(seeded.userId, { prisma: db.prisma, staleToken: stale })).toBe(results[0]);
    expect(h.sim.stats.refreshes).toBe(1);
  });
});

// Two processes = two Prisma clients with their own pools and their own in-process single flight;
// only the row lock can keep them to one refresh. Real PostgreSQL only: PGlite is one Postgres
// session behind its socket server, which queues each protocol message (Parse, Bind, Execute)
// on its own, so outside a transaction two busy connections interleave inside that one session
// (seen: with two clients, one caller's account lookup came back empty and it was told to sign in
// again). The app never does that: embedded mode is one process with one connection
// (lib/db/client.ts), and a PGlite data folder cannot be opened by two processes.
describe.each(testBackends.filter((b) => !b.sharedSession))('getAccessToken across two processes on $name', (backend) => {
  const db = withDatabase(backend, [4, 4]);

  it('two processes (two Prisma clients, one database), 25 callers each, still refresh once', async () => {
    const [first, second] = db.clients;
    if (!first || !second) throw new Error('two clients expected');
    const seeded = await seedAccount(first, h.sim, { accessExpiresAt: nowSeconds() + 30 });
    h.sim.controls.setLatency(LATENCY_MS);

    // Interleaved, so neither client's in-process single flight settles before the other starts.
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => getAccessToken(seeded.userId, { prisma: i % 2 === 0 ? first : second })),
    );

    console.log(`[race, ${backend.name}] 2 clients x 25 concurrent getAccessToken -> sim.stats.refreshes = ${h.sim.stats.refreshes}`);
    expect(h.sim.stats.refreshes).toBe(1);
    expect(h.sim.stats.refusedGrants).toBe(0);
    expect(new Set(results).size).toBe(1);
    await expectRotated(second, seeded, results[0] ?? '');
  });
});
