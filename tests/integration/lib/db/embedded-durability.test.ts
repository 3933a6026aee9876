import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPgliteServer } from '@/lib/db/pglite-server';

const root = path.resolve(import.meta.dirname, '../../../..');

/** A child process holding the embedded database (tests/support/embedded-child.ts). */
type Child = { process: ChildProcess; state: 'clean' | 'recovered'; write(n: number): Promise<void>; exited: Promise<number | null> };

async function startChild(dataRoot: string): Promise<Child> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=react-server', path.join(root, 'tests/support/embedded-child.ts')], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataRoot, DATABASE_URL: '', LOG_LEVEL: 'error', EMBEDDED_DB_FSYNC: 'on', BUNGIE_SIMULATOR_URL: 'http://127.0.0.1:9', AUTH_SECRET: 'durability-test-secret-0123456789abcdef' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const lines = readline.createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  // The child's own log lines share its stdout: skip them.
  const next = async (): Promise<string> => {
    for (;;) {
      const { value, done } = await lines.next();
      if (done) throw new Error('the child stopped before answering');
      if (/^(ready|ok) /.test(value as string)) return value as string;
    }
  };
  const ready = await next();
  expect(ready).toMatch(/^ready (clean|recovered)$/);
  return {
    process: child,
    state: ready.endsWith('recovered') ? 'recovered' : 'clean',
    exited,
    async write(n) {
      child.stdin!.write(`${n}\n`);
      expect(await next()).toBe(`ok ${n}`);
    },
  };
}

describe('embedded database durability (real processes, real signals)', () => {
  let dataRoot: string;
  beforeAll(async () => {
    dataRoot = await mkdtemp(path.join(os.tmpdir(), 'vault-raider-durable-'));
  });
  afterAll(async () => {
    await rm(dataRoot, { recursive: true, force: true });
  });

  it('forces each commit to disk (PGlite alone never calls fsync), unless told not to', async () => {
    for (const durable of [true, false]) {
      const dir = path.join(dataRoot, `sync-${durable}`);
      const server = await startPgliteServer(dir, { durable });
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      await client.query('CREATE TABLE t (n int)');
      const before = server.syncs();
      for (let i = 0; i < 5; i++) await client.query('INSERT INTO t VALUES ($1)', [i]);
      const forced = server.syncs() - before;
      await client.end();
      await server.stop();
      if (durable) expect(forced).toBeGreaterThanOrEqual(5);
      else expect(forced).toBe(0);
    }
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('a %s stop closes the database cleanly: the next start runs no crash recovery', async (signal) => {
    const dataDir = path.join(dataRoot, signal);
    const first = await startChild(dataDir);
    for (let n = 1; n <= 20; n++) await first.write(n);
    first.process.kill(signal);
    expect(await first.exited).toBe(signal === 'SIGTERM' ? 143 : 130);
    const second = await startChild(dataDir);
    expect(second.state).toBe('clean');
    second.process.kill('SIGKILL');
    await second.exited;
  });

  it('after a SIGKILL the next start recovers, and every acknowledged commit is there', async () => {
    const dataDir = path.join(dataRoot, 'killed');
    const first = await startChild(dataDir);
    for (let n = 1; n <= 50; n++) await first.write(n);
    first.process.kill('SIGKILL');
    await first.exited;
    const second = await startChild(dataDir);
    expect(second.state).toBe('recovered');
    second.process.kill('SIGTERM');
    await second.exited;
    const server = await startPgliteServer(path.join(dataDir, 'pglite'));
    expect(server.recoveredAtStart).toBe(false);
    const { rows } = await server.db.query<{ count: number }>('SELECT count(*)::int AS count FROM acknowledged');
    await server.stop();
    expect(rows[0]!.count).toBe(50);
  });
});
