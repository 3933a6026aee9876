import 'server-only';
import { PrismaPg } from '@prisma/adapter-pg';
import { getConfig } from '@/lib/config';
import { PrismaClient } from '@/lib/generated/prisma/client';

// The embedded database (PGlite, 19 MB) and the migration engine (5 MB of WASM) are loaded only
// when used: a serverless function never starts the one and migrates at deploy, not at start-up,
// so a cloud build leaves both out of its functions (next.config.mjs).
type EmbeddedModule = typeof import('./embedded');
let embedded: EmbeddedModule | undefined;

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
  if (database.kind === 'embedded') embedded ??= await import('./embedded');
  const url = database.kind === 'embedded' ? (await embedded!.getEmbeddedPostgres()).url : database.url;
  // Embedded: always (nobody else can). Postgres: unless migrations run on deploy (`npm run db:deploy`).
  if (database.migrateOnStart) await (await import('./migrate')).applyMigrations(url);
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
  await embedded?.stopEmbeddedPostgres();
}
