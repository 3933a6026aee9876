/**
 * `npm run bench:manifest [-- --items 32000 --pad 3300 --runs 1]`: the manifest pipeline on a
 * full-scale generated manifest. Also from the environment: BENCH_MANIFEST_ITEMS (64000 makes a
 * 251 MB SQLite file), BENCH_MANIFEST_PAD, BENCH_RUNS (medians of N runs), BENCH_DRIVERS
 * (upstash,postgres,pglite), BENCH_PROFILE=1 (memory by phase). The generated zip is cached under
 * .data/bench-manifest. Serves it from the Bungie simulator over HTTP, then, per store driver in a
 * process of its own: full ingest (wall time, peak RSS), the no-change check (requests to Bungie,
 * wall time), and 600-hash lookups (round trips, p50). Prints a table.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import pg from 'pg';
import { createBungieSim } from '../dev/bungie-sim/index';
import { startSimServer } from '../dev/bungie-sim/http-server';
import { startTestPostgres } from '../dev/services/postgres-server';
import { startTestRedis } from '../dev/services/redis-server';
import { startUpstashBridge } from '../dev/upstash-bridge/index';
import { applyMigrations } from '../lib/db/migrate';
import { startPgliteServer } from '../lib/db/pglite-server';

const root = path.resolve(import.meta.dirname, '..');
const arg = (name: string, env: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  const value = at > 0 ? Number(process.argv[at + 1]) : process.env[env] ? Number(process.env[env]) : fallback;
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} / ${env} must be a whole number, not ${process.argv[at + 1] ?? process.env[env]}.`);
  return value;
};
const itemCount = arg('items', 'BENCH_MANIFEST_ITEMS', 32_000);
const padBytes = arg('pad', 'BENCH_MANIFEST_PAD', 3_300);
const runs = Math.max(1, arg('runs', 'BENCH_RUNS', 1));
// BENCH_DRIVERS=upstash,postgres,pglite: a subset of the store drivers (default all three).
const only = new Set((process.env.BENCH_DRIVERS ?? 'upstash,postgres,pglite').split(',').map((d) => d.trim()));
const log = (line: string) => console.error(`[bench] ${line}`);
const cleanups: Array<() => Promise<unknown>> = [];
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

type Row = { driver: string; definitions: number; items: number; ingestMs: number; ingestCpuMs: number; peakRssMb: number; checkRequests: number; checkMs: number; lookupTrips: number; lookupP50Ms: number; lookupP90Ms: number };

function runDriver(env: Record<string, string>): Promise<Row> {
  const child = spawn(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), '--conditions=react-server', path.join(root, 'bench/manifest-ingest.ts')], {
    cwd: root,
    env: { ...process.env, ...env, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve, reject) =>
    child.once('exit', (code) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      if (code === 0 && line.startsWith('{')) resolve(JSON.parse(line) as Row);
      else reject(new Error(`${env.BENCH_DRIVER} run failed (exit ${code}): ${out}`));
    }),
  );
}

async function createDatabase(adminUrl: string): Promise<string> {
  const name = `vault_raider_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  cleanups.push(async () => {
    const dropper = new pg.Client({ connectionString: adminUrl });
    await dropper.connect();
    await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await dropper.end();
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function main(): Promise<void> {
  let t0 = Date.now();
  // A generated manifest is kept under .data/ (never in git): the next run at the same size reads it back.
  process.env.BUNGIE_SIM_MANIFEST_CACHE ??= path.join(root, '.data', 'bench-manifest');
  const sim = createBungieSim({ itemCount });
  // Pad item JSON to a real definition's size before the first zip is built.
  sim.manifest.padBytes = padBytes;
  const zip = await sim.manifestZip();
  let sqliteBytes = 0;
  unzipSync(zip, { filter: (file) => ((sqliteBytes = file.originalSize), false) });
  log(`manifest: ${itemCount} items, SQLite ${mb(sqliteBytes)}, zip ${mb(zip.length)} (built or read from ${process.env.BUNGIE_SIM_MANIFEST_CACHE} in ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  const simServer = await startSimServer({ sim });
  cleanups.push(simServer.close);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vr-bench-'));
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  const hashesFile = path.join(dir, 'hashes.json');
  writeFileSync(hashesFile, JSON.stringify([...(sim.manifest.tables.get('DestinyInventoryItemDefinition')?.keys() ?? [])]));

  const postgres = await startTestPostgres(log, process.env.TEST_POSTGRES_URL);
  cleanups.push(postgres.stop);
  const redis = await startTestRedis();
  cleanups.push(redis.stop);
  const bridge = await startUpstashBridge({ redisUrl: redis.url, token: 'bench-token' });
  cleanups.push(bridge.close);
  const pglite = await startPgliteServer();
  cleanups.push(pglite.stop);

  const common = { BUNGIE_SIMULATOR_URL: simServer.url, BENCH_HASHES_FILE: hashesFile };
  const drivers: Array<{ id: string; driver: string; env: () => Promise<Record<string, string>> }> = [
    { id: 'upstash', driver: 'Upstash (bridge → redis-server)', env: async () => ({ BENCH_DRIVER: 'upstash', BENCH_UPSTASH_URL: bridge.url, BENCH_UPSTASH_TOKEN: 'bench-token', BENCH_DATABASE_URL: pglite.url }) },
    { id: 'postgres', driver: 'Postgres (PostgreSQL 15)', env: async () => ({ BENCH_DRIVER: 'postgres', BENCH_DATABASE_URL: await createDatabase(postgres.adminUrl) }) },
    { id: 'pglite', driver: 'Postgres (embedded PGlite)', env: async () => ({ BENCH_DRIVER: 'postgres', BENCH_DATABASE_URL: pglite.url }) },
  ];
  const rows: Array<Row & { runs: Row[] }> = [];
  for (const { id, driver, env } of drivers.filter((d) => only.has(d.id))) {
    const runsOf: Row[] = [];
    for (let run = 1; run <= runs; run++) {
      const vars: Record<string, string> = { ...(await env()), BENCH_UPSTASH_PREFIX: `vr:bench:${Date.now()}:${run}:` };
      await applyMigrations(vars.BENCH_DATABASE_URL!);
      // The shared PGlite database starts each run empty, so every run is a full ingest.
      if (id === 'pglite') await emptyManifestTables(vars.BENCH_DATABASE_URL!);
      t0 = Date.now();
      log(`${driver}: run ${run}/${runs}…`);
      runsOf.push({ ...(await runDriver({ ...common, ...vars })), driver });
      log(`${driver}: done in ${((Date.now() - t0) / 1000).toFixed(1)} s (ingest ${(runsOf.at(-1)!.ingestMs / 1000).toFixed(1)} s, CPU ${(runsOf.at(-1)!.ingestCpuMs / 1000).toFixed(1)} s, peak RSS ${runsOf.at(-1)!.peakRssMb} MB)`);
    }
    rows.push(medianRow(runsOf));
  }

  console.log(`\nManifest: ${itemCount} item definitions, SQLite ${mb(sqliteBytes)} (zip ${mb(zip.length)}); ${os.cpus().length} cores, Node ${process.version}${runs > 1 ? `; medians of ${runs} runs (each run in brackets)` : ''}\n`);
  console.log('| store driver | full ingest | its CPU time | peak RSS | definitions | no-change check | 600-hash lookup |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) {
    const each = (values: number[], unit: string) => (values.length > 1 ? ` (${values.join(', ')} ${unit})` : '');
    console.log(`| ${r.driver} | ${(r.ingestMs / 1000).toFixed(1)} s${each(r.runs.map((x) => Number((x.ingestMs / 1000).toFixed(1))), 's')} | ${(r.ingestCpuMs / 1000).toFixed(1)} s${each(r.runs.map((x) => Number((x.ingestCpuMs / 1000).toFixed(1))), 's')} | ${r.peakRssMb} MB${each(r.runs.map((x) => x.peakRssMb), 'MB')} | ${r.definitions} | ${r.checkRequests} request, ${r.checkMs} ms | ${r.lookupTrips} round trip, p50 ${r.lookupP50Ms} ms (p90 ${r.lookupP90Ms}) |`);
  }
  console.log('\nTargets: no-change 1 request and ≤ 100 ms; full ingest ≤ 60 s and ≤ 1.2 GB peak RSS (one Vercel function, 2 GB); lookup 1 round trip, ≤ 15 ms p50 through the bridge.');
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** One row of medians, field by field, keeping each run for the table. */
function medianRow(runsOf: Row[]): Row & { runs: Row[] } {
  const pick = (key: keyof Omit<Row, 'driver'>) => median(runsOf.map((r) => r[key]));
  return {
    driver: runsOf[0]!.driver, definitions: pick('definitions'), items: pick('items'), ingestMs: pick('ingestMs'), ingestCpuMs: pick('ingestCpuMs'), peakRssMb: pick('peakRssMb'),
    checkRequests: pick('checkRequests'), checkMs: pick('checkMs'), lookupTrips: pick('lookupTrips'), lookupP50Ms: pick('lookupP50Ms'), lookupP90Ms: pick('lookupP90Ms'), runs: runsOf,
  };
}

async function emptyManifestTables(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('DELETE FROM manifest_pointer');
    await client.query('DELETE FROM manifest_definitions');
  } finally {
    await client.end();
  }
}

main()
  .catch((error: unknown) => {
    console.error(`[bench] ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  })
  .finally(async () => {
    while (cleanups.length > 0) await cleanups.pop()!().catch(() => undefined);
    process.exit();
  });
