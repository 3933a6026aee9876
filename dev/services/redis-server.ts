import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, isListening, waitFor } from './ports';
import { startRestartable } from './restartable';

/** A private redis-server on a free 127.0.0.1 port that keeps nothing on disk. */
export async function startTestRedis(): Promise<{ url: string; port: number; stop(): Promise<void> }> {
  const port = await freePort();
  const server = await startRestartable({
    spawn: () => spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' }),
    ready: () => waitFor(() => isListening(port), 10_000, `redis-server did not start on port ${port}.`),
  });
  return { url: `redis://127.0.0.1:${port}`, port, stop: server.stop };
}

/** A private redis-server that can be stopped and started again on the same port with its data. */
export type RestartableRedis = {
  url: string;
  port: number;
  /** Stops the server; it writes its data to disk first. */
  stop(): Promise<void>;
  /** Starts it again on the same port; it loads the data it wrote when stopped. */
  start(): Promise<void>;
  /** Stops it if running and deletes its data. */
  remove(): Promise<void>;
};

/**
 * A redis-server for the fault tests: "Redis down" must not lose the manifest, so this one keeps
 * an RDB file in a temp folder. The save point never fires in a test run; it only makes
 * redis-server save on SIGTERM (it saves on shutdown only when a save point is set).
 */
export async function startRestartableRedis(): Promise<RestartableRedis> {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vr-redis-'));
  const server = await startRestartable({
    spawn: () => spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--dbfilename', 'dump.rdb', '--save', '86400 1', '--appendonly', 'no'], { stdio: 'ignore' }),
    ready: () => waitFor(() => isListening(port), 10_000, `redis-server did not start on port ${port}.`),
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    ...server,
    remove: async () => {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
