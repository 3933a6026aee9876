import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort, isListening, waitFor } from './ports';
import { postgresBinDir } from './os-packages';

/** A PostgreSQL server for tests: its admin URL, and how to stop it (a no-op for one we reused). */
export type PostgresHandle = { adminUrl: string; reused: boolean; stop(): Promise<void> };

const SHARED_URL = 'postgresql://root@127.0.0.1:5432/postgres';

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Uses the machine's PostgreSQL on 127.0.0.1:5432 when it answers (`url` overrides it), otherwise
 * starts a throw-away cluster on a free port and removes it on stop.
 */
export async function startTestPostgres(log: (line: string) => void, url?: string): Promise<PostgresHandle> {
  const candidate = url ?? SHARED_URL;
  if (await answers(candidate)) return { adminUrl: candidate, reused: true, stop: async () => undefined };
  if (url) throw new Error(`TEST_POSTGRES_URL (${new URL(url).host}) does not answer.`);

  const bin = postgresBinDir();
  if (!bin) throw new Error('No PostgreSQL server binaries found: install the Debian package postgresql.');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vr-pg-'));
  const asRoot = process.getuid?.() === 0;
  // initdb refuses to run as root; the Debian package creates the `postgres` user for this.
  const run = (cmd: string, args: string[]) => (asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args]) as [string, string[]];
  if (asRoot) fs.chownSync(dir, Number(spawnSync('id', ['-u', 'postgres']).stdout.toString().trim()), Number(spawnSync('id', ['-g', 'postgres']).stdout.toString().trim()));

  const [initCmd, initArgs] = run(`${bin}/initdb`, ['-D', dir, '-U', 'root', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const init = spawnSync(initCmd, initArgs, { encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr.trim().split('\n').pop()}`);

  const port = await freePort();
  const [cmd, args] = run(`${bin}/postgres`, ['-D', dir, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'max_connections=200']);
  const child: ChildProcess = spawn(cmd, args, { stdio: 'ignore' });
  await waitFor(() => isListening(port), 20_000, `PostgreSQL did not start on port ${port}.`);
  const adminUrl = `postgresql://root@127.0.0.1:${port}/postgres`;
  await waitFor(() => answers(adminUrl), 20_000, 'PostgreSQL started but does not accept connections.');
  log(`started PostgreSQL on 127.0.0.1:${port}`);
  return {
    adminUrl,
    reused: false,
    stop: async () => {
      child.kill('SIGINT');
      await new Promise((r) => child.once('exit', r));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
