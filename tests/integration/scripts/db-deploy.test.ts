import { spawnSync } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../support/postgres';

const root = path.resolve(import.meta.dirname, '../../..');

/** Runs `npm run db:deploy`'s script as the build step would, with only the given variables. */
function dbDeploy(env: Record<string, string>) {
  const tsx = path.join(root, 'node_modules/tsx/dist/cli.mjs');
  return spawnSync(process.execPath, [tsx, '--conditions=react-server', 'scripts/db-deploy.ts'], {
    cwd: root,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', NODE_ENV: 'production', ...env },
    timeout: 120_000,
  });
}

async function appliedMigrations(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const exists = await client.query(`SELECT to_regclass('public._prisma_migrations') AS t`);
    if (exists.rows[0].t === null) return 0;
    return (await client.query('SELECT count(*)::int AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL')).rows[0].n;
  } finally {
    await client.end();
  }
}

describe('npm run db:deploy', () => {
  let direct: TestDatabase;
  let pooled: TestDatabase;
  beforeAll(async () => {
    [direct, pooled] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  });
  afterAll(async () => {
    await Promise.all([direct?.drop(), pooled?.drop()]);
  });

  it('does nothing on a Vercel preview build, and says so', async () => {
    const run = dbDeploy({ VERCEL: '1', VERCEL_ENV: 'preview', DATABASE_URL: pooled.url, DATABASE_DIRECT_URL: direct.url });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Migrations skipped');
    expect(await appliedMigrations(direct.url)).toBe(0);
    expect(await appliedMigrations(pooled.url)).toBe(0);
  });

  it('migrates the direct URL, not the pooled one, on a production build', async () => {
    const run = dbDeploy({ VERCEL: '1', VERCEL_ENV: 'production', DATABASE_URL: pooled.url, DATABASE_DIRECT_URL: direct.url });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Applied \d+ migration/);
    expect(await appliedMigrations(direct.url)).toBeGreaterThan(0);
    expect(await appliedMigrations(pooled.url)).toBe(0);
    const again = dbDeploy({ DATABASE_URL: direct.url });
    expect(again.stdout).toContain('No pending migrations');
  });

  it('refuses with one sentence when no database is named', () => {
    const run = dbDeploy({});
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('DATABASE_URL is missing');
  });
});
