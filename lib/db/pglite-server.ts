import 'server-only';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/** A PGlite database answering the Postgres wire protocol on 127.0.0.1. */
export type PgliteServer = {
  /** postgres:// URL of the server (an OS-chosen free port, never 5432). */
  url: string;
  db: PGlite;
  /** Stops the socket server, then closes the database (flushing it to disk if it has a data dir). */
  stop(): Promise<void>;
};

// PGlite is one Postgres backend: every socket connection shares its single session, and the
// socket server queues their messages. A few connections let a pool, the migration runner and a
// lock holder coexist; they are serialized, not concurrent.
const MAX_CONNECTIONS = 8;

/**
 * Serves a PGlite database over TCP on 127.0.0.1 so `pg` (and Prisma's `PrismaPg`) can use it.
 * `dataDir` undefined means an in-memory database that disappears on `stop()`.
 */
export async function startPgliteServer(dataDir?: string): Promise<PgliteServer> {
  const db = dataDir === undefined ? new PGlite() : new PGlite(dataDir);
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
    stop() {
      stopped ??= (async () => {
        await server.stop();
        await db.close();
      })();
      return stopped;
    },
  };
}
