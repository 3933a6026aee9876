/**
 * `npm run bench:actions [-- --n 100]`: the app's own overhead per item action. Calls the item
 * route handlers (as the Node server runs them) against the Bungie simulator over HTTP, on a real
 * PostgreSQL (the machine's, or a private one), and subtracts the time spent waiting for Bungie
 * (every fetch to the simulator is timed). Prints p50/p95 per action kind.
 */
import pg from 'pg';
import { createBungieSim } from '../dev/bungie-sim/index';
import { startSimServer } from '../dev/bungie-sim/http-server';
import { startTestPostgres } from '../dev/services/postgres-server';

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const n = arg('n', 100);
const latencyMs = arg('latency', 20);
const log = (line: string) => console.error(`[bench] ${line}`);
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!;

async function main(): Promise<void> {
  const postgres = await startTestPostgres(log);
  const dbName = `vault_raider_bench_actions_${Date.now()}`;
  const admin = new pg.Client({ connectionString: postgres.adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  const sim = createBungieSim();
  const simServer = await startSimServer({ sim, port: 0 });
  try {
    Object.assign(process.env, {
      DATABASE_URL: postgres.adminUrl.replace(/\/[^/]*$/, `/${dbName}`),
      BUNGIE_SIMULATOR_URL: simServer.url,
      AUTH_URL: 'http://localhost:3000',
      AUTH_SECRET: 'bench-secret-bench-secret-bench-secret-0',
      LOG_LEVEL: 'warn',
    });
    // Imported after the environment is set: the app reads its configuration once.
    const { startManifestJob } = await import('../lib/jobs/manifest-job');
    const { signInPlayer, jsonPost } = await import('../tests/support/app-harness');
    const { POST: lock } = await import('../app/api/items/lock/route');
    const { POST: transfer } = await import('../app/api/items/transfer/route');
    const { closeDatabase } = await import('../lib/db/client');
    await startManifestJob('bench').done;
    const player = await signInPlayer(sim);

    // Every call to the simulator is timed: that is Bungie's share, not the app's.
    let bungieMs = 0;
    const realFetch = globalThis.fetch;
    globalThis.fetch = async (input, init) => {
      const started = performance.now();
      try {
        return await realFetch(input, init);
      } finally {
        bungieMs += performance.now() - started;
      }
    };
    sim.controls.setLatency(latencyMs);

    const item = sim.world.items.find((i) => i.owner === 'vault' && i.itemInstanceId && (i.classType === 3 || i.classType === 0))!;
    const titan = sim.world.characters.find((c) => c.classType === 0)!.characterId;
    const rows: Record<string, { total: number[]; overhead: number[] }> = { lock: { total: [], overhead: [] }, transfer: { total: [], overhead: [] } };
    const measure = async (kind: string, run: () => Promise<Response>) => {
      bungieMs = 0;
      const started = performance.now();
      const response = await run();
      const total = performance.now() - started;
      if (response.status !== 200) throw new Error(`${kind} answered ${response.status}: ${await response.text()}`);
      rows[kind]!.total.push(total);
      rows[kind]!.overhead.push(total - bungieMs);
    };
    // One warm-up of each (first profile read, first definitions read), not counted.
    await lock(jsonPost('/api/items/lock', { itemId: item.itemInstanceId, itemHash: item.itemHash, locked: !item.locked }, { cookie: player.cookie }));
    // A player taps no faster than Bungie allows (0.1 s per action): wait that long between actions
    // so the deliberate pacing in lib/actions/player-queue.ts is not counted as overhead.
    const pause = () => new Promise((r) => setTimeout(r, 110));
    for (let i = 0; i < n; i += 1) {
      await pause();
      await measure('lock', () => lock(jsonPost('/api/items/lock', { itemId: item.itemInstanceId, itemHash: item.itemHash, locked: i % 2 === 0 }, { cookie: player.cookie })));
      const [from, to] = i % 2 === 0 ? ['vault', titan] : [titan, 'vault'];
      await pause();
      await measure('transfer', () => transfer(jsonPost('/api/items/transfer', { itemId: item.itemInstanceId, itemHash: item.itemHash, from, to }, { cookie: player.cookie })));
    }
    globalThis.fetch = realFetch;
    await closeDatabase();

    console.log(`\nItem actions: ${n} of each, simulator latency ${latencyMs} ms per call, PostgreSQL ${postgres.reused ? '(machine)' : '(private)'}`);
    console.log('| action | total p50 | total p95 | app overhead p50 | app overhead p95 |');
    console.log('| --- | --- | --- | --- | --- |');
    for (const [kind, r] of Object.entries(rows)) {
      const f = (v: number) => `${v.toFixed(1)} ms`;
      console.log(`| ${kind} | ${f(percentile(r.total, 50))} | ${f(percentile(r.total, 95))} | ${f(percentile(r.overhead, 50))} | ${f(percentile(r.overhead, 95))} |`);
    }
  } finally {
    await simServer.close();
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    await postgres.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`[bench] ${error instanceof Error ? error.stack : String(error)}`);
    process.exit(1);
  },
);
