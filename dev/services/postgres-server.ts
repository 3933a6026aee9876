import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort, isListening, waitFor } from './ports';
import { postgresBinDir } from './os-packages';
import { startRestartable } from './restartable';

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
  const cluster = await startPrivatePostgres();
  log(`started PostgreSQL on 127.0.0.1:${cluster.port}`);
  return { adminUrl: cluster.adminUrl, reused: false, stop: cluster.remove };
}

/** A private PostgreSQL cluster that can be stopped and started again on the same port with its data. */
export type PrivatePostgres = {
  adminUrl: string;
  port: number;
  /** Stops the server (fast shutdown: open connections are cut), keeping the data folder. */
  stop(): Promise<void>;
  /** Starts it again on the same port with the same data; resolves once it accepts connections. */
  start(): Promise<void>;
  /** Stops the server if running and deletes the cluster. */
  remove(): Promise<void>;
};

/**
 * A throw-away cluster (initdb in a temp folder) on a free port, never the machine's server:
 * the fault tests stop and restart it to take "the database" down under a running app.
 */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
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
  const adminUrl = `postgresql://root@127.0.0.1:${port}/postgres`;
  const server = await startRestartable({
    spawn: () => {
      const [cmd, args] = run(`${bin}/postgres`, ['-D', dir, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'max_connections=200']);
      return spawn(cmd, args, { stdio: 'ignore' });
    },
    ready: async () => {
      await waitFor(() => isListening(port), 20_000, `PostgreSQL did not start on port ${port}.`);
      await waitFor(() => answers(adminUrl), 20_000, 'PostgreSQL started but does not accept connections.');
    },
    // SIGINT is PostgreSQL's "fast" shutdown: sessions are ended, then the server exits. It goes
    // to the postmaster itself: `runuser` (when we are root) does not pass SIGINT on.
    kill: (child) => {
      const pid = Number(fs.readFileSync(path.join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      if (Number.isInteger(pid) && pid > 0) process.kill(pid, 'SIGINT');
      else child.kill('SIGINT');
    },
  });
  return {
    adminUrl,
    port,
    ...server,
    remove: async () => {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
