import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startPgliteServer } from '@/lib/db/pglite-server';

/** A throwaway database for one test file. */
export type TestDatabase = {
  /** postgres:// URL of the new, empty database. */
  url: string;
  /** Removes the database (and stops its server for PGlite). Idempotent. */
  drop(): Promise<void>;
};

/** Admin URL used when TEST_POSTGRES_URL is unset: the server these machines run, trust auth. */
export const DEFAULT_TEST_POSTGRES_URL = 'postgresql://root@127.0.0.1:5432/postgres';

function adminUrl(): string {
  return process.env.TEST_POSTGRES_URL?.trim() || DEFAULT_TEST_POSTGRES_URL;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function connectAdmin(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    return client;
  } catch (error) {
    await client.end().catch(() => undefined);
    const { host } = new URL(url);
    throw new Error(
      `PostgreSQL at ${host} did not answer (${(error as Error).message}): start it with ` +
        '`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`, or point TEST_POSTGRES_URL at another server.',
      { cause: error },
    );
  }
}

/**
 * Creates a fresh, empty database on the real PostgreSQL server at `TEST_POSTGRES_URL`
 * (an admin URL; default `postgresql://root@127.0.0.1:5432/postgres`). Throws one clear
 * sentence when that server does not answer.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const admin = adminUrl();
  const name = `vault_raider_test_${Date.now()}_${randomBytes(4).toString('hex')}`;
  const client = await connectAdmin(admin);
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  let dropped: Promise<void> | undefined;
  return {
    url: withDatabase(admin, name),
    drop() {
      dropped ??= (async () => {
        const dropper = await connectAdmin(admin);
        try {
          // FORCE: a test that failed half-way may leave pooled connections open.
          await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        } finally {
          await dropper.end();
        }
      })();
      return dropped;
    },
  };
}

/** The PGlite twin of `createTestDatabase`: an in-memory PGlite served on a free local port. */
export async function createPgliteTestDatabase(): Promise<TestDatabase> {
  const server = await startPgliteServer();
  return { url: server.url, drop: () => server.stop() };
}

/** A database backend the shared suites run against. */
export type TestBackend = {
  name: 'PGlite' | 'PostgreSQL';
  create(): Promise<TestDatabase>;
  /**
   * PGlite serves every connection from one Postgres session, so two "clients" of it are not
   * two sessions: advisory locks do not exclude each other there.
   */
  sharedSession: boolean;
};

/** Both backends, for `describe.each(testBackends)`. */
export const testBackends: readonly TestBackend[] = [
  { name: 'PGlite', create: createPgliteTestDatabase, sharedSession: true },
  { name: 'PostgreSQL', create: createTestDatabase, sharedSession: false },
];
