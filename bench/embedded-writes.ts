/**
 * `npm run bench:embedded-writes [-- --n 300]`: what durable writes cost the embedded database.
 * Opens a PGlite database under `.data/` (the disk the app's data lives on, not a tmpfs) with
 * commits forced to disk (EMBEDDED_DB_FSYNC=on, the default) and without, and times N single-row
 * commits through the Postgres wire protocol, as the app's loadout writes arrive. Prints a table.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { startPgliteServer } from '../lib/db/pglite-server';

const at = process.argv.indexOf('--n');
const N = at > 0 ? Number(process.argv[at + 1]) : 300;
const root = path.resolve(import.meta.dirname, '..');
const log = (line: string) => console.error(`[bench] ${line}`);
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!;

async function measure(durable: boolean) {
  const dir = path.join(root, `.data/bench-writes-${durable ? 'on' : 'off'}-${Date.now()}`);
  try {
    const server = await startPgliteServer(dir, { durable });
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    await client.query('CREATE TABLE loadouts (id serial PRIMARY KEY, name text, items jsonb)');
    const items = JSON.stringify(Array.from({ length: 10 }, (_, i) => ({ itemId: String(6917529000000000000n + BigInt(i)), itemHash: 1000 + i, bucketHash: 1498876634 })));
    const times: number[] = [];
    const started = performance.now();
    for (let i = 0; i < N; i++) {
      const t = performance.now();
      await client.query('INSERT INTO loadouts (name, items) VALUES ($1, $2)', [`loadout ${i}`, items]);
      times.push(performance.now() - t);
    }
    const total = performance.now() - started;
    const syncs = server.syncs();
    await client.end();
    const stopAt = performance.now();
    await server.stop();
    const stopMs = performance.now() - stopAt;
    const openAt = performance.now();
    const reopened = await startPgliteServer(dir, { durable });
    const openMs = performance.now() - openAt;
    await reopened.stop();
    return { p50: percentile(times, 50), p95: percentile(times, 95), perSecond: (N * 1000) / total, syncs, stopMs, openMs };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const rows: string[] = [];
  for (const durable of [false, true]) {
    log(`fsync ${durable ? 'on' : 'off'}: ${N} commits …`);
    const r = await measure(durable);
    rows.push(`| ${durable ? 'on (default)' : 'off'} | ${r.p50.toFixed(2)} ms | ${r.p95.toFixed(2)} ms | ${r.perSecond.toFixed(0)} | ${r.syncs} | ${r.stopMs.toFixed(0)} ms | ${r.openMs.toFixed(0)} ms |`);
  }
  console.log(`\n${N} single-row commits (a loadout row, ~1 KB of JSON) on the embedded database\n`);
  console.log('| fsync | commit p50 | commit p95 | commits/s | files forced to disk | clean stop | reopen |\n| --- | --- | --- | --- | --- | --- | --- |');
  for (const row of rows) console.log(row);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
