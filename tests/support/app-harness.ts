import crypto from 'node:crypto';
import type { RequestHandler } from 'msw';
import { setupServer, type SetupServer } from 'msw/node';
import { afterAll, beforeAll, expect, vi } from 'vitest';
import { createBungieSim, type BungieSim } from '@/dev/bungie-sim';
import { newSessionToken } from '@/lib/auth/session-cache';
import { tokenColumns } from '@/lib/auth/token-columns';
import { resolveTokenKeys } from '@/lib/auth/token-crypto';
import { readTokenAnswer } from '@/lib/bungie/oauth';
import { getConfig, resetConfigForTests } from '@/lib/config';
import { closeDatabase, getPrisma } from '@/lib/db/client';
import { startManifestJob } from '@/lib/jobs/manifest-job';
import { startPostgresCounter, type PostgresCounter } from '@/dev/services/postgres-counter';
import { createTestDatabase, type TestDatabase } from './postgres';

export const APP_ORIGIN = 'http://localhost:3000';

/**
 * The app's own stack for route-handler tests: its Prisma client on a fresh PostgreSQL database,
 * the Postgres manifest store (ingested from the simulator), and the Bungie simulator behind msw.
 */
export function withAppStack(
  options: {
    ingestManifest?: boolean;
    /** More environment for this file (set after the defaults, before the config is read). */
    env?: Record<string, string | undefined>;
    /** More msw handlers, e.g. a webhook standing in for Slack. */
    handlers?: RequestHandler[];
    /** The app reaches the database through a counting proxy (`postgresCounter`): queries on the wire. */
    countPostgres?: boolean;
  } = {},
): { readonly sim: BungieSim; readonly server: SetupServer; readonly postgresCounter: PostgresCounter | undefined } {
  const sim = createBungieSim();
  const server = setupServer(...sim.handlers, ...(options.handlers ?? []));
  let db: TestDatabase | undefined;
  let counter: PostgresCounter | undefined;
  beforeAll(async () => {
    db = await createTestDatabase();
    if (options.countPostgres) counter = await startPostgresCounter(db.url);
    vi.stubEnv('DATABASE_URL', counter?.url ?? db.url);
    vi.stubEnv('BUNGIE_SIMULATOR_URL', 'http://bungie.sim.test');
    vi.stubEnv('AUTH_URL', APP_ORIGIN);
    vi.stubEnv('AUTH_SECRET', 'route-test-secret-route-test-secret-0123');
    for (const name of ['UPSTASH_REDIS_REST_URL', 'UPSTASH_REDIS_REST_TOKEN', 'QSTASH_TOKEN', 'TOKEN_ENCRYPTION_KEYS', 'ADMIN_MEMBERSHIP_IDS', 'NOTIFY_WEBHOOK_URL']) vi.stubEnv(name, undefined);
    // Route tests that are not about limits run unlimited (each file's requests share one address);
    // tests/integration/lib/http/rate-limit.test.ts turns them on through `env`.
    vi.stubEnv('RATE_LIMIT_PLAYER', '0');
    vi.stubEnv('RATE_LIMIT_IP', '0');
    for (const [name, value] of Object.entries(options.env ?? {})) vi.stubEnv(name, value);
    resetConfigForTests();
    server.listen({ onUnhandledRequest: 'error' });
    if (options.ingestManifest) await startManifestJob('test').done;
  });
  afterAll(async () => {
    server.close();
    await closeDatabase();
    vi.unstubAllEnvs();
    resetConfigForTests();
    await counter?.close();
    await db?.drop();
  });
  return {
    sim,
    server,
    get postgresCounter() {
      return counter;
    },
  };
}

/** A signed-in player: the simulator's, with a database session; `cookie` is what the browser sends. */
export type TestPlayer = { userId: string; cookie: string };

/** Signs the simulator's player in the way Auth.js leaves the database: user, account, session. */
export async function signInPlayer(sim: BungieSim): Promise<TestPlayer> {
  const prisma = await getPrisma();
  const answer = sim.issueTokens();
  const tokens = readTokenAnswer(answer, Math.floor(Date.now() / 1000));
  const config = getConfig();
  const primary = sim.world.player.memberships[0]!;
  const user = await prisma.user.create({ data: { name: 'Guardian#0001' } });
  await prisma.account.create({
    data: {
      userId: user.id,
      type: 'oauth',
      provider: 'bungie',
      providerAccountId: answer.membership_id,
      bungie_membership_id: answer.membership_id,
      destiny_membership_id: primary.membershipId,
      destiny_membership_type: primary.membershipType,
      ...tokenColumns(tokens, resolveTokenKeys(config.tokenKeys, config.authSecret)),
    },
  });
  // As the app's adapter makes them (lib/auth/adapter.ts): the token names its user.
  const sessionToken = newSessionToken(user.id, crypto.randomUUID());
  await prisma.session.create({ data: { sessionToken, userId: user.id, expires: new Date(Date.now() + 86_400_000) } });
  return { userId: user.id, cookie: `authjs.session-token=${sessionToken}` };
}

/** A JSON POST as the app's own page sends it (same origin, the player's cookie). */
export function jsonPost(path: string, body: unknown, init: { cookie?: string; origin?: string | null; headers?: Record<string, string> } = {}): Request {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...init.headers };
  if (init.cookie) headers.cookie = init.cookie;
  if (init.origin !== null) headers.origin = init.origin ?? APP_ORIGIN;
  return new Request(`${APP_ORIGIN}${path}`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

/** `call`'s answer while Bungie is down for maintenance (the simulator's switch, turned back off after): status and sentence. */
export async function answerDuringMaintenance(sim: BungieSim, call: () => Promise<Response>): Promise<{ status: number; message: string }> {
  sim.controls.setMaintenance(true);
  try {
    const response = await call();
    return { status: response.status, message: ((await response.json()) as { error: { message: string } }).error.message };
  } finally {
    sim.controls.setMaintenance(false);
  }
}

/** A GET of `path` as a browser's refresh sends it: the session cookie, and `If-None-Match` once it holds an ETag. */
export function getRequest(path: string, init: { cookie?: string; ifNoneMatch?: string } = {}): Request {
  const headers: Record<string, string> = {};
  if (init.cookie) headers.cookie = init.cookie;
  if (init.ifNoneMatch) headers['if-none-match'] = init.ifNoneMatch;
  return new Request(`${APP_ORIGIN}${path}`, { headers });
}

/**
 * A route's refusal as a player reads it: its status, code and sentence — checked to be a sentence
 * (capital first, full stop last) with no stack trace or token in the body.
 */
export async function refusalOf(response: Response): Promise<{ status: number; code: string; message: string }> {
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body.error.message).toMatch(/^[A-Z].+[.!]$/);
  expect(JSON.stringify(body)).not.toMatch(/at .+\.ts:\d+|stack|Bearer/i);
  return { status: response.status, code: body.error.code, message: body.error.message };
}
