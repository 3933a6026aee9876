/**
 * The Upstash REST bridge: Upstash Redis's HTTP protocol in front of a real redis-server, so the
 * real `@upstash/redis` client runs against real Redis semantics on this machine.
 *
 * Protocol (as the client sends it): POST JSON to `/` (one command array), `/pipeline` and
 * `/multi-exec` (arrays of command arrays); `Authorization: Bearer <token>`; with
 * `Upstash-Encoding: base64` every string in a result is base64 (numbers and null stay raw).
 * Upstash's restrictions are enforced: bodies up to 1 MB (the free tier's older documented limit,
 * the stricter one), and Lua scripts that declare their keys and use no disputed library
 * (`script-rules.ts`).
 */
import { timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { RedisPool, type RedisConnection } from './redis-connection';
import { RespError, type RespValue } from './resp';
import { scriptOf, scriptViolation } from './script-rules';
import { withRedisScriptFlags } from './script-flags';

/** Options of `startUpstashBridge`. */
export type UpstashBridgeOptions = {
  /** The redis-server behind the bridge, e.g. redis://127.0.0.1:6379. */
  redisUrl: string;
  /** The bearer token clients must send (`UPSTASH_REDIS_REST_TOKEN`). */
  token: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
};

/**
 * What Upstash would bill, counted as requests pass (a few additions per request, so free when
 * nobody reads them): every command counts, each one of a pipeline or transaction (MULTI/EXEC
 * excluded, as Upstash counts only the commands inside); bandwidth is request plus answer bodies.
 */
export type BridgeCounters = { requests: number; commands: number; bytesIn: number; bytesOut: number };

/** A running bridge. */
export type UpstashBridge = {
  /** Base URL for `UPSTASH_REDIS_REST_URL`, e.g. http://127.0.0.1:40123. */
  url: string;
  /** A copy of the counts since start (or the last `resetCounters`). */
  counters(): BridgeCounters;
  resetCounters(): void;
  close(): Promise<void>;
};

type JsonResult = string | number | null | JsonResult[];
type Entry = { result: JsonResult } | { error: string };

/** A request the bridge refuses with an HTTP status and Upstash's `{ error }` body. */
class BridgeError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function toJson(value: Exclude<RespValue, RespError>, base64: boolean): JsonResult {
  if (value === null || typeof value === 'number') return value;
  if (Array.isArray(value)) return value.map((v) => (v instanceof RespError ? v.message : toJson(v, base64)));
  // The client passes "OK" through undecoded; every other string it base64-decodes.
  if (typeof value === 'string') return base64 && value !== 'OK' ? Buffer.from(value).toString('base64') : value;
  return base64 ? value.toString('base64') : value.toString('utf8');
}

function toEntry(reply: RespValue, base64: boolean): Entry {
  return reply instanceof RespError ? { error: reply.message } : { result: toJson(reply, base64) };
}

function parseCommand(raw: unknown): string[] {
  if (!Array.isArray(raw) || raw.length === 0) throw new BridgeError(400, 'ERR a command must be a non-empty JSON array');
  return withRedisScriptFlags(
    raw.map((arg) => {
      if (typeof arg === 'string') return arg;
      if (typeof arg === 'number' || typeof arg === 'boolean') return String(arg);
      throw new BridgeError(400, 'ERR command arguments must be strings or numbers');
    }),
  );
}

function parseCommands(raw: unknown): string[][] {
  if (!Array.isArray(raw) || raw.length === 0) throw new BridgeError(400, 'ERR a pipeline must be a non-empty JSON array of commands');
  return raw.map(parseCommand);
}

/** Refuses, before Redis sees it, a request carrying a script Upstash would not run as Redis does. */
function assertUpstashRules(commands: readonly string[][]): void {
  for (const command of commands) {
    const script = scriptOf(command);
    const violation = script === undefined ? undefined : scriptViolation(script);
    if (violation) throw new BridgeError(400, `ERR Upstash restriction: ${violation}`);
  }
}

async function runSingle(connection: RedisConnection, body: unknown, base64: boolean): Promise<{ result: JsonResult }> {
  const command = parseCommand(body);
  assertUpstashRules([command]);
  const [reply] = await connection.send([command]);
  if (reply === undefined) throw new BridgeError(502, 'ERR no reply from redis-server');
  if (reply instanceof RespError) throw new BridgeError(400, reply.message);
  return { result: toJson(reply, base64) };
}

async function runPipeline(connection: RedisConnection, body: unknown, base64: boolean): Promise<Entry[]> {
  const commands = parseCommands(body);
  assertUpstashRules(commands);
  const replies = await connection.send(commands);
  return replies.map((reply) => toEntry(reply, base64));
}

async function runTransaction(connection: RedisConnection, body: unknown, base64: boolean): Promise<Entry[]> {
  const commands = parseCommands(body);
  assertUpstashRules(commands);
  const replies = await connection.send([['MULTI'], ...commands, ['EXEC']]);
  const exec = replies[replies.length - 1];
  // A command refused while queueing aborts the whole transaction (EXECABORT).
  if (exec instanceof RespError) {
    const queued = replies.slice(1, -1).find((r) => r instanceof RespError);
    throw new BridgeError(400, queued instanceof RespError ? `${exec.message}: ${queued.message}` : exec.message);
  }
  if (!Array.isArray(exec)) throw new BridgeError(400, 'ERR transaction discarded');
  return exec.map((reply) => toEntry(reply, base64));
}

function authorized(header: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/.exec(header ?? '')?.[1] ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const MAX_REQUEST_BYTES = 1024 * 1024;

async function readJson(req: http.IncomingMessage, counters: BridgeCounters): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_REQUEST_BYTES) throw new BridgeError(413, 'ERR max request size exceeded (1 MB)');
    chunks.push(chunk as Buffer);
  }
  counters.bytesIn += size;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new BridgeError(400, 'ERR the body must be JSON');
  }
}

/** Starts the bridge in front of `redisUrl`; connections to Redis are opened on demand. */
export function startUpstashBridge({ redisUrl, token, port = 0, host = '127.0.0.1' }: UpstashBridgeOptions): Promise<UpstashBridge> {
  const pool = new RedisPool(redisUrl);
  const counters: BridgeCounters = { requests: 0, commands: 0, bytesIn: 0, bytesOut: 0 };
  const handle = async (req: http.IncomingMessage): Promise<[number, unknown]> => {
    if (!authorized(req.headers.authorization, token)) return [401, { error: 'Unauthorized: invalid or missing auth token' }];
    if (req.method !== 'POST') return [405, { error: 'ERR only POST with a JSON body is supported' }];
    const path = new URL(req.url ?? '/', 'http://bridge').pathname.replace(/\/+$/, '');
    const base64 = String(req.headers['upstash-encoding'] ?? '').toLowerCase() === 'base64';
    const body = await readJson(req, counters);
    counters.requests++;
    // A pipeline refused for a script rule still counts: Upstash bills what reaches it.
    counters.commands += path === '' ? 1 : Array.isArray(body) ? body.length : 0;
    if (path === '') return [200, await pool.use((c) => runSingle(c, body, base64))];
    if (path === '/pipeline') return [200, await pool.use((c) => runPipeline(c, body, base64))];
    if (path === '/multi-exec') return [200, await pool.use((c) => runTransaction(c, body, base64))];
    return [404, { error: `ERR unknown endpoint ${path}` }];
  };

  const server = http.createServer((req, res) => {
    handle(req)
      .catch((error: unknown): [number, unknown] =>
        error instanceof BridgeError ? [error.status, { error: error.message }] : [502, { error: `ERR redis-server: ${(error as Error).message}` }],
      )
      .then(([status, payload]) => {
        const text = JSON.stringify(payload);
        counters.bytesOut += Buffer.byteLength(text);
        res.writeHead(status, { 'Content-Type': 'application/json' }).end(text);
      });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: actual } = server.address() as AddressInfo;
      resolve({
        url: `http://${host}:${actual}`,
        counters: () => ({ ...counters }),
        resetCounters: () => Object.assign(counters, { requests: 0, commands: 0, bytesIn: 0, bytesOut: 0 }),
        close: () =>
          new Promise<void>((done) => {
            pool.close();
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
