import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resetConfigForTests } from '@/lib/config';
import { closeDatabase, getPrisma } from '@/lib/db/client';
import { createTestDatabase } from '@/tests/support/postgres';

type MigrationCount = [{ count: bigint }];

function useEnvironment(env: Record<string, string | undefined>): void {
  vi.stubEnv('BUNGIE_SIMULATOR_URL', 'http://127.0.0.1:3100');
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  resetConfigForTests();
}

describe('getPrisma', () => {
  afterEach(async () => {
    await closeDatabase();
    vi.unstubAllEnvs();
    resetConfigForTests();
  });

  it('with DATABASE_URL: migrates that database at start-up and returns one shared client', async () => {
    const database = await createTestDatabase();
    try {
      useEnvironment({ DATABASE_URL: database.url });
      const [first, second] = await Promise.all([getPrisma(), getPrisma()]);
      expect(first).toBe(second);
      const [{ count }] = await first.$queryRaw<MigrationCount>`SELECT count(*) AS count FROM _prisma_migrations`;
      expect(count).toBeGreaterThan(0n);
      expect(await first.user.count()).toBe(0);
      await closeDatabase();
    } finally {
      await database.drop();
    }
  });

  it('without DATABASE_URL: starts the embedded database under DATA_DIR, migrates it, and stops on close', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vault-raider-client-'));
    try {
      useEnvironment({ DATABASE_URL: undefined, DATA_DIR: dataDir });
      const prisma = await getPrisma();
      await prisma.user.create({ data: { name: 'Ikora' } });
      expect(await prisma.user.count()).toBe(1);
      await closeDatabase();

      // The folder is free again, and the data is still there.
      const reopened = await getPrisma();
      expect(await reopened.user.findFirst()).toMatchObject({ name: 'Ikora' });
    } finally {
      await closeDatabase();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
