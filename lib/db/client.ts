import 'server-only';
import { PrismaPg } from '@prisma/adapter-pg';
import { getConfig } from '@/lib/config';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { getEmbeddedPostgres, stopEmbeddedPostgres } from './embedded';
import { applyMigrations } from './migrate';

export type { PrismaClient };

// PGlite is a single Postgres session; more pool connections would only queue behind it.
const EMBEDDED_POOL_SIZE = 1;
const DEFAULT_POOL_SIZE = 10;
const CONNECT_TIMEOUT_MS = 5_000;

/**
 * A Prisma client for the database at `url`, through the `pg` driver adapter (no engine binary).
 * The caller owns it and calls `$disconnect()`. Tests use this directly.
 */
export function createPrismaClient(url: string, options: { poolSize?: number } = {}): PrismaClient {
  // A server that stopped answering (not refusing) must fail a request in seconds, not hang it.
  const adapter = new PrismaPg({ connectionString: url, max: options.poolSize ?? DEFAULT_POOL_SIZE, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  return new PrismaClient({ adapter });
}

async function connect(): Promise<PrismaClient> {
  const { database } = getConfig();
  const url = database.kind === 'embedded' ? (await getEmbeddedPostgres()).url : database.url;
  // Embedded: always (nobody else can). Postgres: unless migrations run on deploy (`npm run db:deploy`).
  if (database.migrateOnStart) await applyMigrations(url);
  return createPrismaClient(url, { poolSize: database.kind === 'embedded' ? EMBEDDED_POOL_SIZE : DEFAULT_POOL_SIZE });
}

type Holder = typeof globalThis & { __vaultRaiderPrisma?: Promise<PrismaClient> };
const holder = globalThis as Holder;

/**
 * The process's Prisma client: on first call starts the embedded database (when `DATABASE_URL`
 * is unset), applies pending migrations, and connects. Memoized on `globalThis` so Next's dev
 * reloads share one client and one pool.
 */
export function getPrisma(): Promise<PrismaClient> {
  if (holder.__vaultRaiderPrisma) return holder.__vaultRaiderPrisma;
  const connecting = connect();
  holder.__vaultRaiderPrisma = connecting;
  // Do not cache a failure: a later request retries (the database may come back).
  connecting.catch(() => {
    if (holder.__vaultRaiderPrisma === connecting) holder.__vaultRaiderPrisma = undefined;
  });
  return connecting;
}

/**
 * Disconnects the process's Prisma client and stops the embedded database if this process
 * started it. For graceful shutdown and tests; the next `getPrisma()` connects afresh.
 */
export async function closeDatabase(): Promise<void> {
  const connecting = holder.__vaultRaiderPrisma;
  holder.__vaultRaiderPrisma = undefined;
  const prisma = await connecting?.catch(() => undefined);
  await prisma?.$disconnect();
  await stopEmbeddedPostgres();
}
