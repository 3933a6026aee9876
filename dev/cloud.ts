/**
 * `npm run dev:cloud`: the app in cloud mode with every cloud service replaced by a real local
 * server — PostgreSQL (DATABASE_URL), redis-server behind the Upstash REST bridge
 * (UPSTASH_REDIS_REST_*), the QStash emulator (QSTASH_*) and the Bungie simulator — then a
 * production build on http://localhost:$PORT (3000) with the refresh schedule synced, and one
 * scheduled delivery fired at once so the manifest is ingested through QStash.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { createBungieSim } from './bungie-sim/index';
import { startSimServer } from './bungie-sim/http-server';
import { startQstashEmulator } from './qstash-emulator/index';
import { newSigningKey } from './qstash-emulator/sign';
import { buildApp, startApp } from './services/app-server';
import { ensureOsPackages, requirements } from './services/os-packages';
import { isListening } from './services/ports';
import { startTestPostgres } from './services/postgres-server';
import { startTestRedis } from './services/redis-server';
import { startUpstashBridge } from './upstash-bridge/index';

const root = path.resolve(import.meta.dirname, '..');
const log = (line: string) => console.log(`[cloud] ${line}`);
const cleanups: Array<() => Promise<void>> = [];
const DATABASE = 'vault_raider_cloud';

async function cleanup(): Promise<void> {
  while (cleanups.length > 0) await cleanups.pop()!().catch(() => undefined);
}

/** The cloud database on the local server, created once and kept between runs. */
async function ensureDatabase(adminUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', [DATABASE]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${DATABASE}"`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${DATABASE}`;
  return url.toString();
}

function run(script: string, env: Record<string, string>): Promise<number> {
  const child = spawn(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), '--conditions=react-server', script], { cwd: root, env: { ...process.env, ...env }, stdio: 'inherit' });
  return new Promise((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
}

async function main(): Promise<void> {
  const port = Number(process.env.PORT || 3000);
  if (await isListening(port)) throw new Error(`Port ${port} is already in use: set PORT to a free port.`);
  ensureOsPackages([...((await isListening(5432)) ? [] : [requirements.postgresql]), requirements.redis], log);

  const postgres = await startTestPostgres(log);
  cleanups.push(postgres.stop);
  const databaseUrl = await ensureDatabase(postgres.adminUrl);
  const redis = await startTestRedis();
  cleanups.push(redis.stop);
  const redisToken = crypto.randomBytes(24).toString('base64url');
  const bridge = await startUpstashBridge({ redisUrl: redis.url, token: redisToken });
  cleanups.push(bridge.close);
  const keys = { token: crypto.randomBytes(24).toString('base64url'), current: newSigningKey(), next: newSigningKey() };
  const qstash = await startQstashEmulator({ token: keys.token, currentSigningKey: keys.current, runSchedules: true, log });
  cleanups.push(qstash.close);
  log(`PostgreSQL ${new URL(databaseUrl).host}/${DATABASE}; Upstash bridge ${bridge.url} → redis ${redis.port}; QStash emulator ${qstash.url}`);

  buildApp(log);
  const appUrl = `http://localhost:${port}`;
  const sim = createBungieSim({ redirectUrl: `${appUrl}/api/auth/callback/bungie` });
  const simServer = await startSimServer({ sim, port: 0 });
  cleanups.push(simServer.close);

  const dataDir = path.join(root, '.data/cloud');
  fs.mkdirSync(dataDir, { recursive: true });
  const secretFile = path.join(dataDir, 'auth-secret');
  if (!fs.existsSync(secretFile)) fs.writeFileSync(secretFile, crypto.randomBytes(32).toString('base64url'), { mode: 0o600 });
  const env: Record<string, string> = {
    AUTH_URL: appUrl,
    AUTH_SECRET: fs.readFileSync(secretFile, 'utf8').trim(),
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    UPSTASH_REDIS_REST_URL: bridge.url,
    UPSTASH_REDIS_REST_TOKEN: redisToken,
    QSTASH_URL: qstash.url,
    QSTASH_TOKEN: keys.token,
    QSTASH_CURRENT_SIGNING_KEY: keys.current,
    QSTASH_NEXT_SIGNING_KEY: keys.next,
    BUNGIE_SIMULATOR_URL: simServer.url,
    ...(process.env.ADMIN_MEMBERSHIP_IDS ? {} : { ADMIN_MEMBERSHIP_IDS: sim.world.player.bungieMembershipId }),
  };
  const app = await startApp({ port, env });
  cleanups.push(app.stop);

  if ((await run('scripts/schedules-sync.ts', env)) !== 0) throw new Error('schedules:sync failed.');
  // Cloud mode has no start-up refresh: fire the schedule once instead of waiting for the cron.
  const first = await qstash.trigger(qstash.schedules()[0]!.scheduleId);
  log(`first scheduled delivery: HTTP ${first.status ?? first.error} ${first.answer ?? ''}`);
  log(`Vault Raider (cloud mode, all local) is ready: open ${appUrl} — the simulated player is an admin (/admin). Ctrl+C stops it.`);

  const stop = () => void cleanup().finally(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  app.process.once('exit', (code) => {
    log(`the app stopped (code ${code ?? 'signal'})`);
    void cleanup().finally(() => process.exit(code ?? 1));
  });
}

main().catch(async (error: unknown) => {
  console.error(`[cloud] ${error instanceof Error ? error.message : String(error)}`);
  await cleanup();
  process.exit(1);
});
