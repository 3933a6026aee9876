import { vi } from 'vitest';
import { createPrismaClient, type PrismaClient } from '@/lib/db/client';
import { applyMigrations } from '@/lib/db/migrate';
import { createPostgresStore } from '@/lib/manifest/postgres-store';
import type { ManifestStore } from '@/lib/manifest/store';
import { createUpstashStore } from '@/lib/manifest/upstash-store';
import { testBackends } from './postgres';
import { RedisConnection } from '@/dev/upstash-bridge/redis-connection';
import { startTestUpstash } from './redis';

/** A manifest store on a real backend, for one test file. */
export type TestStore = {
  store: ManifestStore;
  /** A second, independent store on the same data (another "process"). */
  another(): ManifestStore;
  /** A Prisma client on a migrated database (ManifestRun lives there in every mode). */
  prisma: PrismaClient;
  /**
   * The storage ids of every version with definitions in the backend, sorted, read from it directly:
   * the distinct version ids of the Redis keys (`<prefix>v:<id>:<table>`), or of the definition rows.
   */
  storedVersions(): Promise<string[]>;
  /** Counts requests to the backend from now on: HTTP requests to the bridge, or SQL statements. */
  countRoundTrips(): { readonly count: number; readonly bodies: readonly string[]; stop(): void };
  stop(): Promise<void>;
};

/** A backend the store suites run against. */
export type StoreBackend = { name: string; create(): Promise<TestStore> };

function countingPrisma(prisma: PrismaClient, counter: { count: number; counting: boolean }): PrismaClient {
  return prisma.$extends({
    query: {
      async $allOperations({ args, query }) {
        if (counter.counting) counter.count++;
        return query(args);
      },
    },
  }) as unknown as PrismaClient;
}

async function postgresBackend(create: () => Promise<{ url: string; drop(): Promise<void> }>, poolSize: number): Promise<TestStore> {
  const database = await create();
  await applyMigrations(database.url);
  const prisma = createPrismaClient(database.url, { poolSize });
  const other = createPrismaClient(database.url, { poolSize });
  const counter = { count: 0, counting: false };
  const counted = countingPrisma(prisma, counter);
  return {
    store: createPostgresStore({ prisma: counted }),
    another: () => createPostgresStore({ prisma: other }),
    prisma,
    async storedVersions() {
      const rows = await prisma.$queryRaw<{ version_id: string }[]>`SELECT DISTINCT version_id FROM manifest_definitions`;
      return rows.map((r) => r.version_id).sort();
    },
    countRoundTrips() {
      counter.count = 0;
      counter.counting = true;
      return { get count() { return counter.count; }, bodies: [], stop: () => { counter.counting = false; } };
    },
    async stop() {
      await prisma.$disconnect();
      await other.$disconnect();
      await database.drop();
    },
  };
}

async function upstashBackend(): Promise<TestStore> {
  const upstash = await startTestUpstash();
  // ManifestRun and friends still live in Postgres in Upstash mode: PGlite is enough here.
  const database = await testBackends[0]!.create();
  await applyMigrations(database.url);
  const prisma = createPrismaClient(database.url, { poolSize: 1 });
  const options = { url: upstash.bridge.url, token: upstash.token, prefix: upstash.prefix };
  return {
    store: createUpstashStore(options),
    another: () => createUpstashStore(options),
    prisma,
    async storedVersions() {
      const connection = await RedisConnection.open(upstash.redisUrl);
      const ids = new Set<string>();
      try {
        let cursor = '0';
        do {
          const [reply] = await connection.send([['SCAN', cursor, 'MATCH', `${upstash.prefix}v:*`, 'COUNT', '1000']]);
          const [next, keys] = reply as [Buffer, Buffer[]];
          cursor = next.toString();
          for (const key of keys) ids.add(key.toString().slice(`${upstash.prefix}v:`.length).split(':')[0]!);
        } while (cursor !== '0');
      } finally {
        connection.close();
      }
      return [...ids].sort();
    },
    countRoundTrips() {
      const bodies: string[] = [];
      const realFetch = globalThis.fetch;
      const spy = vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
        if (String(input instanceof Request ? input.url : input).startsWith(upstash.bridge.url)) bodies.push(String(init?.body ?? ''));
        return realFetch(input, init);
      });
      return { get count() { return bodies.length; }, bodies, stop: () => spy.mockRestore() };
    },
    async stop() {
      await prisma.$disconnect();
      await database.drop();
      await upstash.stop();
    },
  };
}

/** Upstash through the bridge over redis-server, Postgres on PGlite and on real PostgreSQL. */
export const storeBackends: readonly StoreBackend[] = [
  { name: 'Upstash (REST bridge → redis-server)', create: upstashBackend },
  ...testBackends.map((b) => ({ name: `Postgres (${b.name})`, create: () => postgresBackend(b.create, b.sharedSession ? 1 : 4) })),
];
