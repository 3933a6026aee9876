/**
 * `npm run dev:cloud`: the app in cloud mode with every cloud service replaced by a real local
 * server — PostgreSQL (DATABASE_URL), redis-server behind the Upstash REST bridge
 * (UPSTASH_REDIS_REST_*), the QStash emulator (QSTASH_*) and the Bungie simulator — then a
 * production build run as TWO instances (`next start` twice, same build and environment) behind
 * a round-robin proxy on http://localhost:$PORT (3000), as serverless instances share the load;
 * each answer says which instance gave it (`x-vr-instance`). The refresh schedule is synced and
 * one scheduled delivery fired at once so the manifest is ingested through QStash.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { startQstashEmulator } from './qstash-emulator/index';
import { newSigningKey } from './qstash-emulator/sign';
import { ensureOsPackages, requirements } from './services/os-packages';
import { isListening } from './services/ports';
import { startStack } from './services/stack';

const root = path.resolve(import.meta.dirname, '..');
const log = (line: string) => console.log(`[cloud] ${line}`);
const cleanups: Array<() => Promise<void>> = [];
const DATABASE = 'vault_raider_cloud';

let stopping: Promise<void> | undefined;
/** Stops everything once; Ctrl+C and the app's exit both call it, and both wait for the same stop. */
function cleanup(): Promise<void> {
  stopping ??= (async () => {
    while (cleanups.length > 0) await cleanups.pop()!().catch(() => undefined);
  })();
  return stopping;
}

function run(script: string, env: Record<string, string>): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=react-server', script], { cwd: root, env: { ...process.env, ...env }, stdio: 'inherit' });
  return new Promise((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
}

async function main(): Promise<void> {
  const port = Number(process.env.PORT || 3000);
  if (await isListening(port)) throw new Error(`Port ${port} is already in use: set PORT to a free port.`);
  ensureOsPackages([...((await isListening(5432)) ? [] : [requirements.postgresql]), requirements.redis], log);

  const keys = { token: crypto.randomBytes(24).toString('base64url'), current: newSigningKey(), next: newSigningKey() };
  const qstash = await startQstashEmulator({ token: keys.token, currentSigningKey: keys.current, runSchedules: true, log });
  cleanups.push(qstash.close);

  const dataDir = path.join(root, '.data/cloud');
  fs.mkdirSync(dataDir, { recursive: true });
  const secretFile = path.join(dataDir, 'auth-secret');
  if (!fs.existsSync(secretFile)) fs.writeFileSync(secretFile, crypto.randomBytes(32).toString('base64url'), { mode: 0o600 });
  const stack = await startStack({
    log,
    database: DATABASE,
    keepDatabase: true,
    build: true,
    instances: 2,
    app: {
      port,
      authSecret: fs.readFileSync(secretFile, 'utf8').trim(),
      dataDir,
      simPlayerIsAdmin: !process.env.ADMIN_MEMBERSHIP_IDS,
      env: { QSTASH_URL: qstash.url, QSTASH_TOKEN: keys.token, QSTASH_CURRENT_SIGNING_KEY: keys.current, QSTASH_NEXT_SIGNING_KEY: keys.next },
    },
  });
  cleanups.push(stack.stop);
  const { env, appUrl } = stack;
  log(`app instances ${stack.instances.map((i) => `${i.index}: ${i.url}`).join(', ')}, round-robin behind ${appUrl}`);
  log(`PostgreSQL ${new URL(stack.databaseUrl).host}/${DATABASE}; Upstash bridge ${stack.bridgeUrl} → redis ${stack.redis.port}; QStash emulator ${qstash.url}`);

  if ((await run('scripts/schedules-sync.ts', env)) !== 0) throw new Error('schedules:sync failed.');
  // Cloud mode has no start-up refresh: fire the schedule once instead of waiting for the cron.
  const first = await qstash.trigger(qstash.schedules()[0]!.scheduleId);
  log(`first scheduled delivery: HTTP ${first.status ?? first.error} ${first.answer ?? ''}`);
  log(`Vault Raider (cloud mode, all local) is ready: open ${appUrl} — the simulated player is an admin (/admin). Ctrl+C stops it.`);

  const stop = () => void cleanup().finally(() => process.exit(0));
  // `on`, not `once`: Ctrl+C reaches this process twice (process group and npm's relay); `cleanup`
  // runs once whatever the count, and a second SIGINT with no listener would end the stop half-way.
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // One instance ending leaves the other serving (the proxy skips it); both ending ends the stack.
  let running = stack.instances.length;
  for (const instance of stack.instances) {
    instance.server.process.once('exit', (code) => {
      log(`app instance ${instance.index} stopped (code ${code ?? 'signal'})`);
      if (--running === 0) void cleanup().finally(() => process.exit(code ?? 1));
    });
  }
}

main().catch(async (error: unknown) => {
  console.error(`[cloud] ${error instanceof Error ? error.message : String(error)}`);
  await cleanup();
  process.exit(1);
});
