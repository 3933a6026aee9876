import { describe, expect, it } from 'vitest';
import { getAccessToken, SessionEndedError } from '@/lib/auth/access-token';
import { resolveTokenKeys } from '@/lib/auth/token-crypto';
import type { BungieSim } from '@/dev/bungie-sim';
import type { PrismaClient } from '@/lib/db/client';
import { testBackends } from '@/tests/support/postgres';
import { errorOf, nowSeconds, refreshAtSim, seedAccount, storedAccount, type Seeded, withBungieSim, withDatabase } from './vault-harness';

// Every way a Bungie authorization can be gone for good. The player must see one sentence, the
// account must be flagged (the session callback shows "sign in again" from it), and no later call
// may knock on Bungie's door with a token that cannot work.

const h = withBungieSim();
const NINETY_DAYS = 7_776_000;
// A key derived from a secret the app no longer has: as after AUTH_SECRET was rotated.
const retiredKeys = resolveTokenKeys([], 'a-previous-auth-secret-that-was-rotated-away');

type Scenario = {
  name: string;
  /** Store the account in the state under test. */
  seed(prisma: PrismaClient, sim: BungieSim): Promise<Seeded>;
  /** Change the world at Bungie after the sign-in. */
  arrange?(seeded: Seeded, sim: BungieSim): Promise<void> | void;
  /** Token requests Bungie refuses during the call: 1 when it is asked, 0 when we know better. */
  refused: number;
};

const expiring = (prisma: PrismaClient, sim: BungieSim) => seedAccount(prisma, sim, { accessExpiresAt: nowSeconds() + 30 });

const scenarios: Scenario[] = [
  {
    name: 'a refresh token already spent (another instance, or a replay, used it first)',
    seed: expiring,
    async arrange(seeded, sim) {
      const spent = await refreshAtSim(seeded.tokens.refreshToken, sim);
      expect(spent.status).toBe(200);
    },
    refused: 1,
  },
  {
    name: 'a refresh token past its expiry by our own records (Bungie is not asked)',
    seed: (prisma, sim) => seedAccount(prisma, sim, { accessExpiresAt: nowSeconds() + 30, refreshExpiresAt: nowSeconds() - 1 }),
    refused: 0,
  },
  {
    name: 'a refresh token Bungie says has expired (its clock ran past the 90 days)',
    seed: expiring,
    arrange: (_seeded, sim) => sim.controls.advance(NINETY_DAYS + 60),
    refused: 1,
  },
  {
    name: 'an authorization the player revoked on bungie.net',
    seed: expiring,
    arrange(_seeded, sim) {
      expect(sim.controls.revokeAuthorization()).toBeGreaterThan(0);
    },
    refused: 1,
  },
  {
    name: 'tokens encrypted with a key no longer configured, due for refresh',
    seed: (prisma, sim) => seedAccount(prisma, sim, { accessExpiresAt: nowSeconds() + 30, keys: retiredKeys }),
    refused: 0,
  },
  {
    name: 'tokens encrypted with a key no longer configured, access token still valid',
    seed: (prisma, sim) => seedAccount(prisma, sim, { keys: retiredKeys }),
    refused: 0,
  },
];

describe.each(testBackends)('getAccessToken when the Bungie session has ended, on $name', (backend) => {
  const db = withDatabase(backend);

  it.each(scenarios)('$name', async (scenario) => {
    const seeded = await scenario.seed(db.prisma, h.sim);
    await scenario.arrange?.(seeded, h.sim);
    const before = { refreshes: h.sim.stats.refreshes, refused: h.sim.stats.refusedGrants, total: h.sim.stats.total };

    const error = await errorOf(getAccessToken(seeded.userId, { prisma: db.prisma }));
    expect(error).toBeInstanceOf(SessionEndedError);
    expect((error as Error).message).toBe('Your Bungie session has ended — sign in again.');
    expect(h.sim.stats.refusedGrants - before.refused).toBe(scenario.refused);
    expect(h.sim.stats.refreshes).toBe(before.refreshes);
    if (scenario.refused === 0) expect(h.sim.stats.total).toBe(before.total);

    const row = await storedAccount(db.prisma, seeded.userId);
    expect(row.needs_reauth).toBe(true);

    // Flagged: the next call ends at the database, even with Bungie ready to answer.
    const after = h.sim.stats.total;
    await expect(getAccessToken(seeded.userId, { prisma: db.prisma })).rejects.toThrow(SessionEndedError);
    await expect(getAccessToken(seeded.userId, { prisma: db.prisma, staleToken: seeded.tokens.accessToken })).rejects.toThrow(SessionEndedError);
    expect(h.sim.stats.total).toBe(after);
  });

  it('a user without a Bungie account gets the same sentence and no Bungie call', async () => {
    const user = await db.prisma.user.create({ data: { name: 'Nobody' } });
    await expect(getAccessToken(user.id, { prisma: db.prisma })).rejects.toThrow('Your Bungie session has ended — sign in again.');
    expect(h.sim.stats.total).toBe(0);
  });
});
