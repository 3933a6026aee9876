/**
 * `npm run bench:cost`: what a month of the stated usage profile (bench/cost-model.ts PROFILE:
 * 50 players, an hour a day each with the vault open and its 30 s refresh, 20 actions a day; the
 * 5-minute checks; a manifest change and a Xûr digest a week) would bill on each free tier.
 *
 * Compressed time, said plainly: the month is not replayed. The app runs as dev:cloud runs it
 * (two `next start` instances behind the round-robin proxy, Upstash bridge, QStash emulator,
 * Bungie simulator, PostgreSQL behind a counting TCP proxy), and each unit of the profile — a
 * vault page, a 30 s poll (really 30 s after the last, so no short-lived guard hides a Bungie
 * call), an item action, an unchanged check, a changed check (a new manifest ingested), a digest —
 * is run a few times and its cost measured from the counters: Upstash commands and bytes (bridge),
 * QStash messages (emulator; retries count), function invocations (round-robin proxy: every
 * non-static request runs a function and the proxy), CPU seconds of the instances (/proc; less
 * what they spend while the bench waits between a player's polls: Vercel bills only running code),
 * Postgres queries (counting proxy: each simple query and each extended-protocol execute) and
 * Bungie calls (simulator). Per-unit costs × the profile's monthly counts give the table; Neon's
 * awake hours come from a month-long minute timeline of the units that query Postgres.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { startQstashEmulator } from '../dev/qstash-emulator/index';
import { newSigningKey } from '../dev/qstash-emulator/sign';
import { hasManifest, waitFor } from '../dev/services/ports';
import { startStack, type Stack } from '../dev/services/stack';
import { DIGEST_SCHEDULE_ID, REFRESH_SCHEDULE_ID } from '../lib/qstash/client';
import { type Metric, type Unit, type UnitCosts } from './cost-model';
import { printTable } from './cost-table';
import { seedPlayers } from '../dev/services/seed-players';

const PLAYERS = 5;
const POLL_ROUNDS = 2;
const POLL_GAP_MS = 30_000;
const ACTIONS_EACH = 4;
const UNCHANGED_CHECKS = 6;
const AUTH_SECRET = 'bench-cost-secret-bench-cost-secret-0001';
const root = path.resolve(import.meta.dirname, '..');
const log = (line: string) => console.error(`[bench] ${line}`);
const cleanups: Array<() => Promise<unknown>> = [];

/** CPU seconds (user + system) of a process and its descendants, from /proc. */
function cpuSeconds(pids: number[]): number {
  const stats = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)).flatMap((pid) => {
    try {
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
      return [{ pid: Number(pid), ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) }];
    } catch {
      return [];
    }
  });
  const tree = new Set(pids);
  for (let grew = true; grew; ) {
    grew = false;
    for (const s of stats) if (tree.has(s.ppid) && !tree.has(s.pid)) grew = Boolean(tree.add(s.pid));
  }
  return stats.filter((s) => tree.has(s.pid)).reduce((n, s) => n + s.ticks, 0) / 100;
}

type Counters = Record<Metric, number>;

function snapshot(stack: Stack, qstashMessages: () => number): Counters {
  const bridge = stack.bridgeCounters();
  const proxy = stack.proxy!.counters();
  return {
    redisCommands: bridge.commands,
    redisBytes: bridge.bytesIn + bridge.bytesOut,
    qstashMessages: qstashMessages(),
    invocations: proxy.functions + proxy.proxy,
    cpuSeconds: cpuSeconds(stack.instances.map((i) => i.server.process.pid!)),
    postgresQueries: stack.postgresCounter!.counts().queries,
    bungieCalls: stack.sim.stats.total,
  };
}

/** Waits until nothing reaches Redis or Postgres for 1.5 s (background work after an answer). */
async function settle(stack: Stack): Promise<void> {
  let last = '';
  for (let quiet = 0; quiet < 3; ) {
    await new Promise((r) => setTimeout(r, 500));
    const now = `${stack.bridgeCounters().commands}/${stack.postgresCounter!.counts().queries}`;
    quiet = now === last ? quiet + 1 : 0;
    last = now;
  }
}

async function main(): Promise<void> {
  const keys = { token: newSigningKey(), current: newSigningKey(), next: newSigningKey() };
  const qstash = await startQstashEmulator({ token: keys.token, currentSigningKey: keys.current, log: () => undefined });
  cleanups.push(qstash.close);
  const webhook = http.createServer((req, res) => req.resume().on('end', () => res.writeHead(204).end()));
  await new Promise<void>((r) => webhook.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise((r) => webhook.close(r)));

  const stack = await startStack({
    log,
    database: `vault_raider_bench_cost_${Date.now()}`,
    build: true,
    instances: 2,
    countPostgres: true,
    simLatencyMs: 0,
    app: {
      authSecret: AUTH_SECRET,
      logFile: path.join(root, '.data/bench/cost-app.log'),
      simPlayerIsAdmin: true,
      env: {
        QSTASH_URL: qstash.url, QSTASH_TOKEN: keys.token, QSTASH_CURRENT_SIGNING_KEY: keys.current, QSTASH_NEXT_SIGNING_KEY: keys.next,
        NOTIFY_WEBHOOK_URL: `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/digest`, LOG_LEVEL: 'warn',
      },
    },
  });
  cleanups.push(stack.stop);
  // Not spawnSync: the QStash emulator it talks to runs in this process's event loop.
  const sync = spawn(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), '--conditions=react-server', 'scripts/schedules-sync.ts'], { cwd: root, env: { ...process.env, ...stack.env }, stdio: ['ignore', 'ignore', 'inherit'] });
  if ((await new Promise((r) => sync.once('exit', r))) !== 0) throw new Error('schedules:sync failed.');
  log('first check: ingesting the manifest through QStash …');
  await qstash.trigger(REFRESH_SCHEDULE_ID);
  await waitFor(() => hasManifest(stack.appUrl), 180_000, 'the first check did not ingest the manifest within 180 s.');
  const cookies = await seedPlayers(stack.databaseUrl, stack.sim, PLAYERS, AUTH_SECRET);
  await settle(stack);

  // What the two instances spend while the bench waits (a poll's 30 s before it: Node's and Next's
  // timers, the garbage collector) is CPU Vercel's active-CPU meter never bills — a function there
  // runs only while it answers. `wait` measures it and each unit's CPU leaves it out; the raw
  // figure is logged beside it.
  const instancesCpu = () => cpuSeconds(stack.instances.map((i) => i.server.process.pid!));
  let waitedCpu = 0;
  const wait = async (ms: number) => {
    const from = instancesCpu();
    await new Promise((r) => setTimeout(r, ms));
    waitedCpu += instancesCpu() - from;
  };

  const costs = {} as UnitCosts;
  const failures: string[] = [];
  const measure = async (unit: Unit, run: () => Promise<number>) => {
    const before = snapshot(stack, () => qstash.counters().messages);
    const waitedBefore = waitedCpu;
    const count = await run();
    await settle(stack);
    const after = snapshot(stack, () => qstash.counters().messages);
    costs[unit] = Object.fromEntries((Object.keys(before) as Metric[]).map((m) => [m, (after[m] - before[m]) / count])) as Record<Metric, number>;
    const raw = costs[unit].cpuSeconds;
    costs[unit].cpuSeconds = (after.cpuSeconds - before.cpuSeconds - (waitedCpu - waitedBefore)) / count;
    log(`${unit}: ${JSON.stringify(costs[unit])} (CPU s with the waits: ${raw.toFixed(3)})`);
  };
  const get = async (url: string, cookie: string, headers: Record<string, string> = {}) => {
    const answer = await fetch(`${stack.appUrl}${url}`, { headers: { cookie, ...headers } });
    await answer.arrayBuffer();
    if (answer.status >= 400) failures.push(`${url}: HTTP ${answer.status}`);
    return answer;
  };

  const items = stack.sim.world.items.filter((i) => i.itemInstanceId && i.owner === 'vault').slice(0, cookies.length);
  const lockRequest = (url: string, cookie: string, item: (typeof items)[number]) =>
    fetch(url, {
      method: 'POST',
      headers: { cookie, origin: new URL(stack.appUrl).origin, 'content-type': 'application/json' },
      body: JSON.stringify({ itemId: item.itemInstanceId, itemHash: item.itemHash, locked: !item.locked }),
    });
  // The first page, poll and action an instance serves load and compile their routes' code: measured
  // apart (straight to each instance), as what a session that lands on a cold instance pays once.
  await measure('coldStart', async () => {
    for (const instance of stack.instances) {
      const statuses: number[] = [];
      const requests = [
        () => fetch(`${instance.url}/vault`, { headers: { cookie: cookies[0]! } }),
        () => fetch(`${instance.url}/api/profile`, { headers: { cookie: cookies[0]! } }),
        () => lockRequest(`${instance.url}/api/items/lock`, cookies[0]!, items[0]!),
      ];
      for (const request of requests) {
        const done = await request();
        await done.arrayBuffer();
        statuses.push(done.status);
      }
      if (statuses.some((s) => s !== 200)) failures.push(`cold start on instance ${instance.index}: HTTP ${statuses.join(' / ')}`);
    }
    return stack.instances.length;
  });
  // Sent straight to the instances, past the proxy's counter: each is two invocations (proxy and route) like any other.
  costs.coldStart.invocations = 2 * 3;
  // A session's start: the page, then its first poll (no ETag yet; it caches the session, see lib/auth/session-cache.ts)
  // and the tags list read it brings (which version the rendered tiles are is not known to the page).
  const etags = new Map<string, string>();
  const marksEtags = new Map<string, string>();
  await measure('page', async () => {
    for (const cookie of cookies) {
      await get('/vault', cookie);
      etags.set(cookie, (await get('/api/profile', cookie)).headers.get('etag') ?? '');
      marksEtags.set(cookie, (await get('/api/annotations', cookie)).headers.get('etag') ?? '');
    }
    return cookies.length;
  });
  await measure('poll', async () => {
    for (let round = 0; round < POLL_ROUNDS; round++) {
      await wait(POLL_GAP_MS);
      for (const cookie of cookies) {
        const answer = await get('/api/profile', cookie, etags.has(cookie) ? { 'if-none-match': etags.get(cookie)! } : {});
        etags.set(cookie, answer.headers.get('etag') ?? '');
        // The version it names is the list's the page holds: no /api/annotations request follows.
        if (`"m${answer.headers.get('x-marks-version')}"` !== marksEtags.get(cookie)) failures.push(`a poll named tags version ${answer.headers.get('x-marks-version')}, the page holds ${marksEtags.get(cookie)}`);
      }
    }
    return POLL_ROUNDS * cookies.length;
  });
  // The page's tags and notes read again (components/inventory/use-annotations.ts): only when a poll names a
  // version that is not its list's — after a tag change. The browser then sends the list's old ETag, which
  // no longer matches: a 200 with the list. Measured with an ETag of a version the server does not hold
  // (what a changed version looks like to the route), so the tag writes themselves are not in the figure.
  await measure('marksPoll', async () => {
    for (let round = 0; round < POLL_ROUNDS; round++) {
      for (const cookie of cookies) {
        const answer = await get('/api/annotations', cookie, { 'if-none-match': `"m${round}-before-a-tag-change"` });
        if (answer.status !== 200 || answer.headers.get('etag') !== marksEtags.get(cookie)) failures.push(`the tags list after a change: HTTP ${answer.status}, ETag ${answer.headers.get('etag')}`);
      }
    }
    return POLL_ROUNDS * cookies.length;
  });
  await measure('action', async () => {
    for (let n = 0; n < ACTIONS_EACH; n++) {
      for (const [p, cookie] of cookies.entries()) {
        const answer = await lockRequest(`${stack.appUrl}/api/items/lock`, cookie, items[p]!);
        if (answer.status !== 200) failures.push(`lock: HTTP ${answer.status} ${await answer.text()}`);
        else await answer.arrayBuffer();
      }
    }
    return ACTIONS_EACH * cookies.length;
  });
  await measure('checkUnchanged', async () => {
    for (let n = 0; n < UNCHANGED_CHECKS; n++) await qstash.trigger(REFRESH_SCHEDULE_ID);
    return UNCHANGED_CHECKS;
  });
  await measure('checkChanged', async () => {
    stack.sim.controls.publishManifest();
    await qstash.trigger(REFRESH_SCHEDULE_ID);
    return 1;
  });
  await measure('digest', async () => {
    await qstash.trigger(DIGEST_SCHEDULE_ID);
    return 1;
  });
  const failed = qstash.deliveries().filter((d) => d.state !== 'delivered');
  for (const d of failed) failures.push(`QStash delivery to ${d.url}: ${d.status ?? d.error} ${d.answer ?? ''}`);
  printTable(costs, { itemDefinitions: stack.sim.manifest.tables.get('DestinyInventoryItemDefinition')?.size, failures });
}

main()
  .catch((error: unknown) => {
    console.error(`[bench] ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  })
  .finally(async () => {
    while (cleanups.length > 0) await cleanups.pop()!().catch(() => undefined);
  });
