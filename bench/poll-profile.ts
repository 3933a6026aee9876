/**
 * Where a poll's CPU goes (issue #15): two instances as bench:cost runs them; the instances' CPU
 * (from /proc) while idle for 30 s, then over back-to-back /api/profile polls with and without the
 * previous ETag, and over /api/annotations. A diagnostic for bench:cost's poll row, not a figure
 * of its own: `npx tsx --conditions=react-server bench/poll-profile.ts`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { hasManifest, waitFor } from '../dev/services/ports';
import { seedPlayers } from '../dev/services/seed-players';
import { startStack } from '../dev/services/stack';

const AUTH_SECRET = 'bench-poll-secret-bench-poll-secret-0001';
const POLLS = 40;
const root = path.resolve(import.meta.dirname, '..');
const log = (line: string) => console.error(`[poll] ${line}`);

function cpuSeconds(pids: number[]): number {
  let ticks = 0;
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
      if (pids.includes(Number(pid)) || pids.includes(Number(fields[1]))) ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone
    }
  }
  return ticks / 100;
}

async function main(): Promise<void> {
  const stack = await startStack({
    log, database: `vault_raider_poll_profile_${Date.now()}`, build: true, instances: 2, simLatencyMs: 0,
    app: { authSecret: AUTH_SECRET, logFile: path.join(root, '.data/bench/poll-profile-app.log'), manifestTimeoutMs: 180_000, env: { LOG_LEVEL: 'warn', RATE_LIMIT_PLAYER: '0', RATE_LIMIT_IP: '0' } },
  });
  try {
    await waitFor(() => hasManifest(stack.appUrl), 180_000, 'no manifest');
    const [cookie] = await seedPlayers(stack.databaseUrl, stack.sim, 1, AUTH_SECRET);
    const pids = stack.instances.map((i) => i.server.process.pid!);
    const get = async (url: string, headers: Record<string, string> = {}) => {
      const answer = await fetch(`${stack.appUrl}${url}`, { headers: { cookie: cookie!, ...headers } });
      await answer.arrayBuffer();
      return answer;
    };
    let before = cpuSeconds(pids);
    // The first request of each instance (round robin: two) loads and compiles the route's code.
    for (let i = 0; i < 2; i++) await get('/api/profile');
    log(`first /api/profile of each instance: ${((cpuSeconds(pids) - before) / 2).toFixed(3)} CPU s per request`);
    for (let i = 0; i < 6; i++) await get('/api/profile');
    before = cpuSeconds(pids);
    await new Promise((r) => setTimeout(r, 30_000));
    log(`idle, both instances: ${((cpuSeconds(pids) - before) / 30).toFixed(3)} CPU s per second`);
    const round = async (label: string, url: string, withEtag: boolean) => {
      let etag = (await get(url)).headers.get('etag') ?? '';
      const statuses = new Map<number, number>();
      before = cpuSeconds(pids);
      const started = Date.now();
      for (let i = 0; i < POLLS; i++) {
        const answer = await get(url, withEtag ? { 'if-none-match': etag } : {});
        etag = answer.headers.get('etag') ?? etag;
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      }
      log(`${label}: ${((cpuSeconds(pids) - before) / POLLS).toFixed(3)} CPU s per request, ${((Date.now() - started) / POLLS).toFixed(0)} ms each; statuses ${JSON.stringify([...statuses])}`);
    };
    await round('/api/profile, no ETag', '/api/profile', false);
    await round('/api/profile, previous ETag', '/api/profile', true);
    await round('/api/annotations, previous ETag', '/api/annotations', true);
    await round('/api/settings', '/api/settings', false);
  } finally {
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
