/**
 * One driver's run of `npm run bench:manifest`, in its own process so its peak RSS is the
 * refresh's alone (the simulator, Redis and Postgres live elsewhere). Prints one JSON line.
 * Environment: BENCH_DRIVER (upstash | postgres), BENCH_DATABASE_URL, BENCH_UPSTASH_URL,
 * BENCH_UPSTASH_TOKEN, BENCH_UPSTASH_PREFIX, BENCH_HASHES_FILE (JSON array of item hashes), BUNGIE_SIMULATOR_URL;
 * BENCH_PROFILE=1 prints where the memory is, phase by phase, on stderr.
 */
import { readFileSync } from 'node:fs';
import { createPrismaClient, type PrismaClient } from '@/lib/db/client';
import { createPostgresStore } from '@/lib/manifest/postgres-store';
import { refreshManifest } from '@/lib/manifest/refresh';
import type { ManifestStore } from '@/lib/manifest/store';
import { createUpstashStore } from '@/lib/manifest/upstash-store';

const env = (name: string) => process.env[name] ?? '';
const LOOKUPS = 100;

/** Counts fetches to an origin from now on. */
function countFetches(origin: string): { readonly count: number } {
  const counter = { count: 0 };
  const real = globalThis.fetch;
  globalThis.fetch = (input, init) => {
    if (String(input instanceof Request ? input.url : input).startsWith(origin)) counter.count++;
    return real(input, init);
  };
  return counter;
}

const prisma = createPrismaClient(env('BENCH_DATABASE_URL'), { poolSize: 4 });
const statements = { count: 0 };
const counted = prisma.$extends({ query: { async $allOperations({ args, query }) { statements.count++; return query(args); } } }) as unknown as PrismaClient;
const store: ManifestStore = env('BENCH_DRIVER') === 'upstash'
  ? createUpstashStore({ url: env('BENCH_UPSTASH_URL'), token: env('BENCH_UPSTASH_TOKEN'), prefix: env('BENCH_UPSTASH_PREFIX') || undefined })
  : createPostgresStore({ prisma: counted });
const bungie = countFetches(env('BUNGIE_SIMULATOR_URL'));
const bridge = countFetches(env('BENCH_UPSTASH_URL') || 'no-bridge');

/** The kernel's high-water mark of this process's resident set (VmHWM), in bytes. */
function peakRss(): number {
  const line = readFileSync('/proc/self/status', 'utf8').split('\n').find((l) => l.startsWith('VmHWM:'));
  return line ? Number(line.replace(/\D+/g, '')) * 1024 : process.resourceUsage().maxRSS * 1024;
}
const baseRss = process.memoryUsage().rss;
const cpuBefore = process.cpuUsage();
let started = performance.now();
// BENCH_PROFILE=1: where the memory is, phase by phase (peak RSS so far, JS heap, buffers outside it).
const profile = process.env.BENCH_PROFILE === '1';
const phases = new Map<string, { rss: number; heap: number; external: number; buffers: number; at: number }>();
let phase = 'start';
const note = () => {
  const m = process.memoryUsage();
  const seen = phases.get(phase);
  if (!seen || m.rss > seen.rss) phases.set(phase, { rss: m.rss, heap: m.heapUsed, external: m.external, buffers: m.arrayBuffers, at: Math.round(performance.now() - started) });
};
const sampler = profile ? setInterval(note, 20) : undefined;
const ingest = await refreshManifest({
  store, prisma, trigger: 'bench',
  onProgress: (p) => {
    if (!profile) return;
    note();
    phase = p.phase === 'writing' ? `writing ${p.table}` : p.phase;
    note();
  },
});
const ingestMs = performance.now() - started;
// CPU time of this process alone (user + system): what the ingest costs whatever else the machine runs.
const cpu = process.cpuUsage(cpuBefore);
const ingestPeak = peakRss();
clearInterval(sampler);
if (profile) {
  const m = (n: number) => `${Math.round(n / 1024 / 1024)}`;
  console.error(`[profile] ${env('BENCH_DRIVER')}: start rss ${m(baseRss)} MB; peak (VmHWM) ${m(ingestPeak)} MB`);
  for (const [name, v] of phases) console.error(`[profile]   ${name.padEnd(20)} t=${v.at} ms rss ${m(v.rss)} heap ${m(v.heap)} external ${m(v.external)} arrayBuffers ${m(v.buffers)} (MB)`);
}
if (ingest.outcome !== 'updated') throw new Error(`expected a full ingest, got ${ingest.outcome}`);

const bungieBefore = bungie.count;
started = performance.now();
const check = await refreshManifest({ store, prisma, trigger: 'bench' });
const checkMs = performance.now() - started;
if (check.outcome !== 'unchanged') throw new Error(`expected no change, got ${check.outcome}`);

// Hashes of the manifest's items (a file the parent wrote: too many for an environment variable).
const pointer = await store.current();
const hashes = JSON.parse(readFileSync(env('BENCH_HASHES_FILE'), 'utf8')) as number[];
const times: number[] = [];
let trips = 0;
for (let i = 0; i < LOOKUPS; i++) {
  const pick = Array.from({ length: 600 }, () => hashes[Math.floor(Math.random() * hashes.length)]!);
  const before = env('BENCH_DRIVER') === 'upstash' ? bridge.count : statements.count;
  const t0 = performance.now();
  const { definitions } = await store.getMany('items', pick);
  times.push(performance.now() - t0);
  trips = Math.max(trips, (env('BENCH_DRIVER') === 'upstash' ? bridge.count : statements.count) - before);
  if (definitions.size === 0) throw new Error('lookup found nothing');
}
times.sort((a, b) => a - b);

console.log(JSON.stringify({
  version: pointer?.version,
  definitions: ingest.definitionsWritten,
  items: ingest.counts.items,
  ingestMs: Math.round(ingestMs),
  ingestCpuMs: Math.round((cpu.user + cpu.system) / 1000),
  peakRssMb: Math.round(ingestPeak / 1024 / 1024),
  checkRequests: bungie.count - bungieBefore,
  checkMs: Math.round(checkMs * 10) / 10,
  lookupTrips: trips,
  lookupP50Ms: Math.round(times[Math.floor(LOOKUPS / 2)]! * 10) / 10,
  lookupP90Ms: Math.round(times[Math.floor(LOOKUPS * 0.9)]! * 10) / 10,
}));
await prisma.$disconnect();
process.exit(0);

