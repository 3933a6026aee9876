/**
 * `npm run bench:pages`: the inventory screen, /vault and a character page as players get them.
 * Builds and starts the app (`next start`) with the Bungie simulator at zero latency, the manifest
 * store in Redis through the Upstash REST bridge and the database on PostgreSQL (as in the cloud
 * setup), signs the simulated player in once with Chromium, then, for each world size (450, 700
 * and 1,000 vault items: bench/world-size.ts regenerates the simulator's world under the app):
 * - each page's server time to the last byte, gzip (as `next start` serves a browser: self-hosted)
 *   and uncompressed (the function's work on Vercel, whose edge network compresses), and beside each
 *   its floor (bench/profile-floor.ts: the page's GetProfile answer fetched from the same simulator
 *   and `JSON.parse`d, nothing else — what no page built on that answer can beat), all in the same
 *   rounds, one request at a time, round robin; repeated `--runs` times (3), each run's p50 kept,
 *   and the median of those printed with the ratios page ÷ floor;
 * - the vault's loader in this process (bench/naive-baseline.ts): definitions warm, cold (a fresh
 *   cache per call: the first page after a manifest flip) and, unless `--no-naive`, naive (one
 *   store read per item, as the original app did — injected, the app has no such path);
 * then how each page and floor grows per 100 items, and the first-load transfer of /vault and
 * /inventory in Chromium at 390×844 at the first size (HTML + JS + CSS compressed, icons excluded).
 * Prints Markdown tables (README, "Performance"). Options: `-- --requests N` (60 per run),
 * `--runs N` (3), `--sizes 450,700,1000`, `--no-naive`, `--cpu-prof DIR` (the app runs under V8's
 * profiler, bench/cpu-prof-preload.mjs, and writes its profile into DIR when the bench stops it; read it with
 * `npx tsx bench/cpu-profile-summary.ts DIR` — timings under the profiler are slower), `--decompose`
 * (after each size's runs, `/vault` layer by layer: framework and session, data path, React, gzip).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumPath } from '../dev/services/os-packages';
import { startStack } from '../dev/services/stack';
import { closeLoaderBench, timeVaultLoader, type LoaderRun, type LoaderTimings } from './naive-baseline';
import { INVENTORY_COMPONENTS } from '@/lib/inventory/build/build-inventory';
import { VAULT_COMPONENTS } from '@/lib/inventory/build/build-vault';
import { CHARACTER_COMPONENTS } from '@/lib/inventory/build/build-character';
import { firstLoadTransfer, median, timeRequests, type Target, type Timings, type Transfer } from './page-measure';
import { profileFloorTarget } from './profile-floor';
import { resizeWorld, worldCounts } from './world-size';

const root = path.resolve(import.meta.dirname, '..');
const arg = (name: string): string | undefined => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const REQUESTS = Number(arg('--requests') ?? 60);
const RUNS = Number(arg('--runs') ?? 3);
const SIZES = (arg('--sizes') ?? '450,700,1000').split(',').map(Number);
/** `-- --no-naive`: leave out the naive loader baseline (minutes on a loaded machine) when only the pages matter. */
const NAIVE = !process.argv.includes('--no-naive');
const CPU_PROF = arg('--cpu-prof');
/** `--decompose`: where `/vault`'s time goes, from requests that each stop at one more layer (see `decompose`). */
const DECOMPOSE = process.argv.includes('--decompose');
const log = (line: string) => console.error(`[bench] ${line}`);
const cleanups: Array<() => Promise<unknown>> = [];
const ms = (x: number) => `${x.toFixed(1)} ms`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** One page of the bench: its path, what its HTML must hold, and its GetProfile components (the floor). */
type PageSpec = { name: string; path: string; expect: string; components: readonly number[] };
/**
 * One page at one size: each run's p50 as `next start` serves it (gzip in the process), uncompressed
 * (`plain`: what the function does on Vercel, whose edge compresses), and the same for its floor.
 */
type PageResult = { page: PageSpec; size: number; items: number; runs: Timings[]; plain: Timings[]; floors: Timings[] };

/** Least-squares slope of y over x, per 100 of x. */
function growthPer100(points: readonly { x: number; y: number }[]): number {
  const mx = points.reduce((a, p) => a + p.x, 0) / points.length;
  const my = points.reduce((a, p) => a + p.y, 0) / points.length;
  const num = points.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0);
  const den = points.reduce((a, p) => a + (p.x - mx) ** 2, 0);
  return den === 0 ? Number.NaN : (100 * num) / den;
}

async function main(): Promise<void> {
  const stack = await startStack({
    log,
    database: `vault_raider_bench_pages_${Date.now()}`,
    simLatencyMs: 0,
    build: true,
    app: {
      authSecret: 'bench-secret-bench-secret-bench-secret-01',
      logFile: path.join(root, 'test-results/bench-pages-app.log'),
      // Server time, not the limiter: one player's requests in a row would be refused at 25 per 10 s.
      env: { LOG_LEVEL: 'warn', RATE_LIMIT_PLAYER: '0', RATE_LIMIT_IP: '0', ...(CPU_PROF ? { NODE_OPTIONS: `--import ${pathToFileURL(path.join(root, 'bench/cpu-prof-preload.mjs')).href}`, VR_CPU_PROF_DIR: path.resolve(CPU_PROF) } : {}) },
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

  const character = sim.world.characters[0]!.characterId;
  const pages: PageSpec[] = [
    { name: '/inventory', path: '/inventory', expect: 'data-store="vault"', components: INVENTORY_COMPONENTS },
    { name: '/vault', path: '/vault', expect: 'data-testid="vault-count"', components: VAULT_COMPONENTS },
    { name: 'character page', path: `/characters/${character}`, expect: 'data-manifest-version', components: CHARACTER_COMPONENTS },
  ];
  const apiKey = stack.env.BUNGIE_API_KEY ?? 'vault-raider-demo-key';
  const results: PageResult[] = [];
  const loaders: Array<{ size: number; run: LoaderRun }> = [];
  const decompositions: Decomposition[] = [];
  let transfers: { vault: Transfer; inventory: Transfer } | undefined;
  for (const size of SIZES) {
    resizeWorld(sim, size);
    const counts = worldCounts(sim);
    const targets = pages.flatMap((p): Target[] => [
      { url: `${app.url}${p.path}`, expect: p.expect },
      { url: `${app.url}${p.path}`, expect: p.expect, encoding: 'identity' },
      profileFloorTarget(sim, stack.simUrl, apiKey, p.components),
    ]);
    const perSize = pages.map((p) => ({ page: p, size, items: p.path === '/vault' ? counts.vault : p.path === '/inventory' ? counts.all : sim.world.items.filter((i) => i.owner === character).length, runs: [] as Timings[], plain: [] as Timings[], floors: [] as Timings[] }));
    for (let run = 1; run <= RUNS; run++) {
      log(`${size} vault items (${counts.all} in all), run ${run} of ${RUNS}: ${pages.map((p) => p.name).join(', ')} and their floors, ${REQUESTS} rounds …`);
      const timings = await timeRequests(targets, cookie, REQUESTS);
      perSize.forEach((r, i) => {
        r.runs.push(timings[3 * i]!);
        r.plain.push(timings[3 * i + 1]!);
        r.floors.push(timings[3 * i + 2]!);
      });
    }
    results.push(...perSize);
    if (DECOMPOSE) {
      log(`${size} vault items: /vault layer by layer, ${REQUESTS} rounds …`);
      decompositions.push({ size, timings: await decompose(app.url, cookie, profileFloorTarget(sim, stack.simUrl, apiKey, VAULT_COMPONENTS)) });
    }
    log(`${size} vault items: the vault loader in this process, definitions warm, cold${NAIVE ? ' and naive' : ''}, ${Math.min(REQUESTS, 40)} rounds …`);
    loaders.push({ size, run: await timeVaultLoader(stack.env, Math.min(REQUESTS, 40), { naive: NAIVE }) });
    if (!transfers) {
      log('measuring the first load in Chromium at 390x844 …');
      const cookieValue = { name: session.name, value: session.value };
      transfers = { vault: await firstLoadTransfer(browser, app.url, `${app.url}/vault`, cookieValue), inventory: await firstLoadTransfer(browser, app.url, `${app.url}/inventory`, cookieValue) };
    }
  }
  await closeLoaderBench();
  printReport(results, loaders, transfers!);
  if (DECOMPOSE) printDecomposition(decompositions);
}

function printReport(results: PageResult[], loaders: Array<{ size: number; run: LoaderRun }>, transfers: { vault: Transfer; inventory: Transfer }): void {
  const p50s = (t: Timings[]) => t.map((x) => x.p50);
  console.log(`\nServer time to the last byte on \`next start\` (simulator at zero latency, PostgreSQL, manifest in Redis via the Upstash bridge), ${REQUESTS} requests per page per run, one at a time, round robin with each page's floor (its GetProfile answer from the same simulator + JSON.parse, in the bench's process); p50 of each of ${RUNS} runs, and their median. Each page is timed twice in the same rounds: as \`next start\` serves a browser (gzip, compressed in the app's process: self-hosted), and uncompressed (what the function does on Vercel, whose edge network compresses):\n`);
  console.log('| page | vault items (page items) | gzip p50 per run | gzip p50 median | uncompressed p50 median | floor p50 median | gzip ÷ floor (self-hosted, ≤ 3×) | uncompressed ÷ floor (Vercel, ≤ 3×) | body |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  const mark = (ratio: number) => `${ratio.toFixed(1)}× ${ratio <= 3 ? '✓' : '✗'}`;
  for (const r of results) {
    const page = median(p50s(r.runs));
    const plain = median(p50s(r.plain));
    const floor = median(p50s(r.floors));
    console.log(`| ${r.page.name} | ${r.size} (${r.items}) | ${p50s(r.runs).map((x) => x.toFixed(1)).join(' / ')} | ${ms(page)} | ${ms(plain)} | ${ms(floor)} | ${mark(page / floor)} | ${mark(plain / floor)} | ${kb(r.runs.at(-1)!.bytes)} (floor ${kb(r.floors.at(-1)!.bytes)}) |`);
  }
  console.log('\nGrowth with the vault\'s item count (least-squares slope of the medians over the sizes):\n');
  console.log('| page | gzip per 100 vault items | uncompressed per 100 vault items | floor per 100 vault items |');
  console.log('| --- | --- | --- | --- |');
  const signed = (x: number) => `${x >= 0 ? '+' : ''}${ms(x)}`;
  for (const name of [...new Set(results.map((r) => r.page.name))]) {
    const rows = results.filter((r) => r.page.name === name);
    const slope = (pick: (r: PageResult) => Timings[]) => growthPer100(rows.map((r) => ({ x: r.size, y: median(p50s(pick(r))) })));
    console.log(`| ${name} | ${signed(slope((r) => r.runs))} | ${signed(slope((r) => r.plain))} | ${signed(slope((r) => r.floors))} |`);
  }
  console.log('\nThe vault loader (`loadVault`: GetProfile + definitions + view, no HTML) in the bench\'s process, same database, store and simulator, p50 (p95):\n');
  console.log(`| vault items | definitions warm (what players get) | cold (first page after a manifest flip) | ${NAIVE ? 'naive: one read per item | naive ÷ warm | naive ÷ cold |' : ''}`);
  console.log(`| --- | --- | --- | ${NAIVE ? '--- | --- | --- |' : ''}`);
  for (const { size, run } of loaders) {
    const cell = (t: LoaderTimings) => `${ms(t.p50)} (${ms(t.p95)})`;
    const naive = run.naive ? `${cell(run.naive)} | ${(run.naive.p50 / run.batched.p50).toFixed(1)}× | ${(run.naive.p50 / run.cold.p50).toFixed(1)}× |` : '';
    console.log(`| ${size} | ${cell(run.batched)} | ${cell(run.cold)} | ${naive}`);
  }
  const firstLoad = (t: Transfer) => `${kb(t.document + t.script + t.stylesheet)} (HTML ${kb(t.document)} + JS ${kb(t.script)} + CSS ${kb(t.stylesheet)})`;
  console.log(`\nFirst load at 390×844, compressed, at ${results[0]!.size} vault items: /vault ${firstLoad(transfers.vault)}; /inventory ${firstLoad(transfers.inventory)}.`);
}

type Decomposition = { size: number; timings: Timings[] };
const LAYERS = ['floor: GetProfile fetched and parsed', '/offline: a page with the layout and its session, no Bungie call', '/api/profile?packed=1 uncompressed: the data path (token, GetProfile, definitions, tiles, packing), no React', '/vault uncompressed', '/vault gzip (what a browser gets)'] as const;

/**
 * `/vault` layer by layer, in one round robin so the machine's load weighs on each alike: the
 * floor; a page that only has the framework, the layout and its session; the vault's data as the
 * page's own refresh reads it (everything the page does before React, without HTML); the page
 * uncompressed; the page as a browser gets it. The differences say what each layer adds.
 */
async function decompose(appUrl: string, cookie: string, floor: Target): Promise<Timings[]> {
  return timeRequests(
    [
      floor,
      { url: `${appUrl}/offline`, encoding: 'identity' },
      { url: `${appUrl}/api/profile?packed=1`, expect: '"$packed":1', encoding: 'identity' },
      { url: `${appUrl}/vault`, expect: 'data-testid="vault-count"', encoding: 'identity' },
      { url: `${appUrl}/vault`, expect: 'data-testid="vault-count"' },
    ],
    cookie,
    REQUESTS,
  );
}

function printDecomposition(rows: Decomposition[]): void {
  console.log(`
\`/vault\` layer by layer (${REQUESTS} requests of each, one round robin; p50):
`);
  console.log(`| vault items | ${LAYERS.join(' | ')} | data path beyond the floor (API − floor − /offline) | React render (page − API) | gzip (page gzip − page) |`);
  console.log(`| --- | ${LAYERS.map(() => '---').join(' | ')} | --- | --- | --- |`);
  for (const { size, timings } of rows) {
    const [floor, offline, api, plain, gzip] = timings.map((t) => t.p50) as [number, number, number, number, number];
    console.log(`| ${size} | ${[floor, offline, api, plain, gzip].map(ms).join(' | ')} | ${ms(api - floor - offline)} | ${ms(plain - api)} | ${ms(gzip - plain)} |`);
  }
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
