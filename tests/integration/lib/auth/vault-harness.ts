import { setupServer, type SetupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, vi } from 'vitest';
import { createBungieSim, type BungieSim, type TokenAnswer } from '@/dev/bungie-sim';
import { tokenColumns } from '@/lib/auth/token-columns';
import { decryptToken, resolveTokenKeys } from '@/lib/auth/token-crypto';
import { readTokenAnswer, type BungieTokenSet } from '@/lib/bungie/oauth';
import { getConfig, resetConfigForTests, type TokenKey } from '@/lib/config';
import { createPrismaClient, type PrismaClient } from '@/lib/db/client';
import { applyMigrations } from '@/lib/db/migrate';
import type { TestBackend, TestDatabase } from '@/tests/support/postgres';

/**
 * Shared set-up for the token vault tests: the Bungie simulator behind msw, the app's
 * configuration pointed at it, and one migrated database per backend.
 */

/** Any origin works: the simulator's handlers match every host. */
export const SIM_ORIGIN = 'http://bungie.sim.test';
const AUTH_SECRET = 'vault-raider-integration-secret-0123456789abcdef';

export const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A fresh simulator per test (clean stats and tokens), served by one msw server per file. */
export function withBungieSim(): { readonly sim: BungieSim; readonly server: SetupServer } {
  let sim = createBungieSim();
  const server = setupServer(...sim.handlers);
  beforeAll(() => {
    vi.stubEnv('BUNGIE_SIMULATOR_URL', SIM_ORIGIN);
    vi.stubEnv('AUTH_SECRET', AUTH_SECRET);
    // The vault must derive its key from AUTH_SECRET here, whatever the shell has set.
    vi.stubEnv('TOKEN_ENCRYPTION_KEYS', undefined);
    resetConfigForTests();
    // Postgres connections are TCP, not fetch: anything msw sees must be a Bungie call.
    server.listen({ onUnhandledRequest: 'error' });
  });
  beforeEach(() => {
    sim = createBungieSim();
    server.resetHandlers(...sim.handlers);
  });
  afterAll(() => {
    server.close();
    vi.unstubAllEnvs();
    resetConfigForTests();
  });
  return {
    get sim() {
      return sim;
    },
    server,
  };
}

/** The keys the app uses right now (derived from AUTH_SECRET). */
export function appKeys(): readonly TokenKey[] {
  const config = getConfig();
  return resolveTokenKeys(config.tokenKeys, config.authSecret);
}

/**
 * A migrated database on `backend`, created once per describe block; every test starts
 * with no users (the sim always signs in the same player, and provider ids are unique).
 */
export function withDatabase(backend: TestBackend, poolSizes: readonly number[] = [backend.sharedSession ? 1 : 10]): { readonly clients: PrismaClient[]; readonly prisma: PrismaClient } {
  let database: TestDatabase | undefined;
  const clients: PrismaClient[] = [];
  beforeAll(async () => {
    database = await backend.create();
    await applyMigrations(database.url);
    for (const poolSize of poolSizes) clients.push(createPrismaClient(database.url, { poolSize }));
  });
  beforeEach(async () => {
    await clients[0]?.user.deleteMany();
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.$disconnect()));
    await database?.drop();
  });
  return {
    clients,
    get prisma() {
      const first = clients[0];
      if (!first) throw new Error('the database is not ready');
      return first;
    },
  };
}

/** What `seedAccount` stored: the user, and the plaintext pair as the app would hold it. */
export type Seeded = { userId: string; providerAccountId: string; tokens: BungieTokenSet };

/**
 * Signs the sim's player in without the browser and stores the pair as the app does
 * (encrypted by `tokenColumns`). `overrides` adjust the stored expiries or keys.
 */
export async function seedAccount(
  prisma: PrismaClient,
  sim: BungieSim,
  overrides: { accessExpiresAt?: number; refreshExpiresAt?: number; keys?: readonly TokenKey[] } = {},
): Promise<Seeded> {
  const answer: TokenAnswer = sim.issueTokens();
  const issued = readTokenAnswer(answer, nowSeconds());
  const tokens: BungieTokenSet = {
    ...issued,
    accessExpiresAt: overrides.accessExpiresAt ?? issued.accessExpiresAt,
    refreshExpiresAt: overrides.refreshExpiresAt ?? issued.refreshExpiresAt,
  };
  const user = await prisma.user.create({ data: { name: 'Guardian' } });
  await prisma.account.create({
    data: {
      userId: user.id,
      type: 'oauth',
      provider: 'bungie',
      providerAccountId: answer.membership_id,
      bungie_membership_id: answer.membership_id,
      ...tokenColumns(tokens, overrides.keys ?? appKeys()),
    },
  });
  return { userId: user.id, providerAccountId: answer.membership_id, tokens };
}

/** The stored account row (ciphertext as stored). */
export async function storedAccount(prisma: PrismaClient, userId: string) {
  return prisma.account.findFirstOrThrow({ where: { userId, provider: 'bungie' } });
}

/** The stored pair, decrypted with the app's keys. */
export async function storedPair(prisma: PrismaClient, userId: string): Promise<{ access: string; refresh: string }> {
  const row = await storedAccount(prisma, userId);
  if (!row.access_token || !row.refresh_token || !row.token_key_id) throw new Error('the account holds no token pair');
  return { access: decryptToken(row.access_token, row.token_key_id, appKeys()), refresh: decryptToken(row.refresh_token, row.token_key_id, appKeys()) };
}

/** Calls the sim's token endpoint directly, as a second app instance (or an attacker) would. */
export async function refreshAtSim(refreshToken: string, sim: BungieSim): Promise<{ status: number; body: Record<string, unknown> }> {
  const body = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: sim.credentials.clientId, client_secret: sim.credentials.clientSecret });
  const response = await fetch(`${SIM_ORIGIN}/Platform/App/OAuth/token/`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-API-Key': sim.credentials.apiKey }, body });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** A settled promise's error, for asserting on rejections among many concurrent calls. */
export async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
