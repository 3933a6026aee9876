import 'server-only';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { getConfig } from '@/lib/config';
import { log } from '@/lib/server/log';
import { startPgliteServer, type PgliteServerOptions } from './pglite-server';

/** A running embedded Postgres (PGlite) reachable over TCP on 127.0.0.1. */
export type EmbeddedPostgres = {
  /** postgres:// URL for `pg` and Prisma. */
  url: string;
  /** Folder holding the database files. */
  dataDir: string;
  /** Whether this start ran crash recovery: the last stop was not clean (killed, power cut). */
  recoveredAtStart: boolean;
  /** Closes the database cleanly and releases the data folder. Idempotent. */
  stop(): Promise<void>;
};

/** Another live process holds the data folder; opening it twice would corrupt it. */
export class EmbeddedDatabaseBusyError extends Error {
  override name = 'EmbeddedDatabaseBusyError';
}

// A sibling of the data folder, not inside it: PGlite initialises a new database only in an
// empty folder.
const lockPathOf = (dataDir: string) => `${dataDir}.lock`;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function acquireLock(dataDir: string): Promise<void> {
  const lockPath = lockPathOf(dataDir);
  await mkdir(path.dirname(lockPath), { recursive: true });
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      await writeFile(lockPath, `${process.pid}\n`, { flag: 'wx' });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const pid = Number.parseInt(await readFile(lockPath, 'utf8').catch(() => ''), 10);
    if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
      const who = pid === process.pid ? 'this process' : `process ${pid}`;
      throw new EmbeddedDatabaseBusyError(
        `The embedded database in ${dataDir} is already open in ${who}; stop that server or set DATABASE_URL to use another database.`,
      );
    }
    // Left behind by a process that died without cleaning up: take it over.
    await rm(lockPath, { force: true });
  }
  throw new EmbeddedDatabaseBusyError(`Could not lock the embedded database in ${dataDir} (${lockPath} keeps reappearing).`);
}

/**
 * Opens (creating if needed) the PGlite database in `dataDir` and serves it on 127.0.0.1 on a free
 * port. Throws `EmbeddedDatabaseBusyError` when another live process has the folder open.
 * Prefer `getEmbeddedPostgres()` in the app; this is for tools and tests that own the lifetime.
 */
export async function startEmbeddedPostgres(dataDir: string, options: PgliteServerOptions = {}): Promise<EmbeddedPostgres> {
  const dir = path.resolve(dataDir);
  await acquireLock(dir);
  const release = () => rm(lockPathOf(dir), { force: true });
  try {
    await mkdir(dir, { recursive: true });
    const server = await startPgliteServer(dir, options);
    let stopped: Promise<void> | undefined;
    return {
      url: server.url,
      dataDir: dir,
      recoveredAtStart: server.recoveredAtStart,
      stop() {
        stopped ??= server.stop().finally(release);
        return stopped;
      },
    };
  } catch (error) {
    await release();
    throw error;
  }
}

type Holder = typeof globalThis & {
  __vaultRaiderEmbeddedPostgres?: Promise<EmbeddedPostgres>;
  /** Data folder of the running server, for the synchronous exit hook. */
  __vaultRaiderEmbeddedDataDir?: string;
  __vaultRaiderEmbeddedHooks?: true;
};
const holder = globalThis as Holder;

/**
 * The process's embedded Postgres, started on first call from the configured
 * `database.dataDir`. Kept on `globalThis` so Next's dev reloads reuse it instead of opening the
 * folder twice; closed cleanly on SIGINT/SIGTERM.
 */
export function getEmbeddedPostgres(): Promise<EmbeddedPostgres> {
  if (holder.__vaultRaiderEmbeddedPostgres) return holder.__vaultRaiderEmbeddedPostgres;
  const { database } = getConfig();
  if (database.kind !== 'embedded') {
    return Promise.reject(new Error('The embedded database is not in use: DATABASE_URL is set.'));
  }
  installExitHooks();
  const starting = startEmbeddedPostgres(database.dataDir, { durable: database.fsync }).then((embedded) => {
    holder.__vaultRaiderEmbeddedDataDir = embedded.dataDir;
    if (embedded.recoveredAtStart) log.warn('Embedded database: the last stop was not clean (killed or power cut); Postgres ran crash recovery.');
    else log.info('Embedded database: opened after a clean stop (no crash recovery).');
    if (!database.fsync) log.warn('Embedded database: EMBEDDED_DB_FSYNC=off — commits are not forced to disk; a power cut can lose them.');
    return embedded;
  });
  holder.__vaultRaiderEmbeddedPostgres = starting;
  // A failed start is not cached: the next request may try again (e.g. after the other process quit).
  starting.catch(() => {
    if (holder.__vaultRaiderEmbeddedPostgres === starting) holder.__vaultRaiderEmbeddedPostgres = undefined;
  });
  return starting;
}

/** Stops the process's embedded Postgres if `getEmbeddedPostgres()` started one. Idempotent. */
export async function stopEmbeddedPostgres(): Promise<void> {
  const starting = holder.__vaultRaiderEmbeddedPostgres;
  holder.__vaultRaiderEmbeddedPostgres = undefined;
  const embedded = await starting?.catch(() => undefined);
  await embedded?.stop();
  if (embedded && holder.__vaultRaiderEmbeddedDataDir === embedded.dataDir) holder.__vaultRaiderEmbeddedDataDir = undefined;
}

const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

/** Longest a signalled stop waits for the database to close before exiting anyway. */
const CLOSE_GRACE_MS = 5_000;

/**
 * Makes a `process.exit()` called while `closing` runs wait for it (at most CLOSE_GRACE_MS). Next's
 * own signal handler exits as soon as its HTTP server has closed — a tick later when idle — while
 * PGlite's close (the shutdown checkpoint) needs a few more; cut short, the next start runs crash
 * recovery. Listeners cannot be reordered or cancelled within one signal, hence the deferral.
 */
function holdExitUntil(closing: Promise<void>): void {
  const exit = process.exit.bind(process);
  const done = Promise.race([closing.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, CLOSE_GRACE_MS).unref())]);
  process.exit = ((code?: number | string | null) => {
    void done.finally(() => exit(code));
  }) as typeof process.exit;
  void done.finally(() => {
    process.exit = exit;
  });
}

// Installed once per process (not per start), so restarts and dev reloads do not pile up listeners.
function installExitHooks(): void {
  if (holder.__vaultRaiderEmbeddedHooks) return;
  holder.__vaultRaiderEmbeddedHooks = true;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    // First in line: Next's own handler exits the process after closing its HTTP server, and the
    // database's close (no I/O wait) must be done by then or the next start runs crash recovery.
    process.prependListener(signal, () => {
      const closing = stopEmbeddedPostgres();
      holdExitUntil(closing);
      void closing.finally(() => {
        // Exit only if nobody else (e.g. Next's own server) handles the signal and exits itself.
        if (process.listenerCount(signal) === 1) process.exit(SIGNAL_EXIT_CODES[signal]);
      });
    });
  }
  // On a plain exit only synchronous work runs: at least free the folder for the next start.
  process.on('exit', () => {
    const dataDir = holder.__vaultRaiderEmbeddedDataDir;
    if (dataDir) rmSync(lockPathOf(dataDir), { force: true });
  });
}
