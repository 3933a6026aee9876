/**
 * `npm run bench:pages`: /vault as players get it. Builds and starts the app (`next start`) with
 * the Bungie simulator at zero latency and the manifest store in Redis through the Upstash REST
 * bridge and the database on PostgreSQL (the machine's, or a private server; as in the cloud
 * setup), signs the simulated player in once with Chromium, then measures:
 * - server response time of /vault (to the last byte) over 200 sequential requests, p50/p95;
 * - the same for the naive baseline `/vault?naive=1` — one definitions read per item, as the
 *   original app did. The server honours `?naive=1` only because this script starts it with
 *   `VAULT_RAIDER_BENCH_NAIVE=1`; production servers never set it;
 * - the first-load transfer of /vault in Chromium at 390×844: HTML + JS + CSS, compressed bytes
 *   from the network events, icons excluded.
 * Prints a Markdown table (paste it into README.md, "Performance"). `-- --requests N` changes 200.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { chromium } from 'playwright-core';
import { createBungieSim } from '../dev/bungie-sim/index';
import { simOptionsFromEnv } from '../dev/bungie-sim/env-options';
import { startSimServer } from '../dev/bungie-sim/http-server';
import { buildApp, startApp } from '../dev/services/app-server';
import { chromiumPath } from '../dev/services/os-packages';
import { freePort, waitFor } from '../dev/services/ports';
import { startTestPostgres } from '../dev/services/postgres-server';
import { startTestRedis } from '../dev/services/redis-server';
import { startUpstashBridge } from '../dev/upstash-bridge/index';
import { firstLoadTransfer, timeRequests, type Timings } from './page-measure';

const root = path.resolve(import.meta.dirname, '..');
const at = process.argv.indexOf('--requests');
const REQUESTS = at > 0 ? Number(process.argv[at + 1]) : 200;
const log = (line: string) => console.error(`[bench] ${line}`);
const cleanups: Array<() => Promise<unknown>> = [];
const ms = (x: number) => `${x.toFixed(1)} ms`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** A fresh database on the PostgreSQL server, dropped afterwards; the app migrates it at start. */
async function createDatabase(adminUrl: string): Promise<string> {
  const name = `vault_raider_bench_pages_${Date.now()}`;
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(sql);
    await client.end();
  };
  await run(`CREATE DATABASE "${name}"`);
  cleanups.push(() => run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function main(): Promise<void> {
  const postgres = await startTestPostgres(log, process.env.TEST_POSTGRES_URL);
  cleanups.push(postgres.stop);
  const databaseUrl = await createDatabase(postgres.adminUrl);
  const redis = await startTestRedis();
  cleanups.push(redis.stop);
  const token = 'bench-upstash-token';
  const bridge = await startUpstashBridge({ redisUrl: redis.url, token });
  cleanups.push(bridge.close);

  const appPort = await freePort();
  const appUrl = `http://localhost:${appPort}`;
  // BUNGIE_SIM_VAULT_ITEMS / BUNGIE_SIM_WORLD=full choose the world's size (README).
  const sim = createBungieSim({ ...simOptionsFromEnv(), redirectUrl: `${appUrl}/api/auth/callback/bungie` });
  sim.controls.setLatency(0);
  const simServer = await startSimServer({ sim, port: 0 });
  cleanups.push(simServer.close);

  buildApp(log);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vr-bench-'));
  cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
  const logFile = path.join(root, 'test-results/bench-pages-app.log');
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const app = await startApp({
    port: appPort,
    logFile,
    env: {
      AUTH_URL: appUrl,
      AUTH_SECRET: 'bench-secret-bench-secret-bench-secret-01',
      BUNGIE_SIMULATOR_URL: simServer.url,
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      UPSTASH_REDIS_REST_URL: bridge.url,
      UPSTASH_REDIS_REST_TOKEN: token,
      VAULT_RAIDER_BENCH_NAIVE: '1',
      LOG_LEVEL: 'warn',
    },
  });
  cleanups.push(app.stop);
  await waitFor(
    async () => Boolean(((await (await fetch(`${app.url}/api/manifest/status`)).json().catch(() => ({}))) as { current?: unknown }).current),
    180_000,
    `the app did not ingest the manifest within 180 s (see ${logFile}).`,
  );
  log(`app at ${app.url} (PostgreSQL ${new URL(databaseUrl).host}, manifest in Redis via the bridge at ${bridge.url})`);

  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('Chromium is missing: apt-get install -y chromium.');
  const browser = await chromium.launch({ executablePath, headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  cleanups.push(() => browser.close());

  // Sign in once, as a player does; the session cookie then serves every request.
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${app.url}/`);
  await page.getByRole('button', { name: 'Sign in with Bungie' }).click();
  await page.getByRole('button', { name: /approve/i }).click();
  await page.waitForURL((url) => url.pathname === '/vault');
  const session = (await context.cookies()).find((c) => c.name === 'authjs.session-token');
  if (!session) throw new Error('no session cookie after sign-in');
  await context.close();
  const cookie = `${session.name}=${session.value}`;

  const items = sim.world.items.filter((i) => i.owner === 'vault' || i.owner === 'profile').length;
  log(`timing /vault (${items} items on the page), /vault?naive=1 and /api/profile: ${REQUESTS} rounds …`);
  const [fast, naive, json] = await timeRequests(
    [
      { url: `${app.url}/vault`, expect: 'data-testid="vault-count"' },
      { url: `${app.url}/vault?naive=1`, expect: 'data-testid="vault-count"' },
      { url: `${app.url}/api/profile`, expect: '"groups"' },
    ],
    cookie,
    REQUESTS,
  );
  log('measuring the first load in Chromium at 390x844 …');
  const transfer = await firstLoadTransfer(browser, app.url, `${app.url}/vault`, { name: session.name, value: session.value });
  const firstLoad = transfer.document + transfer.script + transfer.stylesheet;

  if (!fast || !naive) throw new Error('no timings');
  const ratio = naive.p50 / fast.p50;
  const row = (name: string, t: Timings | undefined) => (t ? `| ${name} | ${ms(t.p50)} | ${ms(t.p95)} | ${ms(t.mean)} | ${ms(t.ttfbP50)} | ${kb(t.bytes)} |` : '');
  console.log(`\n/vault on \`next start\`, simulator at zero latency, PostgreSQL, manifest in Redis via the Upstash bridge, ${items} items, ${REQUESTS} requests each, one at a time, round robin, timed to the last byte:\n`);
  console.log('| variant | p50 | p95 | mean | first byte p50 | body (uncompressed) |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  console.log(row('batched (what players get)', fast));
  console.log(row('naive: one definitions read per item', naive));
  console.log(row('GET /api/profile (JSON of the same view)', json));
  console.log(`\n| measure | result | target |\n| --- | --- | --- |`);
  console.log(`| /vault p50 | ${ms(fast.p50)} | ≤ 80 ms ${fast.p50 <= 80 ? '✓' : '✗'} |`);
  console.log(`| naive p50 / batched p50 | ${ratio.toFixed(1)}× | ≥ 10× ${ratio >= 10 ? '✓' : '✗'} |`);
  console.log(`| first load at 390×844 (HTML ${kb(transfer.document)} + JS ${kb(transfer.script)} + CSS ${kb(transfer.stylesheet)}, compressed) | ${kb(firstLoad)} | ≤ 250 KB ${firstLoad <= 250 * 1024 ? '✓' : '✗'} |`);
  console.log(`\n(not counted: icons ${kb(transfer.images)}, other ${kb(transfer.other)} — link prefetches, ${transfer.requests} requests in all)`);
}

async function cleanup(): Promise<void> {
  while (cleanups.length > 0) await cleanups.pop()!().catch((e: unknown) => log(`cleanup: ${String(e)}`));
}

main()
  .then(cleanup)
  .catch(async (error: unknown) => {
    await cleanup();
    console.error(`[bench] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
