import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { newSigningKey, signDelivery } from '@/dev/qstash-emulator/sign';
import { getPrisma } from '@/lib/db/client';
import { APP_ORIGIN, withAppStack } from '@/tests/support/app-harness';
import { bodyOf, callRoute, count, expectSafeAnswer, hostileBody, newTally, reportTallies, type BodySpec, type FuzzTally } from '@/tests/support/hostile';
import { qstashEnv, qstashKeys } from '@/tests/support/qstash';
import { methodAndPath, paramsOf, ROUTES, type RouteEntry } from './routes';

// The QStash callbacks, 1,000 generated deliveries each: bodies as for the JSON routes, with no
// signature, junk, a JWT-shaped forgery, or a real signature gone wrong (another key, another URL,
// another body, expired) — and now and then a genuine one. Only the genuine ones may run anything.
const RUNS = 1_000;
const keys = qstashKeys();
withAppStack({ ingestManifest: true, env: qstashEnv(keys) });
/** The QStash routes' bodies do not name the player's things. */
const NO_WORLD = { items: [], characterIds: [] };
const tallies: FuzzTally[] = [];
afterAll(() => reportTallies(tallies));

type Signature = { kind: string; make: (url: string, body: string) => string | undefined };
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

const GENUINE: Signature = { kind: 'genuine', make: (url, body) => signDelivery({ key: keys.current, url, body }) };

const signature: fc.Arbitrary<Signature> = fc.oneof(
  { weight: 2, arbitrary: fc.constant<Signature>({ kind: 'unsigned', make: () => undefined }) },
  { weight: 2, arbitrary: fc.stringMatching(/^[\x20-\x7e]{0,120}$/).map((junk): Signature => ({ kind: 'junk', make: () => junk })) },
  {
    weight: 2,
    arbitrary: fc.tuple(fc.jsonValue(), fc.jsonValue(), fc.stringMatching(/^[\w-]{0,60}$/)).map(([h, p, mac]): Signature => ({ kind: 'JWT-shaped forgery', make: () => `${b64(h)}.${b64(p)}.${mac}` })),
  },
  { weight: 2, arbitrary: fc.constant<Signature>({ kind: 'another key', make: (url, body) => signDelivery({ key: newSigningKey(), url, body }) }) },
  { weight: 1, arbitrary: fc.constant<Signature>({ kind: 'another URL', make: (_url, body) => signDelivery({ key: keys.current, url: 'https://evil.example/api/manifest/refresh', body }) }) },
  { weight: 1, arbitrary: fc.constant<Signature>({ kind: 'another body', make: (url, body) => signDelivery({ key: keys.current, url, body: `${body} ` }) }) },
  { weight: 1, arbitrary: fc.constant<Signature>({ kind: 'expired', make: (url, body) => signDelivery({ key: keys.current, url, body, nowSeconds: now() - 900 }) }) },
  { weight: 1, arbitrary: fc.constant<Signature>({ kind: 'alg none', make: (url, body) => `${b64({ alg: 'none' })}.${signDelivery({ key: keys.current, url, body }).split('.')[1]}.` }) },
  { weight: 1, arbitrary: fc.constantFrom(keys.current, keys.next).map((key): Signature => ({ kind: 'genuine', make: (url, body) => signDelivery({ key, url, body }) })) },
);

/** The routes' body limit (lib/http), stated here so the test does not take it from the code it checks. */
const ONE_MB = 1024 * 1024;
const byteLength = (spec: BodySpec) => (spec.body === null ? 0 : typeof spec.body === 'string' ? Buffer.byteLength(spec.body) : spec.body.byteLength);
const textOf = (spec: BodySpec) => (spec.body === null ? '' : typeof spec.body === 'string' ? spec.body : Buffer.from(spec.body).toString('utf8'));

describe.each(ROUTES.filter((e) => e.auth === 'qstash'))('fuzz $route', (entry: RouteEntry) => {
  it(`${RUNS} generated deliveries: only a genuine signature runs anything, never a 5xx`, async () => {
    const { method, path } = methodAndPath(entry);
    const url = `${APP_ORIGIN}${path}`;
    const tally = newTally(entry.route);
    tallies.push(tally);
    const started = Date.now();
    const prisma = await getPrisma();
    let genuineOversized = 0;
    await fc.assert(
      fc.asyncProperty(hostileBody(entry.body!(NO_WORLD)), signature, async (spec, sig) => {
        const headers = new Headers({ 'content-type': 'application/json' });
        const value = sig.make(url, textOf(spec));
        if (value !== undefined) headers.set('upstash-signature', value);
        const runsBefore = await prisma.manifestRun.count();
        const response = await callRoute(entry.module, method, new Request(url, { method, headers, body: bodyOf(spec), duplex: 'half' } as RequestInit), paramsOf(entry));
        count(tally, response.status, `${spec.kind} / ${sig.kind}`);
        const status = await expectSafeAnswer(response, `${entry.route} with ${spec.kind}, signature ${sig.kind}`);
        // Over 1 MB is refused before the signature is even read, genuine or not; nothing else is.
        const oversized = byteLength(spec) > ONE_MB;
        expect(status === 413, `${spec.kind} (${byteLength(spec)} bytes), signature ${sig.kind}: HTTP ${status}`).toBe(oversized);
        if (!oversized) expect(status, sig.kind).toBe(sig.kind === 'genuine' ? 200 : 401);
        if (sig.kind !== 'genuine' || oversized) expect(await prisma.manifestRun.count()).toBe(runsBefore);
        if (sig.kind === 'genuine' && oversized) genuineOversized++;
      }),
      // Besides the generated ones: a genuine signature on a body over 1 MB, every time.
      { numRuns: RUNS, examples: [[{ kind: 'huge string (over 1 MB)', body: JSON.stringify({ pad: 'x'.repeat(ONE_MB) }) }, GENUINE]] },
    );
    tally.ms = Date.now() - started;
    expect(tally.inputs).toBeGreaterThanOrEqual(RUNS);
    expect(tally.byStatus['200'] ?? 0, 'some genuine deliveries ran').toBeGreaterThan(0);
    expect(genuineOversized, 'genuine deliveries over 1 MB answered 413').toBeGreaterThan(0);
  });
});
