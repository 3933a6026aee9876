import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { POST as refreshPOST } from '@/app/api/manifest/refresh/route';
import { POST } from '@/app/api/manifest/revalidate/route';
import { createBungieSim } from '@/dev/bungie-sim';
import { startQstashEmulator, type QstashEmulator } from '@/dev/qstash-emulator';
import { resetConfigForTests } from '@/lib/config';
import { closeDatabase, getPrisma } from '@/lib/db/client';
import { runningManifestJob } from '@/lib/jobs/manifest-job';
import { getManifestStore } from '@/lib/manifest/get-store';
import { holdLease, LEASE_NAME } from '@/lib/manifest/lease';
import { signInPlayer, type TestPlayer } from '@/tests/support/app-harness';
import { createTestDatabase, type TestDatabase } from '@/tests/support/postgres';
import { qstashKeys } from '@/tests/support/qstash';

// Everything is real: the session row the cookie names, the origin check, the enqueue, the refresh.
const sim = createBungieSim();
// Bungie is mocked in-process; loopback calls (the emulator and its deliveries) pass through.
const server = setupServer(...sim.handlers);
const keys = qstashKeys();
let db: TestDatabase;
let app: http.Server;
let appUrl: string;
let emulator: QstashEmulator;
let player: TestPlayer;

/** Makes the simulated player an admin (or not): ADMIN_MEMBERSHIP_IDS names their membership, or another. */
function playerIsAdmin(isAdmin: boolean) {
  vi.stubEnv('ADMIN_MEMBERSHIP_IDS', isAdmin ? sim.world.player.bungieMembershipId : '1');
  resetConfigForTests();
}

beforeAll(async () => {
  db = await createTestDatabase();
  // Stands in for the Next server in QStash mode: hands each delivery to the real refresh handler.
  app = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers = new Headers(Object.entries(req.headers).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v] as [string, string]] : [])));
      void refreshPOST(new Request(`${appUrl}${req.url}`, { method: 'POST', headers, body: Buffer.concat(chunks) })).then(async (r) => res.writeHead(r.status).end(await r.text()));
    });
  });
  await new Promise<void>((r) => app.listen(0, '127.0.0.1', r));
  appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  emulator = await startQstashEmulator({ token: keys.token, currentSigningKey: keys.current, retryDelayMs: 10 });
  vi.stubEnv('AUTH_URL', appUrl);
  vi.stubEnv('DATABASE_URL', db.url);
  vi.stubEnv('BUNGIE_SIMULATOR_URL', 'http://bungie.sim.test');
  vi.stubEnv('AUTH_SECRET', 'revalidate-test-secret-revalidate-test-0123');
  vi.stubEnv('TOKEN_ENCRYPTION_KEYS', undefined);
  vi.stubEnv('UPSTASH_REDIS_REST_URL', undefined);
  vi.stubEnv('UPSTASH_REDIS_REST_TOKEN', undefined);
  vi.stubEnv('QSTASH_TOKEN', undefined);
  resetConfigForTests();
  server.listen({ onUnhandledRequest: 'bypass' });
  player = await signInPlayer(sim);
});

afterAll(async () => {
  server.close();
  await emulator?.close();
  await new Promise((r) => app?.close(r));
  await closeDatabase();
  vi.unstubAllEnvs();
  resetConfigForTests();
  await db?.drop();
});

function revalidate(headers: Record<string, string> = {}, signedIn = true): Request {
  const cookie: Record<string, string> = signedIn ? { cookie: player.cookie } : {};
  return new Request(`${appUrl}/api/manifest/revalidate`, { method: 'POST', headers: { origin: appUrl, 'content-type': 'application/json', ...cookie, ...headers }, body: '{}' });
}

async function expectError(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
}

async function until(check: () => Promise<boolean>, ms = 30_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const runs = async () => (await getPrisma()).manifestRun.findMany({ orderBy: { startedAt: 'asc' } });

describe('POST /api/manifest/revalidate', () => {
  it('signed out: 401', async () => {
    playerIsAdmin(true);
    await expectError(await POST(revalidate({}, false)), 401, 'signed_out');
    await expectError(await POST(revalidate({ cookie: 'authjs.session-token=forged' })), 401, 'signed_out');
  });

  it('a player who is not an admin: 403', async () => {
    playerIsAdmin(false);
    await expectError(await POST(revalidate()), 403, 'forbidden');
  });

  it.each<[string, Record<string, string>]>([
    ['another Origin', { origin: 'https://evil.example' }],
    ['the app’s host on another port', { origin: 'http://127.0.0.1:1' }],
    ['an HTML form post (form content type)', { 'content-type': 'application/x-www-form-urlencoded' }],
    ['text/plain (a "simple" cross-site fetch)', { 'content-type': 'text/plain' }],
    ['no Origin and Sec-Fetch-Site cross-site', { origin: '', 'sec-fetch-site': 'cross-site' }],
  ])('an admin’s browser tricked by a cross-site request (%s): 403 or 415, nothing runs', async (_name, headers) => {
    playerIsAdmin(true);
    const request = revalidate(headers);
    if (headers.origin === '') request.headers.delete('origin');
    if (headers['content-type']) await expectError(await POST(request), 415, 'unsupported_media_type');
    else await expectError(await POST(request), 403, 'cross_site');
    expect(runningManifestJob()).toBeUndefined();
    expect(await runs()).toEqual([]);
  });

  it('an admin, in-process mode: 202 with the job id, and the job runs', async () => {
    playerIsAdmin(true);
    const response = await POST(revalidate());
    expect(response.status).toBe(202);
    const { jobId, via } = (await response.json()) as { jobId: string; via: string };
    expect(via).toBe('in-process');
    expect(runningManifestJob()?.id).toBe(jobId);
    await until(async () => runningManifestJob() === undefined);
    expect((await runs()).map((r) => [r.trigger, r.outcome])).toEqual([['admin', 'updated']]);
  });

  it('an admin while a refresh runs (in any process): 409 saying what runs and since when, nothing enqueued', async () => {
    playerIsAdmin(true);
    // Another process's run: its lease, and the note it keeps on it (read from the store, no database query).
    const lock = (await (await getManifestStore()).acquireLock(LEASE_NAME, 30_000))!;
    expect(await lock.note(JSON.stringify({ id: 'job-elsewhere', trigger: 'schedule', startedAt: '2026-11-30T03:41:07.000Z', progress: { phase: 'writing', table: 'items', definitionsWritten: 500 } }))).toBe(true);
    const lease = holdLease(lock, 30_000);
    try {
      const response = await POST(revalidate());
      expect(response.status).toBe(409);
      const { error } = (await response.json()) as { error: { code: string; message: string; active: { trigger: string; startedAt: string } } };
      expect(error.code).toBe('refresh_running');
      expect(error.message).toBe('A manifest refresh is already running (started by the schedule at 03:41:07 UTC). Try again once it has finished.');
      expect(error.active).toMatchObject({ trigger: 'schedule', startedAt: '2026-11-30T03:41:07.000Z' });
      expect(runningManifestJob()).toBeUndefined();
    } finally {
      await lease.release();
    }
  });

  it('an admin, QStash mode: 202 with QStash’s message id; the signed delivery runs the refresh', async () => {
    vi.stubEnv('QSTASH_URL', emulator.url);
    vi.stubEnv('QSTASH_TOKEN', keys.token);
    vi.stubEnv('QSTASH_CURRENT_SIGNING_KEY', keys.current);
    vi.stubEnv('QSTASH_NEXT_SIGNING_KEY', keys.next);
    resetConfigForTests();
    sim.controls.publishManifest({});
    playerIsAdmin(true);
    const response = await POST(revalidate());
    expect(response.status).toBe(202);
    const { jobId, via } = (await response.json()) as { jobId: string; via: string };
    expect(via).toBe('qstash');
    await until(async () => emulator.deliveries().some((d) => d.messageId === jobId && d.state === 'delivered'));
    const delivery = emulator.deliveries().find((d) => d.messageId === jobId)!;
    expect(JSON.parse(delivery.answer!)).toMatchObject({ outcome: 'updated', version: sim.manifest.version });
    expect((await runs()).at(-1)).toMatchObject({ trigger: 'admin', outcome: 'updated', version: sim.manifest.version });
  });
});
