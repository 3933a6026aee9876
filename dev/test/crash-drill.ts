/**
 * `npm run test:crash`: the crash drill, on the one-machine mode (embedded PGlite, manifest in the
 * same database, in-process scheduler). Real processes, real SIGKILLs:
 * 1. writes: 4 signed-in players create, rename and delete loadouts through the HTTP routes while
 *    `next start` is SIGKILLed at a random moment, `--cycles` times (default 6); after each
 *    restart every acknowledged write must be there and nothing acknowledged-deleted may come back;
 * 2. mid-ingest: a new manifest is published, an admin's "Refresh now" starts the ingest, and the
 *    app is SIGKILLed while it writes — the old version is served meanwhile, and after the restart
 *    the new one must be current within 60 s (the killed run's lease lapses; the next run takes over);
 * 3. a clean stop (SIGTERM): the next start must run no crash recovery.
 * Seeded: `--seed N` (or CRASH_SEED) replays the same kill moments and writes; the seed is printed.
 * `--fsync off` runs it with EMBEDDED_DB_FSYNC=off, to compare. Prints a Markdown table; exits 1
 * on any lost or phantom write, lost session, slow recovery or unclean stop.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBungieSim } from '../bungie-sim/index';
import { startSimServer } from '../bungie-sim/http-server';
import { buildApp, startApp, type AppServer } from '../services/app-server';
import { freePort, hasManifest, waitFor } from '../services/ports';
import { LoadoutWriter, prng } from './crash-writers';
import { seedEmbeddedPlayers } from './crash-seed';

const root = path.resolve(import.meta.dirname, '../..');
const arg = (name: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const SEED = Number(arg('seed') ?? process.env.CRASH_SEED ?? crypto.randomInt(1, 2 ** 31));
const CYCLES = Number(arg('cycles') ?? 6);
const FSYNC = arg('fsync') ?? 'on';
const PLAYERS = 4;
const NEW_VERSION_WITHIN_MS = 60_000;
const log = (line: string) => console.error(`[crash] ${line}`);
const random = prng(SEED);
const between = (lo: number, hi: number) => lo + random() * (hi - lo);

type Status = { current: { version: string } | null; running: { progress: { phase: string; definitionsWritten: number } } | null; history: Array<{ outcome: string; error: string | null }> };

// The run history and the running refresh are for admins only: the status is read as the admin.
let adminCookie = '';

async function status(appUrl: string): Promise<Status | null> {
  try {
    const headers = adminCookie ? { cookie: adminCookie } : undefined;
    return (await (await fetch(`${appUrl}/api/manifest/status`, { headers, signal: AbortSignal.timeout(5000) })).json()) as Status;
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  log(`seed ${SEED} (replay: npm run test:crash -- --seed ${SEED}), ${CYCLES} write cycles, fsync ${FSYNC}`);
  const started = Date.now();
  buildApp(log);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vr-crash-'));
  const logFile = path.join(root, '.data/test-logs/crash-drill.log');
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  fs.writeFileSync(logFile, '');
  const port = await freePort();
  const appUrl = `http://localhost:${port}`;
  const sim = createBungieSim({ redirectUrl: `${appUrl}/api/auth/callback/bungie`, itemCount: 15_000, seed: SEED });
  const simServer = await startSimServer({ sim, port: 0 });
  const authSecret = crypto.randomBytes(32).toString('base64url');
  const cookies = await seedEmbeddedPlayers(path.join(dataDir, 'pglite'), sim, PLAYERS, authSecret);
  // The first seeded player is the simulator's own, whom ADMIN_MEMBERSHIP_IDS names below.
  adminCookie = cookies[0]!;
  const env = {
    AUTH_URL: appUrl, AUTH_SECRET: authSecret, BUNGIE_SIMULATOR_URL: simServer.url, DATA_DIR: dataDir,
    ADMIN_MEMBERSHIP_IDS: sim.world.player.bungieMembershipId, MANIFEST_REFRESH_MINUTES: '1440', EMBEDDED_DB_FSYNC: FSYNC,
    // Durability, not the limiter: four writers from one address save loadouts as fast as they can.
    RATE_LIMIT_PLAYER: '0', RATE_LIMIT_IP: '0',
  };
  const start = async () => {
    const at = Date.now();
    const app = await startApp({ port, env, logFile });
    return { app, ms: Date.now() - at };
  };
  let app: AppServer | undefined;
  const failures: string[] = [];
  try {
    ({ app } = await start());
    await waitFor(() => hasManifest(appUrl), 180_000, `the app did not ingest the first manifest within 180 s (see ${logFile}).`);
    const characterId = sim.world.characters[0]!.characterId;
    const writers = cookies.map((cookie, i) => new LoadoutWriter(appUrl, cookie, characterId, `p${i}`, prng(SEED + i + 1)));

    // 1. Kills under a stream of writes.
    const rows: string[] = [];
    const restarts: number[] = [];
    let lostTotal = 0;
    let phantomTotal = 0;
    for (let cycle = 1; cycle <= CYCLES; cycle++) {
      let running = true;
      const before = writers.reduce((n, w) => n + w.acknowledged, 0);
      const writing = Promise.all(writers.map((w) => w.run(() => running)));
      await new Promise((r) => setTimeout(r, between(1500, 5000)));
      app!.process.kill('SIGKILL');
      running = false;
      await writing;
      const acked = writers.reduce((n, w) => n + w.acknowledged, 0) - before;
      const restarted = await start();
      app = restarted.app;
      restarts.push(restarted.ms);
      const verdicts = await Promise.all(writers.map((w) => w.verify()));
      const lost = verdicts.flatMap((v) => v.lost);
      const phantom = verdicts.flatMap((v) => v.phantom);
      const sessionsLost = verdicts.reduce((n, v) => n + v.sessionsLost, 0);
      lostTotal += lost.length;
      phantomTotal += phantom.length;
      if (lost.length + phantom.length + sessionsLost > 0) failures.push(`cycle ${cycle}: lost ${lost.join(', ') || '0'}; phantom ${phantom.join(', ') || '0'}; sessions lost ${sessionsLost}`);
      rows.push(`| ${cycle} | ${acked} | ${lost.length} | ${phantom.length} | ${PLAYERS - sessionsLost}/${PLAYERS} | ${(restarted.ms / 1000).toFixed(1)} s |`);
      log(`cycle ${cycle}: ${acked} acknowledged writes, ${lost.length} lost, ${phantom.length} phantom, restart ${restarted.ms} ms`);
    }

    // 2. Killed mid-ingest of a new manifest.
    const old = (await status(appUrl))!.current!.version;
    const published = sim.controls.publishManifest({ modify: 200, add: 50 }).version;
    const asked = await fetch(`${appUrl}/api/manifest/revalidate`, {
      method: 'POST', headers: { cookie: cookies[0]!, origin: appUrl, 'content-type': 'application/json' }, body: '{}',
    });
    if (asked.status !== 202) throw new Error(`Refresh now answered ${asked.status}: ${await asked.text()}`);
    let written = 0;
    let servedOld = true;
    await waitFor(async () => {
      const s = await status(appUrl);
      if (s && s.current?.version !== old) servedOld = false;
      written = s?.running?.progress.phase === 'writing' ? s.running.progress.definitionsWritten : 0;
      return written > 0 || !servedOld;
    }, 120_000, 'the refresh never reached its writing phase.');
    if (!servedOld) throw new Error('the ingest finished before it could be killed; raise the manifest size.');
    app!.process.kill('SIGKILL');
    const spawnAt = Date.now();
    const restarted = await start();
    app = restarted.app;
    let oldServedAfter = 0;
    await waitFor(async () => {
      const s = await status(appUrl);
      if (s?.current?.version === old) oldServedAfter++;
      return s?.current?.version === published;
    }, 120_000, `the new manifest was not current within 120 s of the restart (see ${logFile}).`);
    const toNewMs = Date.now() - spawnAt;
    const killedRun = (await status(appUrl))!.history.find((r) => r.outcome === 'failed');
    if (toNewMs - restarted.ms > NEW_VERSION_WITHIN_MS) failures.push(`new manifest current ${toNewMs} ms after the restart (limit ${NEW_VERSION_WITHIN_MS} ms after its first answer)`);
    if (!killedRun?.error?.includes('lease lapsed')) failures.push('the killed refresh is not marked failed in the history');

    // 3. A clean stop, then a start that must not recover.
    const logBefore = fs.statSync(logFile).size;
    await app!.stop();
    const clean = await start();
    app = clean.app;
    const startLog = fs.readFileSync(logFile, 'utf8').slice(logBefore);
    const cleanStart = startLog.includes('opened after a clean stop');
    if (!cleanStart) failures.push('after SIGTERM the next start ran crash recovery');

    const acknowledged = writers.reduce((n, w) => n + w.acknowledged, 0);
    const sorted = [...restarts].sort((a, b) => a - b);
    console.log(`\n### Crash drill (seed ${SEED}, fsync ${FSYNC}, ${PLAYERS} writers)\n`);
    console.log('| cycle | acknowledged writes | lost | phantom | sessions kept | restart to first answer |\n| --- | --- | --- | --- | --- | --- |');
    for (const row of rows) console.log(row);
    console.log(`| **all ${CYCLES}** | **${acknowledged}** | **${lostTotal}** | **${phantomTotal}** | | median ${(sorted[Math.floor(sorted.length / 2)]! / 1000).toFixed(1)} s, max ${(sorted.at(-1)! / 1000).toFixed(1)} s |`);
    console.log(`\nMid-ingest kill: killed after ${written} definitions written; old version ${old} served ${oldServedAfter} times after the restart;`);
    console.log(`new version ${published} current ${(toNewMs / 1000).toFixed(1)} s after the restart (first answer after ${(restarted.ms / 1000).toFixed(1)} s); killed run: "${killedRun?.error ?? 'not found'}".`);
    console.log(`Clean stop (SIGTERM): next start ${cleanStart ? 'ran no crash recovery' : 'RAN CRASH RECOVERY'}, first answer after ${(clean.ms / 1000).toFixed(1)} s.`);
    console.log(`Drill took ${((Date.now() - started) / 1000).toFixed(0)} s.`);
  } finally {
    await app?.stop().catch(() => undefined);
    await simServer.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  if (failures.length > 0) {
    for (const failure of failures) log(`FAILED: ${failure}`);
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  log(`FAILED: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
