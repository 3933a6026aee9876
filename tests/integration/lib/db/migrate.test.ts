import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations } from '@/lib/db/migrate';
import { createTestDatabase, testBackends, type TestDatabase } from '@/tests/support/postgres';

const migrationsDir = path.join(process.cwd(), 'prisma', 'migrations');

async function migrationFolders(): Promise<string[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

type MigrationRow = {
  id: string;
  checksum: string;
  finished_at: Date | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | null;
  started_at: Date;
  applied_steps_count: number;
};

describe.each(testBackends)('applyMigrations on $name', (backend) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await backend.create();
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('applies every migration to an empty database', async () => {
    const applied = await applyMigrations(database.url);
    expect(applied).toEqual(await migrationFolders());
    const tables = await query<{ table_name: string }>(
      database.url,
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
    );
    // Exactly the tables the schema maps (every model's @@map): the migrations and the schema agree.
    const schema = await readFile(path.join(migrationsDir, '..', 'schema.prisma'), 'utf8');
    const mapped = [...schema.matchAll(/@@map\("([^"]+)"\)/g)].map((m) => m[1]!);
    expect(mapped.length).toBeGreaterThanOrEqual(15);
    expect(tables.map((row) => row.table_name)).toEqual(['_prisma_migrations', ...mapped].sort());
  });

  it('records them in _prisma_migrations as prisma migrate does', async () => {
    const rows = await query<MigrationRow>(database.url, 'SELECT * FROM _prisma_migrations ORDER BY migration_name');
    const folders = await migrationFolders();
    expect(rows.map((row) => row.migration_name)).toEqual(folders);
    for (const row of rows) {
      // Prisma's checksum: SHA-256 of migration.sql, hex. A mismatch makes `migrate deploy` complain.
      const sql = await readFile(path.join(migrationsDir, row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
      expect(row.rolled_back_at).toBeNull();
      expect(row.logs).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it('applies nothing the second time', async () => {
    expect(await applyMigrations(database.url)).toEqual([]);
    const rows = await query<{ count: string }>(database.url, 'SELECT count(*)::text AS count FROM _prisma_migrations');
    expect(Number(rows[0]?.count)).toBe((await migrationFolders()).length);
  });

  it('survives two concurrent runs on a fresh database, applying each migration once', async () => {
    const fresh = await backend.create();
    try {
      // On a real server, distinct URLs bypass the in-process queue, as two processes would:
      // only the advisory lock keeps them apart. PGlite has one session, so it queues in-process.
      const second = backend.sharedSession ? fresh.url : `${fresh.url}?application_name=second_process`;
      const results = await Promise.all([applyMigrations(fresh.url), applyMigrations(second)]);
      expect(results.flat().sort()).toEqual(await migrationFolders());
      const rows = await query<{ migration_name: string }>(fresh.url, 'SELECT migration_name FROM _prisma_migrations');
      expect(rows).toHaveLength((await migrationFolders()).length);
    } finally {
      await fresh.drop();
    }
  });
});

describe('applyMigrations on PostgreSQL', () => {
  // PGlite has one session for all connections, so a lock held "elsewhere" cannot block it there.
  it('waits while another session holds Prisma\'s migration lock (e.g. prisma migrate deploy)', async () => {
    const fresh = await createTestDatabase();
    const other = new pg.Client({ connectionString: fresh.url });
    await other.connect();
    try {
      await other.query('SELECT pg_advisory_lock(72707369)');
      let finished = false;
      const run = applyMigrations(fresh.url).then((names) => {
        finished = true;
        return names;
      });
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(finished).toBe(false);
      await other.query('SELECT pg_advisory_unlock(72707369)');
      expect(await run).toEqual(await migrationFolders());
    } finally {
      await other.end();
      await fresh.drop();
    }
  });
});
