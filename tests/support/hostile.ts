import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { NextRequest } from 'next/server';
import { expect } from 'vitest';
import { APP_ORIGIN } from './app-harness';

/**
 * Hostile requests for the route tables in tests/integration/fuzz: bodies and headers a careless or
 * malicious client might send, and the one rule every answer must keep — below 500, a JSON
 * `{ error: { code, message } }` for every 4xx, and nothing that looks like a stack trace.
 */

/** What a route handler looks like to a test: Next passes `{ params: Promise<...> }` to dynamic routes. */
export type RouteHandler = (request: NextRequest, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

/** A route module as imported: its exported method handlers (and route segment config). */
export type RouteModule = Record<string, unknown>;

/** Calls a route module's handler for `method` as Next would: a NextRequest, and the params as a promise. */
export function callRoute(module: RouteModule, method: string, request: Request, params: Record<string, string | string[]> = {}): Promise<Response> {
  const handler = module[method];
  if (typeof handler !== 'function') throw new Error(`The route module exports no ${method} handler.`);
  const nextRequest = new NextRequest(request.url, { method: request.method, headers: request.headers, body: request.body, duplex: 'half' } as ConstructorParameters<typeof NextRequest>[1]);
  return (handler as RouteHandler)(nextRequest, { params: Promise.resolve(params) });
}

/** A request body as sent on the wire, and what kind of hostility it carries (for the counts). */
export type BodySpec = { kind: string; body: string | Uint8Array | null; /** Sent as a stream with no length. */ chunked?: boolean };

/** The body to put in a Request (a fresh stream each time for a chunked one: a stream reads once). */
export function bodyOf(spec: BodySpec): BodyInit | null {
  if (spec.chunked && spec.body !== null) return chunked(spec.body);
  return spec.body as BodyInit | null;
}

const printable = (max: number) => fc.stringMatching(new RegExp(`^[\\x20-\\x7e]{0,${max}}$`));

/** JSON text for an object whose keys are written as given (so `__proto__` stays a key, not a prototype). */
function objectText(entries: Array<[string, unknown]>): string {
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'}`).join(',')}}`;
}

/** The keys a route's body generator produces (sampled; the generator is the route table's one source). */
export function keysOf(valid: fc.Arbitrary<Record<string, unknown>>): string[] {
  return [...new Set(fc.sample(valid, { numRuns: 30, seed: 1 }).flatMap((b) => Object.keys(b)))];
}

/**
 * Bodies for a JSON route. `valid` makes bodies with the route's keys and plausible values (some
 * pass its schema); everything else is built around them: wrong types, missing and extra keys,
 * huge strings, deep nesting, unicode, prototype-pollution keys, bytes that are not UTF-8 or JSON.
 */
export function hostileBody(valid: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<BodySpec> {
  const keys = keysOf(valid);
  const key = fc.constantFrom(...keys);
  const json = (kind: string) => (value: unknown): BodySpec => ({ kind, body: JSON.stringify(value) ?? 'null' });
  return fc.oneof(
    { weight: 4, arbitrary: valid.map(json('plausible')) },
    { weight: 3, arbitrary: fc.record(Object.fromEntries(keys.map((k) => [k, fc.jsonValue({ maxDepth: 2 })]))).map(json('right keys, wrong types')) },
    { weight: 2, arbitrary: fc.tuple(valid, key).map(([b, k]) => { const { [k]: _gone, ...rest } = b; return rest; }).map(json('a key missing')) },
    { weight: 2, arbitrary: fc.tuple(valid, fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 1 })).map(([b, k, v]) => ({ kind: 'an extra key', body: objectText([...Object.entries(b), [k, v]]) })) },
    { weight: 2, arbitrary: fc.jsonValue().map(json('any JSON value')) },
    { weight: 1, arbitrary: fc.json().map((text): BodySpec => ({ kind: 'any JSON text', body: text })) },
    {
      weight: 2,
      arbitrary: fc.tuple(valid, key, fc.integer({ min: 1_000, max: 1_600_000 })).map(([b, k, n]) => ({ kind: n > 1_048_000 ? 'huge string (over 1 MB)' : 'long string', body: objectText([...Object.entries(b), [k, 'x'.repeat(n)]]) })),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.integer({ min: 1, max: 100_000 }), fc.boolean()).map(([depth, arrays]): BodySpec => ({
        kind: 'deep nesting',
        body: arrays ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
      })),
    },
    { weight: 2, arbitrary: fc.record(Object.fromEntries(keys.map((k) => [k, fc.string({ unit: 'binary', maxLength: 40 })]))).map(json('unicode strings')) },
    {
      weight: 2,
      arbitrary: fc.tuple(valid, fc.constantFrom('__proto__', 'constructor', 'prototype')).map(([b, k]) => ({
        kind: 'prototype pollution',
        body: objectText([[k, k === 'constructor' ? { prototype: { polluted: 'yes', isAdmin: true } } : { polluted: 'yes', isAdmin: true }], ...Object.entries(b)]),
      })),
    },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 512 }).map((bytes): BodySpec => ({ kind: 'random bytes', body: bytes })) },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }).map((text): BodySpec => ({ kind: 'text, not JSON', body: text })) },
    { weight: 1, arbitrary: fc.constantFrom<BodySpec>({ kind: 'empty body', body: '' }, { kind: 'no body', body: null }, { kind: 'form fields', body: 'itemId=1&itemHash=2&locked=true' }) },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 1, max: 1_300_000 }).map((n): BodySpec => ({ kind: n > 1_048_576 ? 'chunked, over 1 MB' : 'chunked', body: `{"pad":"${'y'.repeat(n)}"}`, chunked: true })),
    },
  );
}

/** A streamed body with no Content-Length (as `Transfer-Encoding: chunked` arrives), in 64 KB chunks. */
export function chunked(content: string | Uint8Array): ReadableStream<Uint8Array> {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(offset, offset + 65_536));
      offset += 65_536;
    },
  });
}

/** The Content-Type a request claims: mostly JSON (so bodies reach the parser), else anything. */
export const contentType = fc.oneof(
  { weight: 10, arbitrary: fc.constant('application/json') },
  { weight: 3, arbitrary: fc.constantFrom('application/json; charset=utf-8', 'Application/JSON', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonp', 'application/json-patch+json', 'text/html', '') },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: printable(40) },
);

/** A Content-Length that may lie (the body is what it is). */
export const contentLength = fc.oneof(
  { weight: 8, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constantFrom('0', '1', '99999999999', '-1', 'abc', '1048577', '') },
);

/** Where a request says it comes from: `Origin` and `Sec-Fetch-Site`, when sent. */
export type RequestSource = { origin?: string; site?: string };

/** Who the request claims to come from: mostly the app itself (so bodies reach the parser). */
export const origin: fc.Arbitrary<RequestSource> = fc.oneof(
  { weight: 12, arbitrary: fc.constant<RequestSource>({ origin: APP_ORIGIN }) },
  { weight: 1, arbitrary: fc.constantFrom<RequestSource>({}, { site: 'same-origin' }, { site: 'cross-site' }, { site: 'same-site' }, { origin: 'https://evil.example' }, { origin: 'null' }, { origin: 'http://localhost:3001' }) },
  { weight: 1, arbitrary: printable(30).map((o): RequestSource => ({ origin: o })) },
);

/**
 * The cookie a request carries: the player's (`signedIn` of 16 times), else none, an expired
 * session's, a forged or garbled one.
 */
export function cookieFor(valid: string[], expired: string, signedIn = 12): fc.Arbitrary<{ kind: string; cookie?: string }> {
  return fc.oneof(
    { weight: signedIn, arbitrary: fc.constantFrom(...valid).map((cookie) => ({ kind: 'signed in', cookie })) },
    { weight: 1, arbitrary: fc.constant({ kind: 'expired session', cookie: expired }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'no cookie' }) },
    { weight: 1, arbitrary: fc.uuid().map((id) => ({ kind: 'forged session', cookie: `authjs.session-token=${id}` })) },
    { weight: 1, arbitrary: printable(80).map((junk) => ({ kind: 'garbled cookie', cookie: `authjs.session-token=${junk}` })) },
    { weight: 1, arbitrary: fc.constantFrom('authjs.session-token=%E0%A4%A', 'authjs.session-token=%00', '__Secure-authjs.session-token=;authjs.session-token==', 'a=b; authjs.session-token').map((cookie) => ({ kind: 'malformed cookie', cookie })) },
  );
}

/** Text that must never reach a client: stack frames, source paths, internal error names. */
const LEAK = /\n\s+at |\bat [\w.<>]+ \(|node_modules|\/work\/|file:\/\/|\.tsx?:\d+|PrismaClient|ZodError|TypeError|SyntaxError|ReferenceError/;

/**
 * The rule for any answer to a hostile request: below 500; a 4xx is `{ error: { code, message } }`
 * as JSON; no stack trace or path in the body. Returns the status.
 */
export async function expectSafeAnswer(response: Response, what: string): Promise<number> {
  const text = await response.text();
  expect(response.status, `${what} → ${response.status} ${text.slice(0, 300)}`).toBeLessThan(500);
  expect(text, what).not.toMatch(LEAK);
  if (response.status >= 400) {
    expect(response.headers.get('content-type') ?? '', what).toMatch(/^application\/json/);
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    expect(typeof body.error?.code, `${what}: ${text.slice(0, 200)}`).toBe('string');
    expect(body.error?.message, `${what}: ${text.slice(0, 200)}`).toMatch(/^\S.{5,}$/);
  }
  return response.status;
}

/** The tally of one route's fuzz run: inputs tried, and answers by status and by kind of body. */
export type FuzzTally = { route: string; inputs: number; byStatus: Record<string, number>; byKind: Record<string, number>; ms: number };

export function newTally(route: string): FuzzTally {
  return { route, inputs: 0, byStatus: {}, byKind: {}, ms: 0 };
}

export function count(tally: FuzzTally, status: number, kind: string): void {
  tally.inputs += 1;
  tally.byStatus[status] = (tally.byStatus[status] ?? 0) + 1;
  tally.byKind[kind] = (tally.byKind[kind] ?? 0) + 1;
}

/** One line per route for the test output, and all of them in test-results/fuzz-counts.json (merged across files). */
export function reportTallies(tallies: FuzzTally[]): void {
  for (const t of tallies) {
    const statuses = Object.entries(t.byStatus).map(([s, n]) => `${s}×${n}`).join(' ');
    console.log(`fuzz ${t.route}: ${t.inputs} inputs, 0 5xx, ${(t.ms / 1000).toFixed(1)} s — ${statuses}`);
  }
  const file = path.resolve(import.meta.dirname, '../../test-results/fuzz-counts.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const previous = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, FuzzTally>) : {};
  for (const t of tallies) previous[t.route] = t;
  fs.writeFileSync(file, `${JSON.stringify(previous, null, 2)}\n`);
}
