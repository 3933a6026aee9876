/**
 * The stack the fault tests break on purpose: the production build in cloud mode — manifest in a
 * private redis-server behind the Upstash REST bridge, database on a PRIVATE PostgreSQL cluster
 * (never the machine's shared server) — and the Bungie simulator. A small control server lets the
 * tests stop and start Redis and PostgreSQL under the running app:
 * `POST <controlUrl>/redis/stop|start`, `POST <controlUrl>/postgres/stop|start`.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createBungieSim } from '../bungie-sim/index';
import { startSimServer } from '../bungie-sim/http-server';
import { startApp } from '../services/app-server';
import { freePort, hasManifest, waitFor } from '../services/ports';
import { startPrivatePostgres } from '../services/postgres-server';
import { startRestartableRedis } from '../services/redis-server';
import { startUpstashBridge } from '../upstash-bridge/index';

/** A running fault stack. */
export type FaultStack = {
  appUrl: string;
  simUrl: string;
  /** Base URL of the Redis/PostgreSQL switches. */
  controlUrl: string;
  stop(): Promise<void>;
};

const root = path.resolve(import.meta.dirname, '../..');

/** Starts everything (the build must exist: call `buildApp` first) and waits for the manifest ingest. */
export async function startFaultStack(log: (line: string) => void, logFile: string): Promise<FaultStack> {
  const cleanups: Array<() => Promise<unknown>> = [];
  const stop = async () => {
    while (cleanups.length > 0) await cleanups.pop()!().catch((e: unknown) => log(`cleanup: ${String(e)}`));
  };
  try {
    const [postgres, redis] = await Promise.all([startPrivatePostgres(), startRestartableRedis()]);
    cleanups.push(postgres.remove, redis.remove);
    const admin = new pg.Client({ connectionString: postgres.adminUrl });
    await admin.connect();
    await admin.query('CREATE DATABASE vault_raider_faults');
    await admin.end();
    const databaseUrl = new URL(postgres.adminUrl);
    databaseUrl.pathname = '/vault_raider_faults';

    const token = 'faults-upstash-token';
    const bridge = await startUpstashBridge({ redisUrl: redis.url, token });
    cleanups.push(bridge.close);

    const appPort = await freePort();
    const appUrl = `http://localhost:${appPort}`;
    const sim = createBungieSim({ redirectUrl: `${appUrl}/api/auth/callback/bungie` });
    const simServer = await startSimServer({ sim, port: 0 });
    cleanups.push(simServer.close);

    const switches: Record<string, () => Promise<void>> = {
      '/redis/stop': redis.stop,
      '/redis/start': redis.start,
      '/postgres/stop': postgres.stop,
      '/postgres/start': postgres.start,
    };
    const control = http.createServer((req, res) => {
      const action = req.method === 'POST' ? switches[req.url ?? ''] : undefined;
      if (!action) return void res.writeHead(404).end();
      action().then(
        () => res.writeHead(204).end(),
        (error: unknown) => res.writeHead(500, { 'Content-Type': 'text/plain' }).end(String(error)),
      );
    });
    await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => control.close(resolve)));
    const controlUrl = `http://127.0.0.1:${(control.address() as AddressInfo).port}`;

    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vr-faults-'));
    cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
    fs.mkdirSync(path.dirname(logFile), { recursive: true });
    const app = await startApp({
      port: appPort,
      logFile,
      env: {
        AUTH_URL: appUrl,
        AUTH_SECRET: 'faults-secret-faults-secret-faults-secret',
        BUNGIE_SIMULATOR_URL: simServer.url,
        DATA_DIR: dataDir,
        DATABASE_URL: databaseUrl.toString(),
        UPSTASH_REDIS_REST_URL: bridge.url,
        UPSTASH_REDIS_REST_TOKEN: token,
        // The start-up ingest only: a scheduled check mid-test would meet the faults too.
        MANIFEST_REFRESH_MINUTES: '1440',
      },
    });
    cleanups.push(app.stop);
    await waitFor(
      () => hasManifest(app.url),
      120_000,
      `the fault-test app did not ingest the manifest within 120 s (see ${path.relative(root, logFile)}).`,
    );
    return { appUrl: app.url, simUrl: simServer.url, controlUrl, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
