/**
 * `npm test`: starts what the tests use — PostgreSQL (the machine's, or a private one), a private
 * redis-server, the Bungie simulator and a production build of the app, each on a free 127.0.0.1
 * port — runs every vitest project but the contract and fault ones, stops everything; then starts
 * the fault stack (dev/test/fault-stack.ts) and runs the fault tests against it, prints the fault
 * table, and one closing line "vitest: N passed, N failed" for both runs. Arguments after `--` go
 * to vitest (files under tests/faults to the fault run).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeSimOptions, simOptionsFromEnv } from '../bungie-sim/env-options';
import { createBungieSim } from '../bungie-sim/index';
import { startSimServer } from '../bungie-sim/http-server';
import { buildApp, startApp } from '../services/app-server';
import { chromiumPath, ensureOsPackages, requirements } from '../services/os-packages';
import { freePort, hasManifest, isListening, waitFor } from '../services/ports';
import { startTestPostgres } from '../services/postgres-server';
import { startTestRedis } from '../services/redis-server';
import { startFaultStack } from './fault-stack';
import { runFaultTests } from './faults';

const root = path.resolve(import.meta.dirname, '../..');
const resultsDir = path.join(root, 'test-results');
const log = (line: string) => console.log(`[test] ${line}`);
const cleanups: Array<() => Promise<void>> = [];

async function cleanup(): Promise<void> {
  while (cleanups.length > 0) await cleanups.pop()!().catch((e: unknown) => log(`cleanup: ${String(e)}`));
}

function runVitest(args: string[], env: Record<string, string>): Promise<number> {
  const vitest = path.join(root, 'node_modules/vitest/vitest.mjs');
  const projects = ['unit', 'components', 'integration', 'e2e'].flatMap((p) => ['--project', p]);
  const reporters = ['--reporter=default', '--reporter=json', `--outputFile.json=${path.join(resultsDir, 'vitest.json')}`];
  const child = spawn(process.execPath, [vitest, 'run', ...projects, ...reporters, ...args], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
}

/** The closing line, adding up the main run's and the fault run's JSON reports. */
function summary(): string | undefined {
  type Report = { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
  const reports = REPORTS.map((name) => path.join(resultsDir, name))
    .filter((file) => fs.existsSync(file))
    .map((file) => JSON.parse(fs.readFileSync(file, 'utf8')) as Report);
  if (reports.length === 0) return undefined;
  const sum = (key: keyof Report) => reports.reduce((n, r) => n + r[key], 0);
  const skipped = sum('numPendingTests') + sum('numTodoTests');
  return `vitest: ${sum('numPassedTests')} passed, ${sum('numFailedTests')} failed${skipped ? `, ${skipped} skipped` : ''}`;
}

const REPORTS = ['vitest.json', 'vitest-faults.json'];

/** `npm test -- <files>`: files under tests/faults go to the fault run, the rest to the main one; no files, both. */
function splitArgs(args: string[]): { main: string[]; faults: string[]; runFaults: boolean } {
  const isFault = (arg: string) => arg.replace(/^\.\//, '').startsWith('tests/faults');
  const files = args.filter((arg) => !arg.startsWith('-'));
  if (files.length === 0) return { main: args, faults: args, runFaults: true };
  const faultFiles = files.filter(isFault);
  const flags = args.filter((arg) => arg.startsWith('-'));
  return { main: args.filter((arg) => !isFault(arg)), faults: [...flags, ...faultFiles], runFaults: faultFiles.length > 0 };
}

/** The main run: PostgreSQL, Redis, the simulator and the app, then every project but faults and contract. */
async function runMainSuite(mainArgs: string[], started: number): Promise<number> {
  const [postgres, redis] = await Promise.all([startTestPostgres(log, process.env.TEST_POSTGRES_URL), startTestRedis()]);
  cleanups.push(postgres.stop, redis.stop);
  log(`PostgreSQL ${postgres.reused ? 'reused' : 'started'} at ${new URL(postgres.adminUrl).host}; redis-server at 127.0.0.1:${redis.port}`);

  const appPort = await freePort();
  const appUrl = `http://localhost:${appPort}`;
  const simOptions = simOptionsFromEnv();
  const sim = createBungieSim({ ...simOptions, redirectUrl: `${appUrl}/api/auth/callback/bungie` });
  const simServer = await startSimServer({ sim, port: 0 });
  cleanups.push(simServer.close);
  const described = describeSimOptions(simOptions);
  if (described) log(`Bungie simulator: ${described}`);

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vr-app-'));
  cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
  const app = await startApp({
    port: appPort,
    logFile: path.join(resultsDir, 'app-server.log'),
    env: {
      AUTH_URL: appUrl,
      AUTH_SECRET: 'test-secret-test-secret-test-secret-0123',
      BUNGIE_SIMULATOR_URL: simServer.url,
      DATA_DIR: dataDir,
      // The simulated player is an admin, so admin-only pages can be tested signed in.
      ADMIN_MEMBERSHIP_IDS: sim.world.player.bungieMembershipId,
      // Every browser test file signs in as this one simulated player, back to back: far more pages
      // and reads in 10 s than one person makes. The limits themselves are tested on their own
      // (tests/integration/lib/http/rate-limit.test.ts, tests/e2e/page-limits.test.ts' own app).
      RATE_LIMIT_PLAYER: '1000',
      RATE_LIMIT_IP: '2000',
    },
  });
  cleanups.push(app.stop);
  // The server ingests the simulator's manifest at start-up; pages need it before tests look.
  // On a loaded machine the start-up check can time out on the simulator; the next one comes 5 min later.
  await waitFor(
    () => hasManifest(app.url),
    420_000,
    `the app did not ingest the manifest within 420 s (see ${path.join(resultsDir, 'app-server.log')}).`,
  );
  log(`app at ${app.url}, simulator at ${simServer.url} (${((Date.now() - started) / 1000).toFixed(1)} s to get ready)`);

  return runVitest(mainArgs, {
    TEST_POSTGRES_URL: postgres.adminUrl,
    TEST_REDIS_URL: redis.url,
    E2E_BASE_URL: app.url,
    E2E_SIM_URL: simServer.url,
    CHROMIUM_PATH: chromiumPath() ?? '',
  });
}

async function main(): Promise<number> {
  const started = Date.now();
  fs.mkdirSync(resultsDir, { recursive: true });
  for (const stale of [...REPORTS, 'app-server.log', 'faults.md']) fs.rmSync(path.join(resultsDir, stale), { force: true });
  const args = splitArgs(process.argv.slice(2));
  const mainFiles = args.main.filter((arg) => !arg.startsWith('-'));
  // Only fault files asked for: the main run has nothing to do.
  const runMain = mainFiles.length > 0 || args.main.length === args.faults.length;

  const sharedPostgres = !process.env.TEST_POSTGRES_URL && (await isListening(5432));
  // The fault tests stop and restart a private PostgreSQL cluster: they need the server binaries.
  const needPostgres = args.runFaults || !(sharedPostgres || process.env.TEST_POSTGRES_URL);
  ensureOsPackages([...(needPostgres ? [requirements.postgresql] : []), requirements.redis, requirements.chromium], log);

  buildApp(log);
  const code = runMain ? await runMainSuite(args.main, started) : 0;
  await cleanup();
  let faultCode = 0;
  if (args.runFaults) {
    // After the main run and its app are gone: this stack takes its services down on purpose.
    const stack = await startFaultStack(log, path.join(resultsDir, 'faults-app-server.log'));
    cleanups.push(stack.stop);
    log(`fault tests: app at ${stack.appUrl} (private PostgreSQL and redis-server)`);
    faultCode = await runFaultTests(stack, args.faults, ['--reporter=default', '--reporter=json', `--outputFile.json=${path.join(resultsDir, 'vitest-faults.json')}`]);
    await cleanup();
    const table = path.join(resultsDir, 'faults.md');
    if (fs.existsSync(table)) console.log(`\n${fs.readFileSync(table, 'utf8')}`);
  }
  const line = summary();
  log(`finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (line) console.log(line);
  return line ? code || faultCode : 1;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void cleanup().finally(() => process.exit(130)));
}

main()
  .then((code) => process.exit(code))
  .catch(async (error: unknown) => {
    await cleanup();
    console.error(`[test] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
