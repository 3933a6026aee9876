/**
 * The app in cloud mode on local servers, as the benches, the fault tests and `npm run dev:cloud`
 * start it: a PostgreSQL database, a redis-server behind the Upstash REST bridge, the Bungie
 * simulator over HTTP, and `next start` wired to all three — or, with `instances: N`, N of them
 * behind a round-robin proxy (dev/services/app-instances.ts), the shape of a serverless deployment.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { simOptionsFromEnv } from '../bungie-sim/env-options';
import { createBungieSim, type BungieSim } from '../bungie-sim/index';
import { startSimServer } from '../bungie-sim/http-server';
import { startUpstashBridge, type UpstashBridge } from '../upstash-bridge/index';
import { buildApp, type AppServer } from './app-server';
import { startInstances, type AppInstance } from './app-instances';
import { startPostgresCounter, type PostgresCounter } from './postgres-counter';
import { freePort, hasManifest, waitFor } from './ports';
import { startPrivatePostgres, startTestPostgres } from './postgres-server';
import { startRestartableRedis, startTestRedis } from './redis-server';
import type { Restartable } from './restartable';
import type { RoundRobinProxy } from './round-robin-proxy';

/** Options of `startStack`. */
export type StackOptions = {
  log: (line: string) => void;
  /** Name of the app's database. */
  database: string;
  /** Keep the database (created when missing) instead of creating it fresh and dropping it on stop. */
  keepDatabase?: boolean;
  /**
   * Private PostgreSQL and redis-server that `switches` can stop and start under the running app
   * (the fault tests). Otherwise the machine's PostgreSQL (TEST_POSTGRES_URL, or a throw-away
   * cluster when nothing answers on 5432) and a throw-away redis-server.
   */
  restartable?: boolean;
  /** Simulator latency in ms; the simulator's default when omitted. */
  simLatencyMs?: number;
  /** Items in the simulator's manifest (its default when omitted); a bigger one makes an ingest last long enough to watch or kill. */
  simItemCount?: number;
  /** `next build` first unless the build is fresh (otherwise the build must exist). */
  build?: boolean;
  /**
   * App instances (`next start` each, one build, one environment); with more than one, a
   * round-robin proxy listens on the public port in front of them (dev/services/round-robin-proxy.ts).
   * Default 1.
   */
  instances?: number;
  /** The app reaches PostgreSQL through a counting proxy (`Stack.postgresCounter`), for bench:cost. */
  countPostgres?: boolean;
  app: {
    /** A free port when omitted. */
    port?: number;
    authSecret: string;
    /** Added to (and overriding) the stack's own variables. */
    env?: Record<string, string>;
    /** The app's output; this terminal's when omitted. */
    logFile?: string;
    /** `DATA_DIR`; a temp folder removed on stop when omitted. */
    dataDir?: string;
    /** The simulated player is an admin (ADMIN_MEMBERSHIP_IDS). */
    simPlayerIsAdmin?: boolean;
    /** Wait up to this long for the start-up manifest ingest; no wait when omitted. */
    manifestTimeoutMs?: number;
  };
};

/** A running stack. */
export type Stack = {
  /** The first instance's server. */
  app: AppServer;
  /** Every instance: its own URL, SIGKILL and restart. */
  instances: AppInstance[];
  /** The round-robin proxy (with its invocation counters), when there is more than one instance. */
  proxy?: RoundRobinProxy;
  /** With `countPostgres`: the app's queries, counted and time-stamped. */
  postgresCounter?: PostgresCounter;
  /** The public URL, e.g. http://localhost:40123 (Auth.js needs `localhost`, see DESIGN.md). */
  appUrl: string;
  /** The variables the app was started with (scripts run against the same services need them). */
  env: Record<string, string>;
  sim: BungieSim;
  simUrl: string;
  databaseUrl: string;
  /** redis-server behind the bridge. */
  redis: { url: string; port: number };
  bridgeUrl: string;
  /** The bridge's billing counters. */
  bridgeCounters: UpstashBridge['counters'];
  resetBridgeCounters(): void;
  /** Stop/start switches of the private servers; only with `restartable`. */
  switches?: { redis: Restartable; postgres: Restartable };
  /** Stops everything, last started first; deletes what the stack created (but a kept database). */
  stop(): Promise<void>;
};

async function adminQuery(adminUrl: string, sql: string, values: unknown[] = []): Promise<number> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return (await client.query(sql, values)).rowCount ?? 0;
  } finally {
    await client.end();
  }
}

/** Creates the database (or finds a kept one); returns its URL and, for a fresh one, how to drop it. */
async function createDatabase(adminUrl: string, name: string, keep: boolean): Promise<{ url: string; drop?: () => Promise<unknown> }> {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const exists = keep && (await adminQuery(adminUrl, 'select 1 from pg_database where datname = $1', [name])) > 0;
  if (!exists) await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
  return { url: url.toString(), drop: keep ? undefined : () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

/** Starts the stack; on any failure stops what it had started and throws. */
export async function startStack(opts: StackOptions): Promise<Stack> {
  const { log } = opts;
  const cleanups: Array<() => Promise<unknown>> = [];
  const stop = async () => {
    while (cleanups.length > 0) await cleanups.pop()!().catch((e: unknown) => log(`cleanup: ${String(e)}`));
  };
  try {
    if (opts.build) buildApp(log);
    let adminUrl: string;
    let switches: Stack['switches'];
    let redis: { url: string; port: number };
    if (opts.restartable) {
      const [privatePostgres, privateRedis] = await Promise.all([startPrivatePostgres(), startRestartableRedis()]);
      cleanups.push(privatePostgres.remove, privateRedis.remove);
      adminUrl = privatePostgres.adminUrl;
      redis = privateRedis;
      switches = { redis: privateRedis, postgres: privatePostgres };
    } else {
      const [postgres, testRedis] = await Promise.all([startTestPostgres(log, process.env.TEST_POSTGRES_URL), startTestRedis()]);
      cleanups.push(postgres.stop, testRedis.stop);
      adminUrl = postgres.adminUrl;
      redis = testRedis;
    }
    // A private cluster is deleted whole on stop: its database needs no dropping.
    const database = await createDatabase(adminUrl, opts.database, Boolean(opts.keepDatabase || opts.restartable));
    if (database.drop) cleanups.push(database.drop);
    let postgresCounter: PostgresCounter | undefined;
    if (opts.countPostgres) {
      postgresCounter = await startPostgresCounter(database.url);
      cleanups.push(postgresCounter.close);
    }

    const token = crypto.randomBytes(24).toString('base64url');
    const bridge = await startUpstashBridge({ redisUrl: redis.url, token });
    cleanups.push(bridge.close);

    const appPort = opts.app.port ?? (await freePort());
    const appUrl = `http://localhost:${appPort}`;
    // BUNGIE_SIM_VAULT_ITEMS / BUNGIE_SIM_WORLD=full / BUNGIE_SIM_PROFILE … choose the world (README).
    const sim = createBungieSim({ ...simOptionsFromEnv(), redirectUrl: `${appUrl}/api/auth/callback/bungie`, ...(opts.simItemCount === undefined ? {} : { itemCount: opts.simItemCount }) });
    if (opts.simLatencyMs !== undefined) sim.controls.setLatency(opts.simLatencyMs);
    const simServer = await startSimServer({ sim, port: 0 });
    cleanups.push(simServer.close);

    let dataDir = opts.app.dataDir;
    if (!dataDir) {
      const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vr-stack-'));
      cleanups.push(async () => fs.rmSync(tempDir, { recursive: true, force: true }));
      dataDir = tempDir;
    }
    if (opts.app.logFile) fs.mkdirSync(path.dirname(opts.app.logFile), { recursive: true });
    const env: Record<string, string> = {
      AUTH_URL: appUrl,
      AUTH_SECRET: opts.app.authSecret,
      BUNGIE_SIMULATOR_URL: simServer.url,
      DATA_DIR: dataDir,
      DATABASE_URL: postgresCounter?.url ?? database.url,
      UPSTASH_REDIS_REST_URL: bridge.url,
      UPSTASH_REDIS_REST_TOKEN: token,
      ...(opts.app.simPlayerIsAdmin ? { ADMIN_MEMBERSHIP_IDS: sim.world.player.bungieMembershipId } : {}),
      ...opts.app.env,
    };
    const started = await startInstances({ count: opts.instances ?? 1, publicPort: appPort, env, logFile: opts.app.logFile });
    cleanups.push(started.stop);
    if (opts.app.manifestTimeoutMs !== undefined) {
      const seeLog = opts.app.logFile ? ` (see ${opts.app.logFile})` : '';
      await waitFor(() => hasManifest(appUrl), opts.app.manifestTimeoutMs, `the app did not ingest the manifest within ${opts.app.manifestTimeoutMs / 1000} s${seeLog}.`);
    }
    return {
      app: started.instances[0]!.server, instances: started.instances, proxy: started.proxy, postgresCounter, appUrl, env, sim, simUrl: simServer.url,
      databaseUrl: database.url, redis, bridgeUrl: bridge.url, bridgeCounters: bridge.counters, resetBridgeCounters: bridge.resetCounters, switches, stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
