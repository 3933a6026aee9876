/**
 * The stack the fault tests break on purpose: the production build in cloud mode — manifest in a
 * private redis-server behind the Upstash REST bridge, database on a PRIVATE PostgreSQL cluster
 * (never the machine's shared server) — and the Bungie simulator. A small control server lets the
 * tests stop and start Redis and PostgreSQL under the running app:
 * `POST <controlUrl>/redis/stop|start`, `POST <controlUrl>/postgres/stop|start`.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startStack } from '../services/stack';

/** A running fault stack. */
export type FaultStack = {
  appUrl: string;
  simUrl: string;
  /** Base URL of the Redis/PostgreSQL switches. */
  controlUrl: string;
  stop(): Promise<void>;
};

/** Starts everything (the build must exist: call `buildApp` first) and waits for the manifest ingest. */
export async function startFaultStack(log: (line: string) => void, logFile: string): Promise<FaultStack> {
  const stack = await startStack({
    log,
    database: 'vault_raider_faults',
    restartable: true,
    app: {
      authSecret: 'faults-secret-faults-secret-faults-secret',
      logFile,
      // The start-up ingest only: a scheduled check mid-test would meet the faults too. The fault
      // tests reload pages until a banner shows or clears, far more reads in 10 s than one person
      // makes, as the main run's limits say (dev/test/run.ts); a 429 would hide the fault's own answer.
      env: { MANIFEST_REFRESH_MINUTES: '1440', RATE_LIMIT_PLAYER: '1000', RATE_LIMIT_IP: '2000' },
      manifestTimeoutMs: 120_000,
    },
  });
  try {
    const { redis, postgres } = stack.switches!;
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
    const controlUrl = `http://127.0.0.1:${(control.address() as AddressInfo).port}`;
    const stop = async () => {
      await new Promise((resolve) => control.close(resolve));
      await stack.stop();
    };
    return { appUrl: stack.appUrl, simUrl: stack.simUrl, controlUrl, stop };
  } catch (error) {
    await stack.stop();
    throw error;
  }
}
