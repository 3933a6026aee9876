import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffMigrationsToSchema } from '@/lib/db/migrate';

const root = process.cwd();

describe('prisma/schema.prisma and prisma/migrations', () => {
  it('agree: the migrations build exactly the schema (run `npm run db:migration -- <name>` if not)', async () => {
    const sql = await diffMigrationsToSchema();
    expect(sql, `schema.prisma has changes no migration covers:\n${sql}`).toBe('');
  });

  describe('the check above can fail', () => {
    let dir: string;

    beforeAll(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'vault-raider-drift-'));
      await cp(path.join(root, 'prisma', 'migrations'), path.join(dir, 'migrations'), { recursive: true });
      const schema = await readFile(path.join(root, 'prisma', 'schema.prisma'), 'utf8');
      const drifted = schema.replace(/(model User \{\n)/, '$1  drift_probe String?\n');
      expect(drifted).not.toBe(schema);
      await writeFile(path.join(dir, 'schema.prisma'), drifted);
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('returns the missing SQL when the schema has a field no migration adds', async () => {
      const sql = await diffMigrationsToSchema({ migrationsDir: path.join(dir, 'migrations'), schemaPath: path.join(dir, 'schema.prisma') });
      expect(sql).toContain('ALTER TABLE "users" ADD COLUMN     "drift_probe" TEXT');
    });
  });
});
