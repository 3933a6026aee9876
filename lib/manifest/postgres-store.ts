import 'server-only';
import type { PrismaClient } from '@/lib/db/client';
import { parseDefinition, pointerSchema } from './schemas';
import { newLockToken, newVersionId, type DefinitionLookup, type ManifestStore, type StoreLock } from './store';
import type { DefinitionTables, ManifestPointer, TableName } from './types';

/** Options of `createPostgresStore`. */
export type PostgresStoreOptions = {
  prisma: PrismaClient;
  /** Rows per INSERT (default 1,000: two array parameters, a few hundred KB). */
  insertBatchSize?: number;
};

const POINTER_ID = 1;

type LookupRow = {
  version_id: string;
  version: string;
  content_path: string;
  counts: unknown;
  activated_at: Date;
  format: number;
  hash: bigint | number | null;
  data: unknown;
};

function toPointer(row: Pick<LookupRow, 'version_id' | 'version' | 'content_path' | 'counts' | 'activated_at' | 'format'>): ManifestPointer {
  return pointerSchema.parse({
    versionId: row.version_id,
    version: row.version,
    contentPath: row.content_path,
    counts: row.counts,
    activatedAt: new Date(row.activated_at).toISOString(),
    format: row.format,
  });
}

/**
 * The Postgres manifest store (Prisma): rows of `manifest_definitions` keyed by
 * (version_id, table_name, hash) with the compact definition as JSONB, and one
 * `manifest_pointer` row naming the current version.
 */
export function createPostgresStore({ prisma, insertBatchSize = 1000 }: PostgresStoreOptions): ManifestStore {
  return {
    kind: 'postgres',

    async current() {
      const row = await prisma.manifestPointer.findUnique({ where: { id: POINTER_ID } });
      return row ? toPointer({ version_id: row.versionId, version: row.version, content_path: row.contentPath, counts: row.counts, activated_at: row.activatedAt, format: row.format }) : null;
    },

    async getMany<T extends TableName>(table: T, hashes: readonly number[]): Promise<DefinitionLookup<T>> {
      const unique = [...new Set(hashes)];
      // One query: the pointer row, LEFT JOINed to the definitions it names, so readers always
      // see one consistent version even while a refresh flips the pointer.
      const rows = await prisma.$queryRaw<LookupRow[]>`
        SELECT p.version_id, p.version, p.content_path, p.counts, p.activated_at, p.format, d.hash, d.data
        FROM manifest_pointer p
        LEFT JOIN manifest_definitions d
          ON d.version_id = p.version_id AND d.table_name = ${table} AND d.hash = ANY(${unique}::bigint[])
        WHERE p.id = ${POINTER_ID}`;
      const first = rows[0];
      if (!first) return { pointer: null, definitions: new Map() };
      const definitions = new Map<number, DefinitionTables[T]>();
      for (const row of rows) if (row.hash !== null) definitions.set(Number(row.hash), parseDefinition(table, row.data));
      return { pointer: toPointer(first), definitions };
    },

    async getManyFromVersion<T extends TableName>(versionId: string, table: T, hashes: readonly number[]) {
      const unique = [...new Set(hashes)];
      const rows = await prisma.$queryRaw<Pick<LookupRow, 'hash' | 'data'>[]>`
        SELECT hash, data FROM manifest_definitions
        WHERE version_id = ${versionId} AND table_name = ${table} AND hash = ANY(${unique}::bigint[])`;
      return new Map(rows.map((row) => [Number(row.hash), parseDefinition(table, row.data)]));
    },

    async createVersion() {
      return newVersionId();
    },

    async writeBatch<T extends TableName>(versionId: string, table: T, definitions: readonly DefinitionTables[T][]) {
      // One INSERT per slice with two array parameters (hashes, JSON texts) unnested server-side:
      // no per-row objects for the query engine to build, so a 60,000-item ingest stays lean.
      for (let i = 0; i < definitions.length; i += insertBatchSize) {
        const slice = definitions.slice(i, i + insertBatchSize);
        const hashes = slice.map((definition) => definition.hash);
        const json = slice.map((definition) => JSON.stringify(definition));
        await prisma.$executeRaw`
          INSERT INTO manifest_definitions (version_id, table_name, hash, data)
          SELECT ${versionId}, ${table}, t.hash, t.data::jsonb
          FROM unnest(${hashes}::bigint[], ${json}::text[]) AS t(hash, data)`;
      }
    },

    async activate(pointer: ManifestPointer) {
      const p = pointerSchema.parse(pointer);
      const data = { versionId: p.versionId, version: p.version, contentPath: p.contentPath, counts: p.counts, activatedAt: new Date(p.activatedAt), format: p.format ?? 1 };
      await prisma.manifestPointer.upsert({ where: { id: POINTER_ID }, create: { id: POINTER_ID, ...data }, update: data });
    },

    async pruneVersions(...keepVersionIds: string[]) {
      const gone = await prisma.$queryRaw<{ version_id: string }[]>`
        SELECT DISTINCT version_id FROM manifest_definitions WHERE NOT (version_id = ANY(${keepVersionIds}::text[]))`;
      if (gone.length === 0) return 0;
      await prisma.manifestDefinition.deleteMany({ where: { versionId: { notIn: keepVersionIds } } });
      return gone.length;
    },

    async acquireLock(name: string, ttlMs: number): Promise<StoreLock | null> {
      const holder = newLockToken();
      // One statement: insert the lock, or take it over only if it has expired. Concurrent
      // callers serialize on the row, so exactly one of them gets a row back.
      const taken = await prisma.$queryRaw<{ holder: string }[]>`
        INSERT INTO manifest_locks (name, holder, expires_at)
        VALUES (${name}, ${holder}, now() + ${ttlMs}::int * interval '1 millisecond')
        ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at, note = NULL
          WHERE manifest_locks.expires_at < now()
        RETURNING holder`;
      if (taken[0]?.holder !== holder) return null;
      return {
        release: async () => {
          await prisma.manifestLock.deleteMany({ where: { name, holder } });
        },
        extend: async (ms: number) => {
          const n = await prisma.$executeRaw`
            UPDATE manifest_locks SET expires_at = now() + ${ms}::int * interval '1 millisecond' WHERE name = ${name} AND holder = ${holder}`;
          return n === 1;
        },
        note: async (text: string) => (await prisma.manifestLock.updateMany({ where: { name, holder }, data: { note: text } })).count === 1,
      };
    },

    async leaseState(name: string) {
      // Measured by the database's clock alone, so a renewal shows even between machines whose clocks differ.
      const rows = await prisma.$queryRaw<{ remaining_ms: number; note: string | null }[]>`
        SELECT (extract(epoch FROM expires_at - now()) * 1000)::int AS remaining_ms, note
        FROM manifest_locks WHERE name = ${name} AND expires_at > now()`;
      return rows[0] ? { remainingMs: Number(rows[0].remaining_ms), note: rows[0].note } : null;
    },

    async close() {},
  };
}
