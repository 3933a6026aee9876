import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient } from '@/lib/db/client';
import { EmbeddedDatabaseBusyError, startEmbeddedPostgres, type EmbeddedPostgres } from '@/lib/db/embedded';
import { applyMigrations } from '@/lib/db/migrate';

describe('embedded Postgres (PGlite on a data folder)', () => {
  let parent: string;
  let dataDir: string;
  const running: EmbeddedPostgres[] = [];

  beforeAll(async () => {
    parent = await mkdtemp(path.join(os.tmpdir(), 'vault-raider-embedded-'));
    dataDir = path.join(parent, 'pglite');
  });
  afterAll(async () => {
    await Promise.all(running.map((db) => db.stop()));
    await rm(parent, { recursive: true, force: true });
  });

  async function start(): Promise<EmbeddedPostgres> {
    const db = await startEmbeddedPostgres(dataDir);
    running.push(db);
    return db;
  }

  it('serves on 127.0.0.1 on a free port other than 5432, and keeps data across a restart', async () => {
    const first = await start();
    const { hostname, port } = new URL(first.url);
    expect(hostname).toBe('127.0.0.1');
    expect(Number(port)).toBeGreaterThan(0);
    expect(port).not.toBe('5432');

    expect(await applyMigrations(first.url)).not.toEqual([]);
    const prisma = createPrismaClient(first.url, { poolSize: 1 });
    await prisma.user.create({ data: { id: 'persisted-user', name: 'Saint-14' } });
    await prisma.$disconnect();
    await first.stop();

    const second = await start();
    expect(await applyMigrations(second.url)).toEqual([]);
    const again = createPrismaClient(second.url, { poolSize: 1 });
    expect(await again.user.findUnique({ where: { id: 'persisted-user' } })).toMatchObject({ name: 'Saint-14' });
    await again.$disconnect();
    await second.stop();
  });

  it('refuses, in one sentence, to open a data folder another live server has open', async () => {
    const owner = await start();
    const attempt = startEmbeddedPostgres(dataDir);
    await expect(attempt).rejects.toBeInstanceOf(EmbeddedDatabaseBusyError);
    await expect(attempt).rejects.toThrow(/^The embedded database in .+ is already open in this process; .+\.$/);
    await owner.stop();
    // Stopping frees the folder again.
    await expect(stat(`${dataDir}.lock`)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('takes over a lock left by a process that died, and serves the data under it', async () => {
    // PIDs are at most 2^22 on Linux; this one cannot be alive.
    await writeFile(`${dataDir}.lock`, '4194305\n');
    const db = await start();
    // The stale lock is replaced by this process's, and the database answers with the data the first test kept.
    expect(await readFile(`${dataDir}.lock`, 'utf8')).toBe(`${process.pid}\n`);
    const prisma = createPrismaClient(db.url, { poolSize: 1 });
    expect(await prisma.user.findUnique({ where: { id: 'persisted-user' } })).toMatchObject({ name: 'Saint-14' });
    await prisma.$disconnect();
    await db.stop();
    await expect(stat(`${dataDir}.lock`)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
