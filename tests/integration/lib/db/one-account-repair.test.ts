import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations } from '@/lib/db/migrate';
import { testBackends, type TestDatabase } from '@/tests/support/postgres';

const migrationsDir = path.join(process.cwd(), 'prisma', 'migrations');
const REPAIR = '20261130032921_one_bungie_account_per_user';

async function run<T extends pg.QueryResultRow>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

/** The migrations folder as it was before the repair: every migration older than it. */
async function migrationsBeforeRepair(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'vr-migrations-'));
  for (const entry of await readdir(migrationsDir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name < REPAIR) await cp(path.join(migrationsDir, entry.name), path.join(dir, entry.name), { recursive: true });
  }
  return dir;
}

const account = (userId: string, id: string, createdAt: string) =>
  [userId, 'oauth', 'bungie', id, new Date(createdAt)];

describe.each(testBackends)('the one-Bungie-account repair migration on $name (issue 17)', (backend) => {
  let database: TestDatabase;
  let oldDir: string;

  beforeAll(async () => {
    database = await backend.create();
    oldDir = await migrationsBeforeRepair();
    await applyMigrations(database.url, { migrationsDir: oldDir });
    // Player A with a second Bungie account (C) joined to it, C's later session and A's own;
    // player B, untouched, with one account and a session.
    await run(database.url, `INSERT INTO users (id, name, updated_at) VALUES ('user-a', 'Guardian#3939', now()), ('user-b', 'Other#0001', now())`);
    const insert = `INSERT INTO accounts (user_id, type, provider, provider_account_id, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, now())`;
    await run(database.url, insert, account('user-a', '1000001', '2026-01-01T00:00:00Z'));
    await run(database.url, insert, account('user-a', '29000777', '2026-02-01T00:00:00Z'));
    await run(database.url, insert, account('user-b', '2000002', '2026-01-15T00:00:00Z'));
    await run(
      database.url,
      `INSERT INTO sessions (session_token, user_id, expires, updated_at) VALUES
         ('session-a', 'user-a', now() + interval '1 day', now()),
         ('session-c-as-a', 'user-a', now() + interval '1 day', now()),
         ('session-b', 'user-b', now() + interval '1 day', now())`,
    );
  });
  afterAll(async () => {
    await database?.drop();
    if (oldDir) await rm(oldDir, { recursive: true, force: true });
  });

  it('keeps the account the joined player was created with, unlinks the other and ends that player\'s sessions', async () => {
    expect((await applyMigrations(database.url))[0]).toBe(REPAIR);
    const accounts = await run<{ user_id: string; provider_account_id: string }>(database.url, 'SELECT user_id, provider_account_id FROM accounts ORDER BY user_id');
    expect(accounts).toEqual([
      { user_id: 'user-a', provider_account_id: '1000001' },
      { user_id: 'user-b', provider_account_id: '2000002' },
    ]);
    const sessions = await run<{ session_token: string }>(database.url, 'SELECT session_token FROM sessions');
    expect(sessions.map((s) => s.session_token)).toEqual(['session-b']);
    expect((await run<{ id: string }>(database.url, 'SELECT id FROM users ORDER BY id')).map((u) => u.id)).toEqual(['user-a', 'user-b']);
  });

  it('from then on the schema refuses a second Bungie account for one player', async () => {
    await expect(
      run(database.url, `INSERT INTO accounts (user_id, type, provider, provider_account_id, updated_at) VALUES ('user-b', 'oauth', 'bungie', '29000777', now())`),
    ).rejects.toThrow(/accounts_user_id_provider_key/);
  });
});
