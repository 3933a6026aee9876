import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * The one place that reads the environment. Everything else asks `getConfig()`.
 *
 * Each concern picks its backend from which variables are present:
 * - database: `DATABASE_URL` → that Postgres server; unset → embedded PGlite under `DATA_DIR`.
 * - manifest store: `UPSTASH_REDIS_REST_URL` + `_TOKEN` → Upstash Redis; unset → the database.
 * - scheduler: `QSTASH_TOKEN` + both signing keys → QStash; unset → an in-process timer.
 * - Bungie: `BUNGIE_SIMULATOR_URL` → the bundled simulator; unset → https://www.bungie.net,
 *   which then needs `BUNGIE_API_KEY`, `BUNGIE_CLIENT_ID` and `BUNGIE_CLIENT_SECRET`.
 */

/** A configuration problem, told in one sentence that names the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(
    /** The environment variable at fault. */
    readonly variable: string,
    message: string,
  ) {
    super(message);
  }
}

export const BUNGIE_NET_ORIGIN = 'https://www.bungie.net';

/** Where relational data lives. */
export type DatabaseConfig =
  | {
      kind: 'embedded';
      /** PGlite data folder */ dataDir: string;
      migrateOnStart: true;
      /** Force commits to disk (`EMBEDDED_DB_FSYNC`, default on; off only to measure what it costs). */
      fsync: boolean;
    }
  | {
      kind: 'postgres';
      /** postgres:// connection string */ url: string;
      /** Apply pending migrations when the server starts (off on serverless: `npm run db:deploy` at build). */
      migrateOnStart: boolean;
    };

/**
 * What `npm run db:deploy` does: migrate one database over a direct (session-level) connection —
 * the migration lock is a session advisory lock that a transaction pooler does not keep — or
 * skip, with the reason (a Vercel preview build must never migrate the production database).
 */
export type MigrationTarget = { kind: 'migrate'; url: string } | { kind: 'skip'; reason: string };

/** Where manifest definitions are stored. */
export type ManifestStoreConfig =
  | { kind: 'postgres' }
  | { kind: 'upstash'; url: string; token: string };

/** What triggers the scheduled manifest refresh. */
export type SchedulerConfig =
  | { kind: 'in-process'; intervalMinutes: number }
  | {
      kind: 'qstash';
      intervalMinutes: number;
      /** QStash API base; the cloud by default, a local emulator in dev. */
      url: string;
      token: string;
      currentSigningKey: string;
      nextSigningKey: string;
    };

/** Which Bungie.net the server talks to and with which application credentials. */
export type BungieConfig = {
  kind: 'bungie.net' | 'simulator';
  /** Origin for API calls, e.g. https://www.bungie.net (never a redirecting host). */
  origin: string;
  /** Origin for the OAuth authorize page the browser is sent to. */
  authorizeOrigin: string;
  apiKey: string;
  clientId: string;
  clientSecret: string;
};

/** A 256-bit AES key and the id stored beside every value it encrypted. */
export type TokenKey = { id: string; key: Buffer };

export type AppConfig = {
  nodeEnv: 'development' | 'production' | 'test';
  /** Public URL of the app, e.g. http://localhost:3000 (Auth.js needs `localhost`, not 127.0.0.1). */
  appUrl: string;
  /**
   * The URL Auth.js itself takes the app's from (`AUTH_URL`, else `NEXTAUTH_URL`, as set; unset:
   * it reads the request's host and protocol): whether its cookies are `__Secure-` follows from it.
   */
  authJsUrl?: string;
  /** Folder for local state: the embedded database, the demo's generated secret. */
  dataDir: string;
  /** Auth.js secret; unset only where nothing signs cookies (build, some tests). */
  authSecret: string | undefined;
  /**
   * Keys that encrypt Bungie tokens at rest, newest first (`TOKEN_ENCRYPTION_KEYS`). Empty when
   * unset: the token vault then derives one key from `AUTH_SECRET`.
   */
  tokenKeys: readonly TokenKey[];
  database: DatabaseConfig;
  manifestStore: ManifestStoreConfig;
  scheduler: SchedulerConfig;
  bungie: BungieConfig;
  /** Bungie.net membership ids allowed into /admin. */
  adminMembershipIds: readonly string[];
  /** Slack/Discord-compatible webhook for manifest and Xûr notices. */
  webhookUrl: string | undefined;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /**
   * Requests per 10 s that spend Bungie calls, per player and per client IP (`RATE_LIMIT_PLAYER`,
   * default 25, and `RATE_LIMIT_IP`, default 50; 0 turns one off). Bungie allows the app's key about
   * 250 calls per 10 s, shared by every player: one player may take a tenth, one address a fifth.
   */
  rateLimits: { player: number; ip: number };
  /**
   * How long a page waits for its data before it sends its loading skeleton
   * (`SKELETON_AFTER_MS`, default 150; 0 sends the skeleton at once). Data that comes sooner is
   * drawn in the HTML's first flush (components/layout/first-flush.tsx).
   */
  skeletonAfterMs: number;
  /**
   * Names this deployment, so that what a browser kept from an older one is not taken for current
   * (the vault poll's ETag): Vercel's `VERCEL_DEPLOYMENT_ID`, else the build's `.next/BUILD_ID`,
   * which every instance of one build shares.
   */
  deploymentId: string;
};

type Env = Record<string, string | undefined>;

// The demo's simulator answers to any key; these are not secrets.
const SIMULATOR_DEFAULTS = { apiKey: 'vault-raider-demo-key', clientId: '40000', clientSecret: 'vault-raider-demo-secret' };

function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === '' ? undefined : value;
}

function parse<T>(env: Env, name: string, schema: z.ZodType<T>, what: string): T | undefined {
  const raw = read(env, name);
  if (raw === undefined) return undefined;
  const result = schema.safeParse(raw);
  if (!result.success) throw new ConfigError(name, `${name} must be ${what} (got "${redact(name, raw)}").`);
  return result.data;
}

function need<T>(env: Env, name: string, schema: z.ZodType<T>, what: string, why: string): T {
  const value = parse(env, name, schema, what);
  if (value === undefined) throw new ConfigError(name, `${name} is missing: ${why}.`);
  return value;
}

function redact(name: string, raw: string): string {
  return /SECRET|TOKEN|KEY|PASSWORD|DATABASE_(DIRECT_)?URL/.test(name) ? '…' : raw;
}

const httpUrl = z.url({ protocol: /^https?$/ }).transform((u) => u.replace(/\/+$/, ''));
const postgresUrl = z.string().regex(/^postgres(ql)?:\/\/\S+$/);
const nonEmpty = z.string().min(1);
const minutes = z.coerce.number().int().min(1).max(1440);
// 288 scheduled deliveries a day at most: room within QStash's free 1,000 messages for up to three
// retries of a failed check, the weekly Xûr digest and an admin's refreshes.
const QSTASH_MIN_INTERVAL_MINUTES = 5;
const perTenSeconds = z.coerce.number().int().min(0).max(100_000);

/** Builds the configuration from an environment. Throws `ConfigError` on the first bad value. */
export function loadConfig(env: Env): AppConfig {
  const nodeEnvRaw = read(env, 'NODE_ENV') ?? 'development';
  const nodeEnv = z.enum(['development', 'production', 'test']).safeParse(nodeEnvRaw);
  if (!nodeEnv.success) throw new ConfigError('NODE_ENV', `NODE_ENV must be development, production or test (got "${nodeEnvRaw}").`);

  // Resolved at run time against the working directory; the bundler must not trace it.
  const dataDir = path.resolve(/*turbopackIgnore: true*/ process.cwd(), read(env, 'DATA_DIR') ?? '.data');
  const appUrl = parse(env, 'AUTH_URL', httpUrl, 'an http(s) URL such as http://localhost:3000') ?? 'http://localhost:3000';

  const authSecret = parse(env, 'AUTH_SECRET', z.string().min(32), 'at least 32 characters (try: openssl rand -base64 32)');

  const tokenKeys = parseTokenKeys(read(env, 'TOKEN_ENCRYPTION_KEYS'));

  const database = loadDatabase(env, dataDir);

  const upstashUrl = parse(env, 'UPSTASH_REDIS_REST_URL', httpUrl, 'an http(s) URL');
  const upstashToken = read(env, 'UPSTASH_REDIS_REST_TOKEN');
  let manifestStore: ManifestStoreConfig = { kind: 'postgres' };
  if (upstashUrl || upstashToken) {
    if (!upstashUrl) throw new ConfigError('UPSTASH_REDIS_REST_URL', 'UPSTASH_REDIS_REST_URL is missing: it is needed with UPSTASH_REDIS_REST_TOKEN.');
    if (!upstashToken) throw new ConfigError('UPSTASH_REDIS_REST_TOKEN', 'UPSTASH_REDIS_REST_TOKEN is missing: it is needed with UPSTASH_REDIS_REST_URL.');
    manifestStore = { kind: 'upstash', url: upstashUrl, token: upstashToken };
  }

  const intervalMinutes = parse(env, 'MANIFEST_REFRESH_MINUTES', minutes, 'a whole number of minutes between 1 and 1440') ?? 5;
  const qstashToken = read(env, 'QSTASH_TOKEN');
  let scheduler: SchedulerConfig = { kind: 'in-process', intervalMinutes };
  if (qstashToken) {
    if (intervalMinutes < QSTASH_MIN_INTERVAL_MINUTES) {
      throw new ConfigError(
        'MANIFEST_REFRESH_MINUTES',
        `MANIFEST_REFRESH_MINUTES must be at least ${QSTASH_MIN_INTERVAL_MINUTES} with QStash: every check is a message, and the free plan allows 1,000 a day (retries included).`,
      );
    }
    const why = 'QStash needs it to sign the scheduled calls';
    scheduler = {
      kind: 'qstash',
      intervalMinutes,
      url: parse(env, 'QSTASH_URL', httpUrl, 'an http(s) URL') ?? 'https://qstash.upstash.io',
      token: qstashToken,
      currentSigningKey: need(env, 'QSTASH_CURRENT_SIGNING_KEY', nonEmpty, 'a signing key', why),
      nextSigningKey: need(env, 'QSTASH_NEXT_SIGNING_KEY', nonEmpty, 'a signing key', why),
    };
  }

  if (scheduler.kind === 'in-process' && isServerlessHost(env)) {
    // A function runs only while it answers: the in-process timer would start on each cold start and die with it.
    throw new ConfigError(
      'QSTASH_TOKEN',
      'QSTASH_TOKEN is missing: on a serverless host (Vercel) nothing runs between requests, so the manifest checks need QStash\'s schedule; set QSTASH_TOKEN and both QStash signing keys.',
    );
  }

  const simulatorUrl = parse(env, 'BUNGIE_SIMULATOR_URL', httpUrl, 'an http(s) URL such as http://127.0.0.1:3100');
  let bungie: BungieConfig;
  if (simulatorUrl) {
    bungie = {
      kind: 'simulator',
      origin: simulatorUrl,
      authorizeOrigin: simulatorUrl,
      apiKey: read(env, 'BUNGIE_API_KEY') ?? SIMULATOR_DEFAULTS.apiKey,
      clientId: read(env, 'BUNGIE_CLIENT_ID') ?? SIMULATOR_DEFAULTS.clientId,
      clientSecret: read(env, 'BUNGIE_CLIENT_SECRET') ?? SIMULATOR_DEFAULTS.clientSecret,
    };
  } else {
    const why = 'get one at https://www.bungie.net/en/Application, or set BUNGIE_SIMULATOR_URL for the demo';
    bungie = {
      kind: 'bungie.net',
      origin: BUNGIE_NET_ORIGIN,
      authorizeOrigin: BUNGIE_NET_ORIGIN,
      apiKey: need(env, 'BUNGIE_API_KEY', nonEmpty, 'an API key', why),
      clientId: need(env, 'BUNGIE_CLIENT_ID', z.string().regex(/^\d+$/), 'a numeric OAuth client id', why),
      clientSecret: need(env, 'BUNGIE_CLIENT_SECRET', nonEmpty, 'an OAuth client secret', why),
    };
  }

  const admins = parse(env, 'ADMIN_MEMBERSHIP_IDS', z.string().regex(/^\d+(\s*,\s*\d+)*$/), 'a comma-separated list of Bungie.net membership ids');
  const adminMembershipIds = admins ? admins.split(',').map((id) => id.trim()) : [];

  const webhookUrl = parse(env, 'NOTIFY_WEBHOOK_URL', httpUrl, 'an http(s) URL');
  const logLevel = parse(env, 'LOG_LEVEL', z.enum(['debug', 'info', 'warn', 'error']), 'debug, info, warn or error') ?? 'info';

  return {
    nodeEnv: nodeEnv.data,
    appUrl,
    authJsUrl: read(env, 'AUTH_URL') ?? read(env, 'NEXTAUTH_URL'),
    dataDir,
    authSecret,
    tokenKeys,
    database,
    manifestStore,
    scheduler,
    bungie,
    adminMembershipIds,
    webhookUrl,
    logLevel,
    rateLimits: {
      player: parse(env, 'RATE_LIMIT_PLAYER', perTenSeconds, 'a whole number of requests per 10 s (0: off)') ?? 25,
      ip: parse(env, 'RATE_LIMIT_IP', perTenSeconds, 'a whole number of requests per 10 s (0: off)') ?? 50,
    },
    skeletonAfterMs: parse(env, 'SKELETON_AFTER_MS', z.coerce.number().int().min(0).max(2000), 'a whole number of milliseconds between 0 and 2000') ?? 150,
    deploymentId: read(env, 'VERCEL_DEPLOYMENT_ID') ?? buildId(),
  };
}

function buildId(): string {
  try {
    return fs.readFileSync(path.join(process.cwd(), '.next', 'BUILD_ID'), 'utf8').trim() || 'dev';
  } catch {
    return 'dev'; // next dev, tests: nothing built
  }
}

/** A host whose functions have no lasting disk and many short-lived instances (Vercel, AWS Lambda). */
function isServerlessHost(env: Env): boolean {
  return read(env, 'VERCEL') === '1' || read(env, 'AWS_LAMBDA_FUNCTION_NAME') !== undefined;
}

function loadDatabase(env: Env, dataDir: string): DatabaseConfig {
  const serverless = isServerlessHost(env);
  const url = parse(env, 'DATABASE_URL', postgresUrl, 'a postgres:// or postgresql:// connection string');
  if (!url && serverless) {
    throw new ConfigError(
      'DATABASE_URL',
      'DATABASE_URL is missing: on a serverless host (Vercel) the embedded database has no lasting disk; set it to your Postgres pooled connection string.',
    );
  }
  if (!url) {
    const fsync = parse(env, 'EMBEDDED_DB_FSYNC', z.enum(['on', 'off']), 'on or off') !== 'off';
    return { kind: 'embedded', dataDir: path.join(dataDir, 'pglite'), migrateOnStart: true, fsync };
  }
  // Serverless cold starts must not race each other to migrate: `npm run db:deploy` does it once per deploy.
  const migrateOnStart = parse(env, 'MIGRATE_ON_START', z.enum(['true', 'false']), 'true or false');
  if (serverless && migrateOnStart === 'true') {
    throw new ConfigError(
      'MIGRATE_ON_START',
      'MIGRATE_ON_START=true is refused on a serverless host: its functions leave the migration engine out; `npm run db:deploy` in the build command migrates once per deploy.',
    );
  }
  return { kind: 'postgres', url, migrateOnStart: migrateOnStart === undefined ? !serverless : migrateOnStart === 'true' };
}

/**
 * Decides what `npm run db:deploy` migrates: `DATABASE_DIRECT_URL` (a direct, session-level
 * connection), else `DATABASE_URL`; nothing on a Vercel build that is not production.
 * Throws `ConfigError` when there is no database to migrate.
 */
export function loadMigrationTarget(env: Env): MigrationTarget {
  const vercelEnv = read(env, 'VERCEL_ENV');
  if (vercelEnv !== undefined && vercelEnv !== 'production') {
    return { kind: 'skip', reason: `this is a Vercel ${vercelEnv} build (VERCEL_ENV=${vercelEnv}): migrations run only for production deploys.` };
  }
  const what = 'a postgres:// or postgresql:// connection string';
  const url = parse(env, 'DATABASE_DIRECT_URL', postgresUrl, what) ?? parse(env, 'DATABASE_URL', postgresUrl, what);
  if (!url) {
    throw new ConfigError(
      'DATABASE_URL',
      'DATABASE_URL is missing: db:deploy migrates that database (or DATABASE_DIRECT_URL); the embedded one migrates itself at start-up.',
    );
  }
  return { kind: 'migrate', url };
}

function parseTokenKeys(raw: string | undefined): TokenKey[] {
  if (raw === undefined) return [];
  const what = 'a comma-separated list of id:key pairs, each key 32 random bytes in base64 (newest first)';
  const keys = raw.split(',').map((pair) => {
    const match = /^\s*([A-Za-z0-9_-]{1,32}):([A-Za-z0-9+/_=-]+)\s*$/.exec(pair);
    const key = match?.[2] ? Buffer.from(match[2], 'base64') : undefined;
    if (!match?.[1] || !key || key.length !== 32) throw new ConfigError('TOKEN_ENCRYPTION_KEYS', `TOKEN_ENCRYPTION_KEYS must be ${what}.`);
    return { id: match[1], key };
  });
  if (new Set(keys.map((k) => k.id)).size !== keys.length) throw new ConfigError('TOKEN_ENCRYPTION_KEYS', 'TOKEN_ENCRYPTION_KEYS has the same key id twice.');
  return keys;
}

/** One line naming the backend of each concern, for the start-up log. Holds no secret. */
export function describeConfig(config: AppConfig): string {
  const db = config.database.kind === 'embedded' ? `embedded PGlite (${config.database.dataDir})` : `PostgreSQL (${hostOf(config.database.url)})`;
  const store = config.manifestStore.kind === 'upstash' ? `Upstash Redis (${hostOf(config.manifestStore.url)})` : 'the database';
  const sched =
    config.scheduler.kind === 'qstash'
      ? `QStash (${hostOf(config.scheduler.url)}, every ${config.scheduler.intervalMinutes} min)`
      : `in-process (every ${config.scheduler.intervalMinutes} min)`;
  const bungie = config.bungie.kind === 'simulator' ? `Bungie simulator (${config.bungie.origin})` : 'bungie.net';
  return `Vault Raider: database=${db}; manifest store=${store}; scheduler=${sched}; bungie=${bungie}`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'unparsable URL';
  }
}

let cached: AppConfig | undefined;

/** The process's configuration, read once from `process.env`. */
export function getConfig(): AppConfig {
  cached ??= loadConfig(process.env);
  return cached;
}

/** Forget the cached configuration (tests that change the environment). */
export function resetConfigForTests(): void {
  cached = undefined;
}
