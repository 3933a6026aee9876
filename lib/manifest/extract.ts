import 'server-only';
import { createRequire } from 'node:module';
import path from 'node:path';
import zlib from 'node:zlib';
import { Unzip, type AsyncFlateStreamHandler, type FlateError, type UnzipDecoder, type UnzipFile } from 'fflate';
import initSqlJs, { type Database, type SqlJsStatic } from 'sql.js';
import { compactDefinition, seasonNumbers, type CompactContext } from './compact';
import { SOURCE_TABLES, TABLE_NAMES, type DefinitionTables, type TableName } from './types';

/** The content file could not be downloaded, was too big, or is not a zipped SQLite manifest. */
export class ManifestContentError extends Error {
  override name = 'ManifestContentError';
}

/** Limits for `downloadManifestDatabase`. */
export type DownloadOptions = {
  /** Give up after this long (default 120 s: Bungie's CDN serves ~30 MB zips). */
  timeoutMs?: number;
  /** Refuse a download larger than this (default 256 MB; Bungie's en zip is ~30 MB). */
  maxDownloadBytes?: number;
  /** Refuse a database larger than this once unzipped (default 1 GB; Bungie's is ~150 MB). */
  maxDatabaseBytes?: number;
  signal?: AbortSignal;
};

const MB = 1024 * 1024;

/**
 * Downloads a `mobileWorldContentPaths` file (a zip holding one SQLite database) and returns
 * the database's bytes. Unzips while downloading, so the zip is never held whole in memory, and
 * the database is written into one buffer of its final size (the only copy: see
 * `openManifestDatabase`).
 */
export async function downloadManifestDatabase(url: string, options: DownloadOptions = {}): Promise<Uint8Array> {
  const maxDownload = options.maxDownloadBytes ?? 256 * MB;
  const maxDatabase = options.maxDatabaseBytes ?? 1024 * MB;
  const timeout = AbortSignal.timeout(options.timeoutMs ?? 120_000);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await fetch(url, { signal, redirect: 'follow', cache: 'no-store' });
  } catch (error) {
    throw new ManifestContentError(`The manifest content could not be downloaded (${(error as Error).message}).`, { cause: error });
  }
  if (!response.ok || !response.body) throw new ManifestContentError(`The manifest content answered HTTP ${response.status}.`);
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > maxDownload) throw new ManifestContentError(`The manifest content is ${declared} bytes, over the ${maxDownload}-byte cap.`);

  const sink = new DatabaseSink(maxDatabase);
  const unzip = new Unzip((file) => sink.open(file));
  unzip.register(NativeInflate);
  let received = 0;
  try {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      received += chunk.length;
      if (received > maxDownload) throw new ManifestContentError(`The manifest content exceeded the ${maxDownload}-byte cap.`);
      unzip.push(chunk);
      sink.check();
    }
    unzip.push(new Uint8Array(0), true);
    // zlib inflates beside the download: wait for its last bytes (or the deadline).
    await sink.settled(signal);
  } catch (error) {
    sink.abort();
    if (error instanceof ManifestContentError) throw error;
    const reason = signal.aborted ? 'timed out or was stopped' : (error as Error).message;
    throw new ManifestContentError(`The manifest content download failed: ${reason}.`, { cause: error });
  }
  return sink.result();
}

/**
 * Inflates a zip entry with Node's zlib (native code, several times faster than fflate's
 * JavaScript inflate: a 250 MB database inflates in about a second instead of many), while
 * fflate still reads the zip's headers. Output arrives asynchronously, in 1 MB pieces.
 */
class NativeInflate implements UnzipDecoder {
  static readonly compression = 8;
  ondata: AsyncFlateStreamHandler = () => undefined;
  private readonly inflate = zlib.createInflateRaw({ chunkSize: 1024 * 1024 });

  constructor() {
    this.inflate.on('data', (chunk: Buffer) => this.ondata(null, chunk as Uint8Array<ArrayBuffer>, false));
    this.inflate.on('end', () => this.ondata(null, new Uint8Array(0), true));
    this.inflate.on('error', (error: Error) => this.ondata(Object.assign(error, { code: 0 }) as FlateError, new Uint8Array(0), true));
  }

  push(chunk: Uint8Array, final: boolean): void {
    // fflate may hand a view of its own buffer: zlib reads it later, so it gets a copy (compressed bytes, small).
    if (chunk.length > 0) this.inflate.write(Buffer.from(chunk));
    if (final) this.inflate.end();
  }

  terminate(): void {
    this.inflate.destroy();
  }
}

/** Collects the single SQLite file of the zip, into one buffer allocated up front when the size is known. */
class DatabaseSink {
  private chunks: Uint8Array[] = [];
  private buffer: Uint8Array | undefined;
  private size = 0;
  private done = false;
  private files = 0;
  private failure: Error | undefined;
  private current: UnzipFile | undefined;
  private wake: (() => void) | undefined;

  constructor(private readonly max: number) {}

  open(file: UnzipFile): void {
    if (++this.files > 1) {
      this.failure ??= new ManifestContentError('The manifest content holds more than one file.');
      file.terminate();
      return;
    }
    if (file.compression !== 0 && file.compression !== NativeInflate.compression) {
      this.failure ??= new ManifestContentError(`The manifest content is compressed with an unknown method (${file.compression}).`);
      return;
    }
    if (file.originalSize && file.originalSize <= this.max) this.buffer = new Uint8Array(file.originalSize);
    this.current = file;
    file.ondata = (err, data, final) => {
      if (err) this.failure ??= new ManifestContentError(`The manifest content is not a valid zip (${err.message}).`);
      else this.append(data);
      if (final) this.done = true;
      if (final || this.failure) this.wake?.();
    };
    file.start();
  }

  check(): void {
    if (this.failure) throw this.failure;
  }

  /** Resolves once the file's last bytes arrived; rejects on a failure or when `signal` aborts. */
  async settled(signal: AbortSignal): Promise<void> {
    while (!this.done && !this.failure && this.current) {
      signal.throwIfAborted();
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        signal.addEventListener('abort', () => resolve(), { once: true });
      });
      this.wake = undefined;
    }
    signal.throwIfAborted();
    this.check();
  }

  /** Stops the inflater and lets go of the bytes (a failed or stopped download). */
  abort(): void {
    this.current?.terminate();
    this.buffer = undefined;
    this.chunks = [];
  }

  result(): Uint8Array {
    this.check();
    if (!this.done) throw new ManifestContentError('The manifest content is not a complete zip of one file.');
    if (this.buffer) return this.size === this.buffer.length ? this.buffer : this.buffer.subarray(0, this.size);
    const out = new Uint8Array(this.size);
    let at = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, at);
      at += chunk.length;
    }
    this.chunks = [];
    return out;
  }

  private append(data: Uint8Array): void {
    if (this.size + data.length > this.max) {
      this.failure ??= new ManifestContentError(`The unzipped manifest exceeds the ${this.max}-byte cap.`);
      return;
    }
    if (this.buffer && this.size + data.length <= this.buffer.length) this.buffer.set(data, this.size);
    else {
      // The header lied about the size: fall back to collecting chunks.
      if (this.buffer) this.chunks.push(this.buffer.subarray(0, this.size));
      this.buffer = undefined;
      this.chunks.push(data);
    }
    this.size += data.length;
  }
}

let sqlJs: Promise<SqlJsStatic> | undefined;

function loadSqlJs(): Promise<SqlJsStatic> {
  if (!sqlJs) {
    // The wasm file sits next to sql.js's main script; resolve it on disk rather than fetch it.
    // Resolved from the working directory at run time: inside a Next.js server bundle
    // `require.resolve` answers a module id (a number), not a path.
    const dir = path.dirname(createRequire(path.join(/*turbopackIgnore: true*/ process.cwd(), 'package.json')).resolve('sql.js'));
    sqlJs = initSqlJs({ locateFile: (file: string) => path.join(dir, file) });
    sqlJs.catch(() => (sqlJs = undefined));
  }
  return sqlJs;
}

/**
 * A view whose `slice()` is another view, not a copy. sql.js puts the bytes it is given into its
 * in-memory file with `data.slice()`; handed one of these, the file IS the downloaded buffer, so
 * a 250 MB database is held once instead of twice. Should a later sql.js copy some other way,
 * this is only a copy again — never wrong, just bigger (tests/unit/lib/manifest/extract.test.ts
 * checks the memory).
 */
class HandedOverBytes extends Uint8Array {
  override slice(start?: number, end?: number): Uint8Array<ArrayBuffer> {
    return this.subarray(start, end) as Uint8Array<ArrayBuffer>;
  }
}

/**
 * Opens SQLite bytes with sql.js, WITHOUT copying them: the database reads `bytes` in place, so
 * the caller must not change them afterwards. The caller closes it (`db.close()` frees the wasm
 * memory and lets go of the bytes).
 */
export async function openManifestDatabase(bytes: Uint8Array): Promise<Database> {
  const SQL = await loadSqlJs();
  try {
    const db = new SQL.Database(new HandedOverBytes(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength));
    db.exec('SELECT count(*) FROM sqlite_master');
    return db;
  } catch (error) {
    throw new ManifestContentError(`The manifest content is not a SQLite database (${(error as Error).message}).`, { cause: error });
  }
}

/** Up to `batchSize` compact definitions of one table. */
export type DefinitionBatch<T extends TableName = TableName> = {
  [K in T]: { table: K; definitions: DefinitionTables[K][] };
}[T];

/**
 * Reads every needed table row by row and yields compact definitions in batches, so only one
 * batch of parsed JSON is alive at a time. Throws `ManifestContentError` when a table is missing.
 */
export function* readDefinitions(db: Database, batchSize = 1000): Generator<DefinitionBatch> {
  const present = new Set((db.exec("SELECT name FROM sqlite_master WHERE type = 'table'")[0]?.values ?? []).map((row) => String(row[0])));
  const missing = TABLE_NAMES.filter((table) => !present.has(SOURCE_TABLES[table]));
  if (missing.length > 0) throw new ManifestContentError(`The manifest has no ${missing.map((t) => SOURCE_TABLES[t]).join(', ')} table.`);
  const context: CompactContext = { seasons: present.has(SEASONS) ? readSeasons(db) : new Map() };
  for (const table of TABLE_NAMES) yield* readTable(db, table, batchSize, context);
}

// Read first and kept only as hash → number: items carry the season number itself (a few dozen rows).
const SEASONS = 'DestinySeasonDefinition';

function readSeasons(db: Database): Map<number, number> {
  const statement = db.prepare(`SELECT id, json FROM ${SEASONS}`);
  const rows: [number, string][] = [];
  try {
    while (statement.step()) {
      const [id, json] = statement.get();
      if (typeof id === 'number' && typeof json === 'string') rows.push([id, json]);
    }
  } finally {
    statement.free();
  }
  return seasonNumbers(rows);
}

function* readTable<T extends TableName>(db: Database, table: T, batchSize: number, context: CompactContext): Generator<DefinitionBatch> {
  const statement = db.prepare(`SELECT id, json FROM ${SOURCE_TABLES[table]}`);
  try {
    let definitions: DefinitionTables[T][] = [];
    while (statement.step()) {
      const [id, json] = statement.get();
      if (typeof id !== 'number' || typeof json !== 'string') throw new ManifestContentError(`${SOURCE_TABLES[table]} has a row without an integer id and JSON text.`);
      definitions.push(compactDefinition(table, id, json, context));
      if (definitions.length >= batchSize) {
        yield { table, definitions } as DefinitionBatch;
        definitions = [];
      }
    }
    if (definitions.length > 0) yield { table, definitions } as DefinitionBatch;
  } finally {
    statement.free();
  }
}
