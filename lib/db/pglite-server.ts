import 'server-only';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { DurableNodeFS } from './durable-node-fs';

/** A PGlite database answering the Postgres wire protocol on 127.0.0.1. */
export type PgliteServer = {
  /** postgres:// URL of the server (an OS-chosen free port, never 5432). */
  url: string;
  db: PGlite;
  /** Whether this start had to run crash recovery (the last stop was not clean), as Postgres logged it. */
  recoveredAtStart: boolean;
  /** Files forced to disk so far (0 with `durable: false` or in memory). */
  syncs(): number;
  /** Stops the socket server, then closes the database (flushing it to disk if it has a data dir). */
  stop(): Promise<void>;
};

// PGlite is one Postgres backend: every socket connection shares its single session, and the
// socket server queues their messages. A few connections let a pool, the migration runner and a
// lock holder coexist; they are serialized, not concurrent.
const MAX_CONNECTIONS = 8;

/** Options of `startPgliteServer`. */
export type PgliteServerOptions = {
  /**
   * Force commits to disk (default true): PGlite's own start-up flags include `-F` (fsync off) and
   * its file system never syncs, so without this an OS crash or power cut can lose acknowledged writes.
   */
  durable?: boolean;
};

// PGlite's defaults minus -F; WAL synced with fsync(), the one sync call its file system carries.
const DURABLE_START_PARAMS = [...PGlite.defaultStartParams.filter((p) => p !== '-F'), '-c', 'wal_sync_method=fsync'];
const RECOVERY_LINE = /not properly shut down|automatic recovery in progress/;

/**
 * Serves a PGlite database over TCP on 127.0.0.1 so `pg` (and Prisma's `PrismaPg`) can use it.
 * `dataDir` undefined means an in-memory database that disappears on `stop()`.
 */
export async function startPgliteServer(dataDir?: string, options: PgliteServerOptions = {}): Promise<PgliteServer> {
  let recoveredAtStart = false;
  // Postgres's own log lines: kept out of the server's output, but a crash recovery is noted.
  const onStderr = (line: string) => {
    if (RECOVERY_LINE.test(line)) recoveredAtStart = true;
    return true;
  };
  const durableFs = dataDir !== undefined && options.durable !== false ? new DurableNodeFS(dataDir) : undefined;
  const db =
    dataDir === undefined
      ? new PGlite()
      : durableFs
        ? new PGlite({ fs: durableFs, startParams: DURABLE_START_PARAMS, onStderr })
        : new PGlite(dataDir, { onStderr });
  await db.waitReady;
  // Port 0: the OS picks a free ephemeral port, so we never collide with a real Postgres on 5432.
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: MAX_CONNECTIONS });
  try {
    await server.start();
  } catch (error) {
    await db.close();
    throw error;
  }
  const port = server.getServerConn().split(':').pop();
  let stopped: Promise<void> | undefined;
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`,
    db,
    recoveredAtStart,
    syncs: () => durableFs?.syncs ?? 0,
    stop() {
      stopped ??= (async () => {
        // Detaching the clients is synchronous; the database closes at once, not after the last
        // socket has gone (a stopping process may exit before that).
        const serverStopped = server.stop();
        await db.close();
        await serverStopped;
      })();
      return stopped;
    },
  };
}
