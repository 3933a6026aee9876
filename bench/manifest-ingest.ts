/**
 * One driver's run of `npm run bench:manifest`, in its own process so its peak RSS is the
 * refresh's alone (the simulator, Redis and Postgres live elsewhere). Prints one JSON line.
 * Environment: BENCH_DRIVER (upstash | postgres), BENCH_DATABASE_URL, BENCH_UPSTASH_URL,
 * BENCH_UPSTASH_TOKEN, BENCH_HASHES_FILE (JSON array of item hashes), BUNGIE_SIMULATOR_URL.
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
  ? createUpstashStore({ url: env('BENCH_UPSTASH_URL'), token: env('BENCH_UPSTASH_TOKEN') })
  : createPostgresStore({ prisma: counted });
const bungie = countFetches(env('BUNGIE_SIMULATOR_URL'));
const bridge = countFetches(env('BENCH_UPSTASH_URL') || 'no-bridge');

let peak = process.memoryUsage().rss;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
let started = performance.now();
const ingest = await refreshManifest({ store, prisma, trigger: 'bench' });
const ingestMs = performance.now() - started;
clearInterval(sampler);
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
  peakRssMb: Math.round(peak / 1024 / 1024),
  checkRequests: bungie.count - bungieBefore,
  checkMs: Math.round(checkMs * 10) / 10,
  lookupTrips: trips,
  lookupP50Ms: Math.round(times[Math.floor(LOOKUPS / 2)]! * 10) / 10,
  lookupP90Ms: Math.round(times[Math.floor(LOOKUPS * 0.9)]! * 10) / 10,
}));
await prisma.$disconnect();
process.exit(0);

