import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startQstashEmulator, type QstashEmulator } from '@/dev/qstash-emulator';
import { resetConfigForTests } from '@/lib/config';
import { publishRefresh, REFRESH_SCHEDULE_ID } from '@/lib/qstash/client';
import { verifyQstashSignature } from '@/lib/qstash/signature';
import { qstashKeys } from '@/tests/support/qstash';

// The real @upstash/qstash Client (inside lib/qstash) against the emulator, and the emulator's
// deliveries checked with the app's own verifier.
const root = path.resolve(import.meta.dirname, '../../..');
const keys = qstashKeys();
let emulator: QstashEmulator;
let app: http.Server;
let appUrl: string;
const received: Array<{ url: string; headers: http.IncomingHttpHeaders; body: string }> = [];
let failNext = 0;

beforeAll(async () => {
  emulator = await startQstashEmulator({ token: keys.token, currentSigningKey: keys.current, retryDelayMs: 10 });
  // Stands in for the app: records each delivery, answers 500 while `failNext` lasts.
  app = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString() });
      res.writeHead(failNext-- > 0 ? 500 : 200).end('{"outcome":"unchanged"}');
    });
  });
  await new Promise<void>((r) => app.listen(0, '127.0.0.1', r));
  appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  vi.stubEnv('AUTH_URL', appUrl);
  vi.stubEnv('BUNGIE_SIMULATOR_URL', 'http://bungie.sim.test');
  vi.stubEnv('QSTASH_URL', emulator.url);
  vi.stubEnv('QSTASH_TOKEN', keys.token);
  vi.stubEnv('QSTASH_CURRENT_SIGNING_KEY', keys.current);
  vi.stubEnv('QSTASH_NEXT_SIGNING_KEY', keys.next);
  resetConfigForTests();
});

afterAll(async () => {
  vi.unstubAllEnvs();
  resetConfigForTests();
  await emulator?.close();
  await new Promise((r) => app?.close(r));
});

/** Runs `npm run schedules:sync`'s script (asynchronously: the emulator answers from this process). */
function schedulesSync(env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const tsx = path.join(root, 'node_modules/tsx/dist/cli.mjs');
  const child = spawn(process.execPath, [tsx, '--conditions=react-server', 'scripts/schedules-sync.ts'], {
    cwd: root,
    env: { ...process.env, AUTH_URL: appUrl, BUNGIE_SIMULATOR_URL: 'http://bungie.sim.test', QSTASH_URL: emulator.url, QSTASH_TOKEN: keys.token, QSTASH_CURRENT_SIGNING_KEY: keys.current, QSTASH_NEXT_SIGNING_KEY: keys.next, ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.once('close', (status) => resolve({ status, stdout, stderr })));
}

async function until<T>(check: () => T | undefined, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('QStash emulator', () => {
  it('refuses a call without the bearer token', async () => {
    const response = await fetch(`${emulator.url}/v2/schedules`, { headers: { authorization: 'Bearer nope' } });
    expect(response.status).toBe(401);
  });

  it('publishes to the refresh route with a delivery the app’s verifier accepts', async () => {
    const { messageId } = await publishRefresh({ trigger: 'admin' });
    expect(messageId).toMatch(/^msg_/);
    const delivery = await until(() => received.find((r) => r.headers['upstash-message-id'] === messageId));
    expect(delivery.url).toBe('/api/manifest/refresh');
    expect(delivery.headers['content-type']).toBe('application/json');
    expect(JSON.parse(delivery.body)).toEqual({ trigger: 'admin' });
    await expect(
      verifyQstashSignature(
        { signature: String(delivery.headers['upstash-signature']), body: delivery.body, url: `${appUrl}/api/manifest/refresh` },
        { currentSigningKey: keys.current, nextSigningKey: keys.next },
      ),
    ).resolves.toBeUndefined();
  });

  it('retries a delivery answered with a 5xx', async () => {
    failNext = 2;
    const { messageId } = await publishRefresh({ trigger: 'admin' });
    const delivery = await until(() => emulator.deliveries().find((d) => d.messageId === messageId && d.state !== 'pending'));
    expect(delivery).toMatchObject({ state: 'delivered', attempts: 3, status: 200 });
  });

  it('npm run schedules:sync creates the schedule once, then updates it', async () => {
    const first = await schedulesSync({});
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain(`Created schedule ${REFRESH_SCHEDULE_ID}`);
    const second = await schedulesSync({ MANIFEST_REFRESH_MINUTES: '15' });
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toContain('Updated schedule');
    const again = await schedulesSync({ MANIFEST_REFRESH_MINUTES: '15' });
    expect(again.status, again.stderr).toBe(0);

    const schedules = emulator.schedules();
    expect(schedules).toHaveLength(1);
    expect(schedules[0]).toMatchObject({ scheduleId: REFRESH_SCHEDULE_ID, cron: '*/15 * * * *', destination: `${appUrl}/api/manifest/refresh` });
    expect(first.stdout + second.stdout).not.toContain(keys.token);
  });

  it('delivers a schedule, signed, with its body and schedule id', async () => {
    const delivery = await emulator.trigger(REFRESH_SCHEDULE_ID);
    expect(delivery.state).toBe('delivered');
    const seen = received.at(-1)!;
    expect(seen.headers['upstash-schedule-id']).toBe(REFRESH_SCHEDULE_ID);
    expect(JSON.parse(seen.body)).toEqual({ trigger: 'schedule' });
    await expect(
      verifyQstashSignature({ signature: String(seen.headers['upstash-signature']), body: seen.body, url: `${appUrl}/api/manifest/refresh` }, { currentSigningKey: keys.current, nextSigningKey: keys.next }),
    ).resolves.toBeUndefined();
  });

  it('schedules:sync says so when QStash is not configured', async () => {
    const result = await schedulesSync({ QSTASH_TOKEN: '' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('QSTASH_TOKEN is not set');
  });
});
