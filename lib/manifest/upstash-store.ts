import 'server-only';
import { Redis } from '@upstash/redis';
import { CHECK_LOG_SIZE, parseCheckRecord, type CheckRecord } from './check-log';
import { parseDefinition, pointerSchema } from './schemas';
import { newLockToken, newVersionId, type CheckLog, type DefinitionLookup, type ManifestStore, type StoreLock } from './store';
import { TABLE_NAMES, type DefinitionTables, type ManifestPointer, type TableName } from './types';

/** Options of `createUpstashStore`. */
export type UpstashStoreOptions = {
  url: string;
  token: string;
  /** Prefix of every key (default "vr:manifest:"); tests give each file its own. */
  prefix?: string;
  /** Most bytes of JSON per HTTP request (default 900 KB: Upstash refuses requests over 1 MB). */
  maxRequestBytes?: number;
};

const REQUEST_TIMEOUT_MS = 10_000;

// A snapshot read (pointer + one HMGET) tries the version last seen first; after a flip the
// pointer names another version and the read is repeated once for it. Plain commands in a
// MULTI/EXEC, so the pointer and the definitions come from one moment: no Lua (Upstash runs
// scripts with keys built at run time under a global lock, and its Lua's cjson is disputed).
const SNAPSHOT_TRIES = 3;

// Only the holder (same token) may release or extend a lock, or write its note. Plain commands on
// the declared keys — the lock and its note (no cjson, no undeclared keys): Upstash runs such
// scripts without its global script lock. The note expires with the lock.
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1], KEYS[2]) end return 0`;
const EXTEND = `if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('PEXPIRE', KEYS[2], ARGV[2]) return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;
// The check log: KEYS[1] the pointer (read, when KEYS has two), the last KEYS the log; ARGV[1] the
// entry, ARGV[2] the last index kept. One billed command where GET + LPUSH + LTRIM were three.
const LOG_CHECK = `local log = KEYS[#KEYS]
redis.call('LPUSH', log, ARGV[1])
redis.call('LTRIM', log, 0, ARGV[2])
if #KEYS == 2 then return redis.call('GET', KEYS[1]) end
return false`;
const NOTE = `if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[2], ARGV[2], 'PX', redis.call('PTTL', KEYS[1])) return 1 end return 0`;

/**
 * The Upstash Redis manifest store. Keys: `<prefix>current` (the pointer, JSON),
 * `<prefix>versions` (a set of storage ids), `<prefix>v:<id>:<table>` (one hash per table:
 * unsigned hash → compact JSON), `<prefix>lock:<name>` and its note `<prefix>lock:<name>:note`,
 * `<prefix>checks` (the check log: a list of JSON entries, newest first, capped).
 */
export function createUpstashStore(options: UpstashStoreOptions): ManifestStore {
  // No automatic JSON parsing: values are parsed and validated here, once.
  // When Upstash is down a page must not wait long (readers then fall back to the process's copy,
  // see definitions.ts): two quick retries of a network failure instead of the client's ~4 s of
  // back-off, and no request past 10 s (a hung connection is not retried).
  const redis = new Redis({
    url: options.url,
    token: options.token,
    automaticDeserialization: false,
    // Values as JSON strings, not base64: the client decodes base64 a character at a time (with a
    // TextDecoder per string), which on a first read of a page's definitions is hundreds of KB.
    // Every value here is UTF-8 JSON text, which JSON carries as is.
    responseEncoding: false,
    enableTelemetry: false,
    retry: { retries: 2, backoff: (attempt) => 100 * 2 ** attempt },
    signal: () => AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const prefix = options.prefix ?? 'vr:manifest:';
  const maxBytes = options.maxRequestBytes ?? 900 * 1024;
  const currentKey = `${prefix}current`;
  const versionsKey = `${prefix}versions`;
  const checksKey = `${prefix}checks`;
  const tableKey = (versionId: string, table: TableName) => `${prefix}v:${versionId}:${table}`;
  // The version the last snapshot read saw: the next read asks for its definitions in the same round trip.
  let lastVersionId: string | undefined;

  function decode<T extends TableName>(table: T, hashes: readonly number[], values: readonly (string | null)[]) {
    const definitions = new Map<number, DefinitionTables[T]>();
    hashes.forEach((hash, i) => {
      const value = values[i];
      if (value !== null && value !== undefined) definitions.set(hash, parseDefinition(table, JSON.parse(value)));
    });
    return definitions;
  }

  const checkLog: CheckLog = {
    async currentRecording(check: CheckRecord) {
      // One command: the pointer read, and the check pushed onto the capped log.
      const raw = (await redis.eval(LOG_CHECK, [currentKey, checksKey], [JSON.stringify(check), String(CHECK_LOG_SIZE - 1)])) as string | null;
      return raw === null ? null : pointerSchema.parse(JSON.parse(raw));
    },
    async withdraw(check: CheckRecord) {
      await redis.lrem(checksKey, 1, JSON.stringify(check));
    },
    async record(check: CheckRecord) {
      await redis.eval(LOG_CHECK, [checksKey], [JSON.stringify(check), String(CHECK_LOG_SIZE - 1)]);
    },
    async recent(limit: number) {
      if (limit <= 0) return [];
      const raw = await redis.lrange<string>(checksKey, 0, limit - 1);
      return raw.flatMap((entry) => parseCheckRecord(entry) ?? []);
    },
  };

  return {
    kind: 'upstash',
    checkLog,

    async current() {
      const raw = await redis.get<string>(currentKey);
      return raw === null ? null : pointerSchema.parse(JSON.parse(raw));
    },

    async getMany<T extends TableName>(table: T, hashes: readonly number[]): Promise<DefinitionLookup<T>> {
      const unique = [...new Set(hashes)];
      for (let attempt = 1; ; attempt++) {
        const guess = lastVersionId;
        const tx = redis.multi().get(currentKey);
        if (guess !== undefined && unique.length > 0) tx.hmget(tableKey(guess, table), ...unique.map(String));
        // Without automatic deserialization HMGET's reply is the raw array of values.
        const [ptr, values] = (await tx.exec()) as [string | null, (string | null)[] | null | undefined];
        if (ptr === null) return { pointer: null, definitions: new Map() };
        const pointer = pointerSchema.parse(JSON.parse(ptr));
        lastVersionId = pointer.versionId;
        if (unique.length === 0) return { pointer, definitions: new Map() };
        if (pointer.versionId === guess) return { pointer, definitions: decode(table, unique, values ?? []) };
        if (attempt >= SNAPSHOT_TRIES) throw new Error('The manifest pointer kept moving while definitions were read.');
      }
    },

    async getManyFromVersion<T extends TableName>(versionId: string, table: T, hashes: readonly number[]) {
      const unique = [...new Set(hashes)];
      if (unique.length === 0) return new Map<number, DefinitionTables[T]>();
      // Without automatic deserialization the client hands HMGET's reply back as the raw array.
      const values = (await redis.hmget(tableKey(versionId, table), ...unique.map(String))) as unknown as (string | null)[] | null;
      return decode(table, unique, values ?? []);
    },

    async createVersion() {
      const versionId = newVersionId();
      await redis.sadd(versionsKey, versionId);
      return versionId;
    },

    async writeBatch<T extends TableName>(versionId: string, table: T, definitions: readonly DefinitionTables[T][]) {
      const key = tableKey(versionId, table);
      // Split into HTTP requests of at most maxBytes of JSON, each holding one or more HSETs.
      let pipeline = redis.pipeline();
      let fields: Record<string, string> = {};
      let fieldCount = 0;
      let requestBytes = key.length + 32;
      const flushFields = () => {
        if (fieldCount > 0) pipeline.hset(key, fields);
        fields = {};
        fieldCount = 0;
      };
      const flushRequest = async () => {
        flushFields();
        if (pipeline.length() > 0) await pipeline.exec();
        pipeline = redis.pipeline();
        requestBytes = key.length + 32;
      };
      for (const definition of definitions) {
        const json = JSON.stringify(definition);
        // The value travels as a JSON string inside the JSON body: count its escaped UTF-8 size.
        const size = Buffer.byteLength(JSON.stringify(json)) + 16;
        if (requestBytes + size > maxBytes && fieldCount + pipeline.length() > 0) await flushRequest();
        fields[String(definition.hash)] = json;
        fieldCount++;
        requestBytes += size;
      }
      await flushRequest();
    },

    async activate(pointer: ManifestPointer) {
      await redis.set(currentKey, JSON.stringify(pointerSchema.parse(pointer)));
    },

    async pruneVersions(...keepVersionIds: string[]) {
      const ids = (await redis.smembers(versionsKey)).filter((id) => !keepVersionIds.includes(id));
      if (ids.length === 0) return 0;
      const pipeline = redis.pipeline();
      // UNLINK frees big hashes in the background instead of blocking Redis.
      for (const id of ids) pipeline.unlink(...TABLE_NAMES.map((table) => tableKey(id, table)));
      pipeline.srem(versionsKey, ...ids);
      await pipeline.exec();
      return ids.length;
    },

    async acquireLock(name: string, ttlMs: number): Promise<StoreLock | null> {
      const key = `${prefix}lock:${name}`;
      const keys = [key, `${key}:note`];
      const token = newLockToken();
      const taken = await redis.set(key, token, { nx: true, px: ttlMs });
      if (taken !== 'OK') return null;
      // A note a previous holder left (it expires with its lock, but a hung holder may still write one).
      await redis.del(keys[1]!);
      return {
        release: async () => {
          await redis.eval(RELEASE, keys, [token]);
        },
        extend: async (ms: number) => (await redis.eval<string[], number>(EXTEND, keys, [token, String(ms)])) === 1,
        note: async (text: string) => (await redis.eval<string[], number>(NOTE, keys, [token, text])) === 1,
      };
    },

    async leaseState(name: string) {
      const key = `${prefix}lock:${name}`;
      // One round trip. PTTL: -2 when the key is gone; a lock always has an expiry (SET ... PX).
      const [remainingMs, note] = (await redis.pipeline().pttl(key).get(`${key}:note`).exec()) as [number, string | null];
      return remainingMs > 0 ? { remainingMs, note: note ?? null } : null;
    },

    async close() {},
  };
}
