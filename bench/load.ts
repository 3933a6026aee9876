/**
 * `npm run bench:load`: /vault under load. Starts `next start` like `npm run bench:pages` (Bungie
 * simulator at zero latency, PostgreSQL, manifest in Redis through the Upstash REST bridge),
 * seeds 20 players, then runs autocannon — 50 connections for 30 s on /vault, each request with
 * the next player's session cookie — twice:
 * 1. steady: requests, errors, non-2xx, latency p50/p95/p99, requests/s;
 * 2. the same while a manifest refresh to a new version runs: the simulator publishes a version
 *    that renames every item the players hold, and 3 s in an admin's "Refresh now" starts the ingest.
 *    Every 4th answer is checked: one `data-manifest-version` marker, and every known tile's name
 *    from that version (renamed ⇔ new version), so a page mixing two versions is caught.
 * Prints a Markdown table. `-- --runs N` repeats both runs N times and reports medians.
 *
 * The simulator has one Bungie.net player, so the 20 players are 20 users of the app, each with
 * its own account row, Bungie token pair and session (seeded in the database as a sign-in leaves
 * them), all reading that one player's Destiny profile.
 */
import autocannon from 'autocannon';
import os from 'node:os';
import path from 'node:path';
import type { BungieSim } from '../dev/bungie-sim/index';
import { startStack } from '../dev/services/stack';
import { percentile } from './page-measure';
import { seedPlayers } from '../dev/services/seed-players';

const PLAYERS = 20;
const CONNECTIONS = 50;
const DURATION_S = 30;
const SAMPLE_EVERY = 4;
// A client timeout, so a request stuck behind the machine's other work is counted, not waited for forever.
const TIMEOUT_S = 30;
// Run 2 goes on past 30 s (up to this) until the new version has served pages for 5 s.
const MAX_DURATION_S = 150;
const AUTH_SECRET = 'bench-secret-bench-secret-bench-secret-01';
const at = process.argv.indexOf('--runs');
const RUNS = at > 0 ? Number(process.argv[at + 1]) : 1;
const root = path.resolve(import.meta.dirname, '..');
const log = (line: string) => console.error(`[bench] ${line}`);
const cleanups: Array<() => Promise<unknown>> = [];

/** What one checked answer held. */
type PageCheck = {
  status: number; marker: string | null; markers: number; renamed: number; plain: number; vault: boolean;
  /** `data-problem` of a page that is not the vault (e.g. Bungie too slow), else null. */
  problem: string | null;
};

const TILE = /<button[^>]*?aria-label="([^"]*)"[^>]*?data-known="(true|false)"/g;

function checkPage(status: number, body: string, suffix: string): PageCheck {
  const markers = [...new Set([...body.matchAll(/data-manifest-version="([^"]+)"/g)].map((m) => m[1]!))];
  let renamed = 0;
  let plain = 0;
  for (const [, label, known] of body.matchAll(TILE)) {
    if (known !== 'true') continue;
    if (label!.includes(suffix)) renamed++;
    else plain++;
  }
  const vault = body.includes('data-testid="vault-count"');
  const problem = vault ? null : (/data-problem="([^"]+)"/.exec(body)?.[1] ?? 'no vault, no problem page');
  return { status, marker: markers[0] ?? null, markers: markers.length, renamed, plain, vault, problem };
}

type RunResult = {
  requests: number; errors: number; timeouts: number; non2xx: number; rps: number; p50: number; p95: number; p99: number;
  checked: PageCheck[];
};

/**
 * autocannon on /vault for `DURATION_S`, or, with `until`, for at least that long and until
 * `until()` holds (polled every second; at most `MAX_DURATION_S`).
 */
async function load(url: string, cookies: string[], suffix: string, until?: () => Promise<boolean>): Promise<RunResult> {
  let next = 0;
  let answered = 0;
  const checked: PageCheck[] = [];
  const latencies: number[] = [];
  const instance = autocannon({
    url,
    connections: CONNECTIONS,
    duration: until ? MAX_DURATION_S : DURATION_S,
    timeout: TIMEOUT_S,
    requests: [
      {
        method: 'GET',
        path: '/vault',
        setupRequest: (request) => ({ ...request, headers: { ...request.headers, cookie: cookies[next++ % cookies.length]! } }),
        onResponse: (status, body) => {
          if (answered++ % SAMPLE_EVERY === 0) checked.push(checkPage(status, body, suffix));
        },
      },
    ],
  });
  (instance as unknown as NodeJS.EventEmitter).on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms));
  if (until) {
    const started = Date.now();
    const poll = setInterval(() => {
      if (Date.now() - started < DURATION_S * 1000) return;
      void until().then((done) => {
        if (done) {
          clearInterval(poll);
          (instance as unknown as { stop(): void }).stop();
        }
      });
    }, 1000);
    void instance.then(() => clearInterval(poll));
  }
  const result = await instance;
  latencies.sort((a, b) => a - b);
  return {
    requests: result.requests.total, errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx, rps: result.requests.average,
    p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), checked,
  };
}

async function currentVersion(appUrl: string): Promise<string | undefined> {
  try {
    // The public status names the version and when it became current (the storage id is for admins).
    const status = (await (await fetch(`${appUrl}/api/manifest/status`)).json()) as { current?: { version?: string; activatedAt?: string } | null };
    return status.current ? `${status.current.version}@${status.current.activatedAt}` : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Publishes a version renaming every held item, and builds its zip now: the simulator builds it
 * synchronously in this process, which would otherwise stall its GetProfile answers mid-run (a
 * cost real Bungie, serving a static file, does not have). The app does not see it until asked.
 */
async function publishRenamingVersion(sim: BungieSim): Promise<void> {
  const held = [...new Set(sim.world.items.map((i) => i.itemHash))];
  sim.controls.publishManifest({ rename: held, modify: 0, add: 2, remove: 0 });
  await sim.manifestZip();
}

/** Asks the app, as the admin, to refresh the manifest now. */
async function refreshNow(appUrl: string, adminCookie: string): Promise<void> {
  const response = await fetch(`${appUrl}/api/manifest/revalidate`, {
    method: 'POST', headers: { cookie: adminCookie, origin: appUrl, 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' }, body: '{}',
  });
  if (response.status !== 202) throw new Error(`refresh now answered ${response.status}: ${await response.text()}`);
}

const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);
const ms = (x: number) => `${x.toFixed(0)} ms`;

async function main(): Promise<void> {
  const stack = await startStack({
    log,
    database: `vault_raider_bench_load_${Date.now()}`,
    simLatencyMs: 0,
    build: true,
    app: {
      authSecret: AUTH_SECRET,
      logFile: path.join(root, 'test-results/bench-load-app.log'),
      simPlayerIsAdmin: true,
      // Only the refresh this benchmark starts may change the manifest.
      // Throughput, not the limiter: autocannon's one address would be refused at 50 per 10 s.
      env: { MANIFEST_REFRESH_MINUTES: '1440', LOG_LEVEL: 'warn', RATE_LIMIT_PLAYER: '0', RATE_LIMIT_IP: '0' },
      manifestTimeoutMs: 180_000,
    },
  });
  cleanups.push(stack.stop);
  const { app, sim } = stack;
  const cookies = await seedPlayers(stack.databaseUrl, sim, PLAYERS, AUTH_SECRET);
  log(`app at ${app.url}; ${PLAYERS} players seeded; ${sim.world.items.length} items per profile`);
  // Warm-up: every player's page once (token decryption, the definitions cache, Next's caches).
  for (const cookie of cookies) await fetch(`${app.url}/vault`, { headers: { cookie } }).then((r) => r.text());

  const steady: RunResult[] = [];
  const during: (RunResult & { flipped: boolean; versions: number; mixed: number; wrongNames: number; problems: number })[] = [];
  for (let run = 1; run <= RUNS; run++) {
    log(`run ${run}/${RUNS}: steady load, ${CONNECTIONS} connections × ${DURATION_S} s …`);
    const before = await currentVersion(app.url);
    steady.push(await load(app.url, cookies, '\u0000'));

    log(`run ${run}/${RUNS}: the same with a manifest refresh to a new version …`);
    await publishRenamingVersion(sim);
    const suffix = `(Rev ${sim.manifest.revision})`;
    let flippedAt: number | undefined;
    const flippedLongEnough = async () => {
      flippedAt ??= (await currentVersion(app.url)) !== before ? Date.now() : undefined;
      return flippedAt !== undefined && Date.now() - flippedAt > 5_000;
    };
    const started = Date.now();
    const loading = load(app.url, cookies, suffix, flippedLongEnough);
    await new Promise((r) => setTimeout(r, 3_000));
    await refreshNow(app.url, cookies[0]!);
    const result = await loading;
    log(`the new version was current ${flippedAt === undefined ? 'never' : `after ${((flippedAt - started) / 1000).toFixed(0)} s`}; the run lasted ${((Date.now() - started) / 1000).toFixed(0)} s`);
    const after = await currentVersion(app.url);
    // Mixing is judged on vault pages; a problem page (no items) is counted on its own.
    const pages = result.checked.filter((c) => c.vault);
    const mixed = pages.filter((c) => c.markers !== 1).length;
    // Old version: no tile renamed; new version: every known tile renamed.
    const wrongNames = pages.filter((c) => (c.marker === before ? c.renamed > 0 : c.marker === after ? c.plain > 0 : true)).length;
    const versions = new Set(pages.map((c) => c.marker)).size;
    during.push({ ...result, flipped: before !== after, versions, mixed, wrongNames, problems: result.checked.length - pages.length });
  }

  const row = (name: string, rs: RunResult[]) =>
    `| ${name} | ${median(rs.map((r) => r.requests))} | ${median(rs.map((r) => r.errors))} | ${median(rs.map((r) => r.timeouts))} | ${median(rs.map((r) => r.non2xx))} | ${ms(median(rs.map((r) => r.p50)))} | ${ms(median(rs.map((r) => r.p95)))} | ${ms(median(rs.map((r) => r.p99)))} | ${median(rs.map((r) => r.rps)).toFixed(1)} |`;
  console.log(`\n/vault on \`next start\`, ${PLAYERS} players, ${CONNECTIONS} connections × ${DURATION_S} s, autocannon (timeout ${TIMEOUT_S} s), ${RUNS === 1 ? 'one run' : `medians of ${RUNS} runs`}:\n`);
  console.log(`(load average when it ended: ${os.loadavg().map((x) => x.toFixed(1)).join(', ')} on ${os.cpus().length} cores)\n`);
  console.log('| run | requests | errors | of which timeouts | non-2xx | p50 | p95 | p99 | req/s |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  console.log(row('steady', steady));
  console.log(row('during a manifest refresh', during));
  const checked = during.reduce((n, r) => n + r.checked.length, 0);
  console.log(`\nDuring the refresh: version flipped in ${during.filter((r) => r.flipped).length}/${during.length} runs; ${checked} answers checked (every ${SAMPLE_EVERY}th), ` +
    `${during.map((r) => r.versions).join('/')} distinct versions seen; pages with ≠ 1 version marker: ${during.reduce((n, r) => n + r.mixed, 0)}; ` +
    `pages whose item names did not match their marker: ${during.reduce((n, r) => n + r.wrongNames, 0)}; pages that were not the vault: ${during.reduce((n, r) => n + r.problems, 0)}.`);
  const problems = new Map<string, number>();
  for (const c of [...steady, ...during].flatMap((r) => r.checked)) if (c.problem) problems.set(c.problem, (problems.get(c.problem) ?? 0) + 1);
  console.log(`Checked answers that were not the vault (both runs): ${problems.size === 0 ? 'none' : [...problems].map(([kind, n]) => `${n} × ${kind}`).join(', ')}.`);
  const failed = [...steady, ...during].some((r) => r.errors + r.non2xx > 0 || r.checked.some((c) => !c.vault)) || during.some((r) => r.mixed + r.wrongNames > 0 || !r.flipped || r.versions < 2);
  if (failed) process.exitCode = 1;
}

async function cleanup(): Promise<void> {
  while (cleanups.length > 0) await cleanups.pop()!().catch((e: unknown) => log(`cleanup: ${String(e)}`));
}

main()
  .then(cleanup)
  .catch(async (error: unknown) => {
    await cleanup();
    const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
    console.error(`[bench] ${error instanceof Error ? error.message : String(error)}${cause}`);
    process.exit(1);
  });
