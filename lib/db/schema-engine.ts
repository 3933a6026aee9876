import 'server-only';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQueryable,
} from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';
import pg from 'pg';

export type { SchemaEngine };

// The package's `exports` hide its package.json and its entry point imports the .wasm file as an
// ES module, which Node 20 cannot do; so we load the wasm-bindgen glue ourselves and instantiate
// the module by path. process.cwd() is the project root under next, vitest and the npm scripts.
const ENGINE_DIR = path.join(process.cwd(), 'node_modules', '@prisma', 'schema-engine-wasm');

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

type EngineModule = typeof import('@prisma/schema-engine-wasm');

let loading: Promise<EngineModule> | undefined;

function loadEngineModule(): Promise<EngineModule> {
  loading ??= (async () => {
    const glue = (await import('@prisma/schema-engine-wasm/schema_engine_bg')) as EngineModule & {
      __wbg_set_wasm(exports: WebAssembly.Exports): void;
    };
    const bytes = await readFile(path.join(ENGINE_DIR, 'schema_engine_bg.wasm'));
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': glue as unknown as WebAssembly.ModuleImports });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue;
  })();
  loading.catch(() => (loading = undefined));
  return loading;
}

// The engine reports Rust panics through this global; without it a panic is an opaque
// "unreachable" RuntimeError.
type PanicRegistry = { message: string; get(): string; set_message(message: string): void };
const registryHolder = globalThis as typeof globalThis & { PRISMA_WASM_PANIC_REGISTRY?: PanicRegistry };
registryHolder.PRISMA_WASM_PANIC_REGISTRY ??= {
  message: '',
  get() {
    return this.message;
  },
  set_message(message: string) {
    this.message = `RuntimeError: ${message}`;
  },
};

// Marks, on a result's rows array (which the adapter passes through untouched), the columns that
// were Postgres `"char"` (one byte: `pg_constraint.contype`, `pg_class.relkind`, ...).
const CHAR_COLUMNS = Symbol('charColumns');
type MarkedRows = unknown[] & { [CHAR_COLUMNS]?: number[] };

/**
 * A `pg` client that hides `"char"` columns from `@prisma/adapter-pg`, which has no column type for
 * them: against PostgreSQL the engine failed with "Column type 'char' could not be deserialized".
 * They pass as text and are marked, so `reportCharColumns` can tell the engine their real type.
 */
class CatalogFriendlyClient extends pg.Client {
  override query(...args: unknown[]): never {
    // pg.Pool calls query(config, values, callback); the adapter's own connections use promises.
    const last = args.at(-1);
    if (typeof last === 'function') {
      args[args.length - 1] = (error: Error | null, res: pg.QueryResult | undefined) => last(error, res && markCharColumns(res));
    }
    const result = (super.query as (...a: unknown[]) => unknown)(...args);
    return (result instanceof Promise ? result.then(markCharColumns) : result) as never;
  }
}

function markCharColumns(res: pg.QueryResult): pg.QueryResult {
  const indices: number[] = [];
  (res.fields ?? []).forEach((field, index) => {
    if (field.dataTypeID !== PG_CHAR_OID) return;
    field.dataTypeID = PG_TEXT_OID;
    indices.push(index);
  });
  if (indices.length > 0 && Array.isArray(res.rows)) Object.defineProperty(res.rows, CHAR_COLUMNS, { value: indices });
  return res;
}

/**
 * Gives marked columns the driver-adapter type `Character`: the engine reads them with `as_char`,
 * which a `Text` value fails (a Rust panic in the schema describer).
 */
function reportCharColumns<T extends SqlQueryable>(queryable: T): T {
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const index of (result.rows as MarkedRows)[CHAR_COLUMNS] ?? []) result.columnTypes[index] = ColumnTypeEnum.Character;
    return result;
  };
  return queryable;
}

/** A driver adapter factory for the schema engine: one connection, `"char"` columns understood. */
function catalogFriendlyFactory(url: string): { connect(): Promise<SqlDriverAdapter>; provider: 'postgres'; adapterName: string } {
  // One connection: the engine's migration steps then run in order on one session.
  const pool = new pg.Pool({ connectionString: url, max: 1, Client: CatalogFriendlyClient });
  const factory = new PrismaPg(pool, { disposeExternalPool: true });
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect() {
      const adapter = reportCharColumns(await factory.connect());
      const startTransaction = adapter.startTransaction.bind(adapter);
      adapter.startTransaction = async (isolationLevel) => reportCharColumns(await startTransaction(isolationLevel));
      return adapter;
    },
  };
}

/**
 * Where the engine may build a shadow database. `PrismaPg.connectToShadowDb` is not usable: `pg`
 * lets the connection string's database override the shadow one, so it would replay migrations
 * into the main database. We hand the engine our own shadow (an in-memory PGlite) or none.
 */
export type ShadowDatabase = () => Promise<{ url: string; release(): Promise<void> }>;

type TrackedFactory = SqlMigrationAwareDriverAdapterFactory & { closeAll(): Promise<void> };

function migrationAwareFactory(url: string, shadow: ShadowDatabase | undefined): TrackedFactory {
  const main = catalogFriendlyFactory(url);
  const open = new Set<() => Promise<void>>();
  // The engine does not always dispose what it opened; we close every connection when done.
  const track = (adapter: SqlDriverAdapter, after?: () => Promise<void>): SqlDriverAdapter => {
    const dispose = adapter.dispose.bind(adapter);
    let closed: Promise<void> | undefined;
    const close = () => {
      closed ??= (async () => {
        open.delete(close);
        await dispose();
        await after?.();
      })();
      return closed;
    };
    open.add(close);
    adapter.dispose = close;
    return adapter;
  };
  return {
    provider: main.provider,
    adapterName: main.adapterName,
    connect: async () => track(await main.connect()),
    async connectToShadowDb(): Promise<SqlDriverAdapter> {
      if (!shadow) throw new Error('This schema engine operation needs a shadow database, and none was configured.');
      const { url: shadowUrl, release } = await shadow();
      return track(await catalogFriendlyFactory(shadowUrl).connect(), release);
    },
    async closeAll() {
      await Promise.all([...open].map((close) => close()));
    },
  };
}

/** A Rust panic or an engine error, with the engine's own message. */
export class SchemaEngineError extends Error {
  override name = 'SchemaEngineError';
}

/**
 * Runs `fn` with a WASM schema engine connected to `url` (and to `shadow` when the operation
 * replays migrations), then frees the engine and closes its connections.
 */
export async function withSchemaEngine<T>(
  url: string,
  schema: { path: string; content: string },
  fn: (engine: SchemaEngine) => Promise<T>,
  shadow?: ShadowDatabase,
): Promise<T> {
  const engineModule = await loadEngineModule();
  const tracked = migrationAwareFactory(url, shadow);
  try {
    // The engine's log lines are tracing noise for us; its errors carry what matters.
    const engine = await engineModule.SchemaEngine.new(
      { datamodels: [[schema.path, schema.content]] },
      () => undefined,
      bindMigrationAwareSqlAdapterFactory(tracked),
    );
    try {
      return await fn(engine);
    } finally {
      engine.free();
    }
  } catch (error) {
    throw toEngineError(error);
  } finally {
    await tracked.closeAll();
  }
}

function toEngineError(error: unknown): Error {
  if (error instanceof Error && error.name === 'RuntimeError') {
    return new SchemaEngineError(registryHolder.PRISMA_WASM_PANIC_REGISTRY?.get() || error.message, { cause: error });
  }
  if (error instanceof Error) return error;
  // The engine rejects with plain objects ({ message, error_code, ... }); keep their message.
  const message = typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : JSON.stringify(error);
  return new SchemaEngineError(message, { cause: error });
}
