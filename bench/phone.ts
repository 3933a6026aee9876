/**
 * `npm run bench:phone`: the main screens on an emulated mid-range phone (Chromium at 390×844, CPU
 * slowed 4×, 60 ms round trip, 9 Mbit/s, cache off; bench/phone-measure.ts). Builds and starts the
 * app as bench:pages does (dev/services/stack.ts), signs the simulated player in once, then, for
 * each simulator latency (0 ms, and 400 ms: a realistic GetProfile, where the shell must paint
 * before Bungie answers), runs `--runs N` times (3 by default), each in a fresh browser:
 * - /inventory, /vault, a character page and /xur: first and largest contentful paint, long-task
 *   time beyond 50 ms, bytes received;
 * - on the three item screens: tap on a tile → its sheet drawn, tap on "Move to …" → "Moved to …"
 *   (then moved back, unmeasured), one keystroke in the search box → the grid settled.
 * Prints the medians as Markdown tables (README.md, "Performance"); `-- --latency 0` runs one
 * latency only. `-- --profile` instead prints
 * where the main thread's time goes on each item screen (bench/phone-profile.ts), one fresh browser.
 * The world's size follows BUNGIE_SIM_VAULT_ITEMS (450 by default; 700, 1000 …).
 */
import { chromium, type Browser } from 'playwright-core';
import { chromiumPath } from '../dev/services/os-packages';
import { runBench, startBenchStack, type Cleanups } from './bench-stack';
import { percentile } from './page-measure';
import { profile } from './phone-profile';
import { keyToGrid, measureLoad, phonePage, tapToMoved, tapToSheet, PHONE_CONDITIONS, type LoadFigures } from './phone-measure';
import { PHONE } from '../tests/support/browser';
import { signIn } from '../tests/support/sign-in';

const runsAt = process.argv.indexOf('--runs');
const RUNS = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 3;
const PROFILE = process.argv.includes('--profile');
// `--latency 0` (or `0,400`): only these simulator latencies; both by default.
const latencyAt = process.argv.indexOf('--latency');
const LATENCIES = latencyAt > 0 ? process.argv[latencyAt + 1]!.split(',').map(Number) : [0, 400];
const CLASSES = ['Titan', 'Hunter', 'Warlock'];
const KINETIC = 1498876634;
const log = (line: string) => console.error(`[bench] ${line}`);

/** One screen: where it is, what shows it is done, and (item screens) the tile to tap and its home. */
type Screen = { name: string; path: string; ready: string; tile?: string; home?: () => string; away?: () => string };
type Figures = LoadFigures & { sheet?: number; moved?: number; search?: number };

const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);

async function runScreen(browser: Browser, origin: string, cookie: { name: string; value: string }, screen: Screen): Promise<Figures> {
  const context = await browser.newContext({ ...PHONE, baseURL: origin });
  await context.addCookies([{ ...cookie, url: origin }]);
  try {
    const { page, bytes } = await phonePage(context);
    const figures: Figures = await measureLoad(page, bytes, screen.path, screen.ready);
    if (!screen.tile || !screen.home || !screen.away) return figures;
    figures.sheet = await tapToSheet(page, page.locator(screen.tile).first());
    figures.moved = await tapToMoved(page, screen.away());
    // Back where it was, so every run meets the same world.
    await page.locator('dialog[open]').getByRole('button', { name: `Move to ${screen.home()}`, exact: true }).tap();
    await page.locator('dialog[open] section[aria-label="Actions"] [role="status"]').filter({ hasText: `Moved to your ${screen.home()}.` }).waitFor();
    await page.keyboard.press('Escape');
    await page.locator('dialog[open]').waitFor({ state: 'detached' }).catch(() => page.locator('dialog[open]').waitFor({ state: 'hidden' }));
    figures.search = await keyToGrid(page, 'a');
    return figures;
  } finally {
    await context.close();
  }
}

async function main(cleanups: Cleanups): Promise<void> {
  const stack = await startBenchStack('phone', log, cleanups);
  const { appUrl, sim } = stack;
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('Chromium is missing: apt-get install -y chromium.');
  const launch = () => chromium.launch({ executablePath, headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });

  // Sign in once, at full speed, as the e2e tests do; the session cookie serves every run.
  const signer = await launch();
  const context = await signer.newContext({ baseURL: appUrl });
  await signIn(await context.newPage());
  const signedIn = (await context.cookies()).find((c) => c.name === 'authjs.session-token');
  await signer.close();
  if (!signedIn) throw new Error('no session cookie after sign-in');
  const session = { name: signedIn.name, value: signedIn.value };

  const first = sim.world.characters[0]!;
  const firstClass = CLASSES[first.classType]!;
  let inventoryFirst = firstClass;
  const screens: Screen[] = [
    { name: '/inventory', path: '/inventory', ready: '[data-testid="store-header"]', tile: `[data-testid="store-columns"] > section:first-child section[data-bucket-hash="${KINETIC}"] button[data-item-id]:not([data-equipped])`, home: () => inventoryFirst, away: () => 'vault' },
    { name: '/vault', path: '/vault', ready: '[data-testid="vault-count"]', tile: '[data-group="weapons"] button[data-item-id]', home: () => 'vault', away: () => firstClass },
    { name: 'character page', path: `/characters/${first.characterId}`, ready: 'section[data-bucket-hash]', tile: `section[data-bucket-hash="${KINETIC}"] button[data-item-id]:not([data-equipped])`, home: () => firstClass, away: () => 'vault' },
    { name: '/xur', path: '/xur', ready: 'main h1' },
  ];

  if (PROFILE) {
    const browser = await launch();
    cleanups.push(() => browser.close());
    return profileScreens(browser, appUrl, session, screens);
  }
  const results = new Map<number, Map<string, Figures[]>>();
  for (const latency of LATENCIES) {
    sim.controls.setLatency(latency);
    const byScreen = new Map<string, Figures[]>(screens.map((s) => [s.name, []]));
    results.set(latency, byScreen);
    for (let run = 1; run <= RUNS; run++) {
      log(`simulator latency ${latency} ms, run ${run} of ${RUNS} (fresh browser) …`);
      const browser = await launch();
      try {
        for (const screen of screens) {
          if (screen.name === '/inventory') {
            // The inventory's first column is the app's first character (its order, not the simulator's).
            const probe = await browser.newContext({ baseURL: appUrl });
            await probe.addCookies([{ ...session, url: appUrl }]);
            const page = await probe.newPage();
            await page.goto('/inventory');
            inventoryFirst = (await page.locator('[data-testid="store-columns"] > section').first().getAttribute('aria-label')) ?? firstClass;
            await probe.close();
          }
          byScreen.get(screen.name)!.push(await runScreen(browser, appUrl, session, screen));
        }
      } finally {
        await browser.close();
      }
    }
  }

  const ms = (xs: (number | undefined)[]) => (xs.every((x) => x === undefined) ? '—' : `${Math.round(median(xs.filter((x): x is number => x !== undefined)))} ms`);
  const kb = (xs: number[]) => `${(median(xs) / 1024).toFixed(0)} KB`;
  const items = sim.world.items.length;
  const { cpuSlowdown, latencyMs, bitsPerSecond } = PHONE_CONDITIONS;
  for (const [latency, byScreen] of results) {
    console.log(`\nPhone (Chromium 390×844, CPU ${cpuSlowdown}× slower, ${latencyMs} ms RTT, ${bitsPerSecond / 1e6} Mbit/s, cache off), simulator latency ${latency} ms, ${items} items in the world; medians of ${RUNS} fresh browsers:\n`);
    console.log('| screen | FCP | LCP | long tasks beyond 50 ms (count) | bytes | tap → sheet | tap → move confirmed | keystroke → grid |');
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const [name, runs] of byScreen) {
      const count = median(runs.map((r) => r.longTaskCount));
      console.log(`| ${name} | ${ms(runs.map((r) => r.fcp))} | ${ms(runs.map((r) => r.lcp))} | ${ms(runs.map((r) => r.longTasks))} (${count}) | ${kb(runs.map((r) => r.bytes))} | ${ms(runs.map((r) => r.sheet))} | ${ms(runs.map((r) => r.moved))} | ${ms(runs.map((r) => r.search))} |`);
    }
  }
}

/** `--profile`: a trace and a CPU profile of each item screen's load, tap → sheet and keystroke → grid. */
async function profileScreens(browser: Browser, origin: string, cookie: { name: string; value: string }, screens: Screen[]): Promise<void> {
  for (const screen of screens.filter((s) => s.tile)) {
    const context = await browser.newContext({ ...PHONE, baseURL: origin });
    await context.addCookies([{ ...cookie, url: origin }]);
    const { page, bytes } = await phonePage(context);
    await profile(browser, page, `${screen.name} load`, async () => void (await measureLoad(page, bytes, screen.path, screen.ready)));
    await profile(browser, page, `${screen.name} tap → sheet`, async () => void (await tapToSheet(page, page.locator(screen.tile!).first())));
    await page.keyboard.press('Escape');
    await profile(browser, page, `${screen.name} keystroke → grid`, async () => void (await keyToGrid(page, 'a')));
    await context.close();
  }
}

runBench(main, log);
