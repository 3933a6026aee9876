import 'server-only';
import pg from 'pg';
import { readMigrations, readSchema, resolvePaths, type MigrationPaths } from './migration-files';
import { startPgliteServer } from './pglite-server';
import { withSchemaEngine, type ShadowDatabase } from './schema-engine';

export type { MigrationPaths } from './migration-files';

const NO_FILTERS = { externalTables: [], externalEnums: [] };

// The engine itself takes Prisma's advisory lock (72707369, seen: it waits while another session
// holds it), on its single connection, so it also excludes a `prisma migrate deploy` elsewhere.
// We hold our own key ("VRmig") around the whole run as well, on a dedicated connection, so the
// exclusion does not hang on an engine detail; a different key, or we would deadlock the engine.
const MIGRATION_LOCK_KEY = 0x56_52_6d_69_67;

// PGlite is one Postgres session shared by every connection, so an advisory lock there excludes
// nobody; calls within this process therefore also queue on this map (one chain per URL).
const inProcess = new Map<string, Promise<unknown>>();

/**
 * Applies every `prisma/migrations/<stamp>_<name>/migration.sql` not yet applied to the database
 * at `connectionString`, recording each in `_prisma_migrations` the way `prisma migrate deploy`
 * does (the same engine, compiled to WASM). Safe to call from several processes at once: they
 * queue on a Postgres advisory lock. Returns the names of the migrations it applied.
 */
export async function applyMigrations(connectionString: string, paths?: MigrationPaths): Promise<string[]> {
  const previous = inProcess.get(connectionString) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => withAdvisoryLock(connectionString, () => applyUnlocked(connectionString, paths)));
  inProcess.set(connectionString, run);
  try {
    return await run;
  } finally {
    if (inProcess.get(connectionString) === run) inProcess.delete(connectionString);
  }
}

async function applyUnlocked(connectionString: string, paths?: MigrationPaths): Promise<string[]> {
  const { migrationsDir, schemaPath } = resolvePaths(paths);
  const [migrationsList, schema] = await Promise.all([readMigrations(migrationsDir), readSchema(schemaPath)]);
  const { appliedMigrationNames } = await withSchemaEngine(connectionString, schema, (engine) =>
    engine.applyMigrations({ migrationsList, filters: NO_FILTERS }),
  );
  return appliedMigrationNames;
}

async function withAdvisoryLock<T>(connectionString: string, fn: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    // Session-level lock on a dedicated connection: released by unlock, or by Postgres if we die.
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      return await fn();
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await client.end();
  }
}

/** Fresh in-memory PGlite databases, one per call: scratch space for replaying migrations. */
const scratchShadow: ShadowDatabase = async () => {
  const server = await startPgliteServer();
  return { url: server.url, release: () => server.stop() };
};

/**
 * The SQL that would bring a database built from the migrations folder to what `schema.prisma`
 * describes: empty when they agree. Replays the migrations on throwaway in-memory PGlite
 * databases, so it needs no server.
 */
export async function diffMigrationsToSchema(paths?: MigrationPaths): Promise<string> {
  const { migrationsDir, schemaPath } = resolvePaths(paths);
  const [migrationsList, schema] = await Promise.all([readMigrations(migrationsDir), readSchema(schemaPath)]);
  const main = await startPgliteServer();
  try {
    const { stdout } = await withSchemaEngine(
      main.url,
      schema,
      (engine) =>
        engine.diff({
          from: { tag: 'migrations', ...migrationsList },
          to: { tag: 'schemaDatamodel', files: [schema] },
          script: true,
          exitCode: null,
          filters: NO_FILTERS,
        }),
      scratchShadow,
    );
    return isEmptyScript(stdout ?? '') ? '' : (stdout ?? '');
  } finally {
    await main.stop();
  }
}

// With `script: true` the engine answers a no-op diff with a comment instead of nothing.
function isEmptyScript(sql: string): boolean {
  return sql.replace(/--.*$/gm, '').trim() === '';
}
