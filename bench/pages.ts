/**
 * `npm run bench:pages`: /vault and /inventory as players get them. Builds and starts the app (`next start`) with
 * the Bungie simulator at zero latency and the manifest store in Redis through the Upstash REST
 * bridge and the database on PostgreSQL (the machine's, or a private server; as in the cloud
 * setup), signs the simulated player in once with Chromium, then measures:
 * - server response time of /vault and /inventory (to the last byte) over 200 sequential requests, p50/p95;
 * - the floor beside each (bench/profile-floor.ts): fetching the page's GetProfile answer from the
 *   simulator and JSON.parse of it, nothing else — what no page built on that answer can beat;
 * - the naive baseline in this process (bench/naive-baseline.ts): the vault's loader against the
 *   same database, store and simulator, with the product's batched definitions reader and with the
 *   naive one (one definitions read per item, as the original app did) injected — the app itself
 *   has no baseline path;
 * - the first-load transfer of /vault in Chromium at 390×844: HTML + JS + CSS, compressed bytes
 *   from the network events, icons excluded.
 * Prints a Markdown table (paste it into README.md, "Performance"). `-- --requests N` changes 200;
 * `-- --no-naive` leaves the naive loader out;
 * `-- --runs N` repeats the timings N times in the same stack and reports the run of median p50.
 * The world's size follows BUNGIE_SIM_VAULT_ITEMS (450 by default; 700, 1000 …).
 */
import path from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumPath } from '../dev/services/os-packages';
import { startStack } from '../dev/services/stack';
import { timeVaultLoader, type LoaderTimings } from './naive-baseline';
import { INVENTORY_COMPONENTS } from '@/lib/inventory/build/build-inventory';
import { VAULT_COMPONENTS } from '@/lib/inventory/build/build-vault';
import { firstLoadTransfer, timeRequests, type Timings } from './page-measure';
import { timeProfileFloor } from './profile-floor';

const root = path.resolve(import.meta.dirname, '..');
const at = process.argv.indexOf('--requests');
const REQUESTS = at > 0 ? Number(process.argv[at + 1]) : 200;
/** `-- --no-naive`: leave out the naive loader baseline (minutes on a loaded machine) when only the pages matter. */
const NAIVE = !process.argv.includes('--no-naive');
const runsAt = process.argv.indexOf('--runs');
const RUNS = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 1;
/** Of several runs' timings, the one with the median p50. */
const medianRun = (runs: Timings[]): Timings => [...runs].sort((a, b) => a.p50 - b.p50)[Math.floor((runs.length - 1) / 2)]!;
const log = (line: string) => console.error(`[bench] ${line}`);
const cleanups: Array<() => Promise<unknown>> = [];
const ms = (x: number) => `${x.toFixed(1)} ms`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function main(): Promise<void> {
  const stack = await startStack({
    log,
    database: `vault_raider_bench_pages_${Date.now()}`,
    simLatencyMs: 0,
    build: true,
    app: {
      authSecret: 'bench-secret-bench-secret-bench-secret-01',
      logFile: path.join(root, 'test-results/bench-pages-app.log'),
      // Server time, not the limiter: one player's 200 requests in a row would be refused at 25 per 10 s.
      env: { LOG_LEVEL: 'warn', RATE_LIMIT_PLAYER: '0', RATE_LIMIT_IP: '0' },
      manifestTimeoutMs: 180_000,
    },
  });
  cleanups.push(stack.stop);
  const { app, sim } = stack;
  log(`app at ${app.url} (PostgreSQL ${new URL(stack.databaseUrl).host}, manifest in Redis via the bridge at ${stack.bridgeUrl})`);

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
  const allItems = sim.world.items.length;
  const apiKey = stack.env.BUNGIE_API_KEY ?? 'vault-raider-demo-key';
  const runs: Timings[][] = [];
  for (let run = 1; run <= RUNS; run++) {
    log(`run ${run} of ${RUNS}: timing /vault (${items} items), /api/profile and /inventory (${allItems} items), ${REQUESTS} rounds, then the floors …`);
    const timings = await timeRequests(
      [
        { url: `${app.url}/vault`, expect: 'data-testid="vault-count"' },
        { url: `${app.url}/api/profile`, expect: '"groups"' },
        { url: `${app.url}/inventory`, expect: 'data-store="vault"' },
      ],
      cookie,
      REQUESTS,
    );
    const floors = [await timeProfileFloor(sim, stack.simUrl, apiKey, VAULT_COMPONENTS, REQUESTS), await timeProfileFloor(sim, stack.simUrl, apiKey, INVENTORY_COMPONENTS, REQUESTS)];
    runs.push([...timings, ...floors]);
  }
  const [fast, json, inventory, vaultFloor, inventoryFloor] = [0, 1, 2, 3, 4].map((i) => medianRun(runs.map((r) => r[i]!)));
  if (NAIVE) log(`timing the vault loader in this process, batched and naive: ${REQUESTS} rounds …`);
  const loader = NAIVE ? await timeVaultLoader(stack.env, REQUESTS) : undefined;
  log('measuring the first load in Chromium at 390x844 …');
  const transfer = await firstLoadTransfer(browser, app.url, `${app.url}/vault`, { name: session.name, value: session.value });
  const firstLoad = transfer.document + transfer.script + transfer.stylesheet;
  const inventoryTransfer = await firstLoadTransfer(browser, app.url, `${app.url}/inventory`, { name: session.name, value: session.value });
  const inventoryFirstLoad = inventoryTransfer.document + inventoryTransfer.script + inventoryTransfer.stylesheet;

  if (!fast || !json || !inventory || !vaultFloor || !inventoryFloor) throw new Error('no timings');
  const ratio = loader ? loader.naive.p50 / loader.batched.p50 : Number.NaN;
  const row = (name: string, t: Timings | undefined) => (t ? `| ${name} | ${ms(t.p50)} | ${ms(t.p95)} | ${ms(t.mean)} | ${ms(t.ttfbP50)} | ${kb(t.bytes)} |` : '');
  const runNote = RUNS > 1 ? `, the run of median p50 of ${RUNS}` : '';
  console.log(`\n/vault (${items} items) and /inventory (${allItems} items: every store) on \`next start\`, simulator at zero latency, PostgreSQL, manifest in Redis via the Upstash bridge, ${REQUESTS} requests each, one at a time, round robin, timed to the last byte${runNote}; the floors are GetProfile from the simulator + JSON.parse, in the bench's process:\n`);
  console.log('| variant | p50 | p95 | mean | first byte p50 | body (uncompressed) |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  console.log(row('batched (what players get)', fast));
  console.log(row('GET /api/profile (JSON of the same view)', json));
  console.log(row('floor of /vault: GetProfile 102, 200, 300 + JSON.parse', vaultFloor));
  console.log(row('/inventory: every character and the vault', inventory));
  console.log(row('floor of /inventory: GetProfile 102, 103, 200, 201, 205, 300 + JSON.parse', inventoryFloor));
  if (loader) {
    const loaderRow = (name: string, t: LoaderTimings) => `| ${name} | ${ms(t.p50)} | ${ms(t.p95)} | ${ms(t.mean)} |`;
    console.log(`\nThe vault loader (\`loadVault\`: GetProfile from the simulator + definitions + view) in the bench's own process, same database, store and simulator, ${loader.batched.items} items, ${REQUESTS} calls each, round robin:\n`);
    console.log('| definitions reader | p50 | p95 | mean |');
    console.log('| --- | --- | --- | --- |');
    console.log(loaderRow('batched, cached (what players get)', loader.batched));
    console.log(loaderRow('naive: one definitions read per item (injected by the bench)', loader.naive));
  }
  console.log(`\n| measure | result | target |\n| --- | --- | --- |`);
  console.log(`| /vault p50 | ${ms(fast.p50)} | ≤ 80 ms ${fast.p50 <= 80 ? '✓' : '✗'} |`);
  const inventoryRatio = inventory.p50 / inventoryFloor.p50;
  console.log(`| /inventory p50 / its floor p50 (${ms(inventory.p50)} / ${ms(inventoryFloor.p50)}) | ${inventoryRatio.toFixed(1)}× | ≤ 3× ${inventoryRatio <= 3 ? '✓' : '✗'} |`);
  console.log(`| /inventory first load at 390×844 (HTML ${kb(inventoryTransfer.document)} + JS ${kb(inventoryTransfer.script)} + CSS ${kb(inventoryTransfer.stylesheet)}, compressed) | ${kb(inventoryFirstLoad)} | — |`);
  if (loader) console.log(`| naive loader p50 / batched loader p50 | ${ratio.toFixed(1)}× | ≥ 10× ${ratio >= 10 ? '✓' : '✗'} |`);
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
