import { Receiver } from '@upstash/qstash';
import { describe, expect, it, vi } from 'vitest';
import { POST } from '@/app/api/manifest/refresh/route';
import { newSigningKey, signDelivery } from '@/dev/qstash-emulator/sign';
import { resetConfigForTests } from '@/lib/config';
import { getPrisma } from '@/lib/db/client';
import { getManifestStore } from '@/lib/manifest/get-store';
import { holdLease, LAPSED_RUN_ERROR, LEASE_NAME } from '@/lib/manifest/lease';
import { withAppStack } from '@/tests/support/app-harness';
import { deliveryRequest, qstashEnv, qstashKeys, REFRESH_URL, signedDelivery } from '@/tests/support/qstash';

// The QStash callback through its exported POST, on a real PostgreSQL database with the simulator
// behind msw, fed requests signed exactly as QStash signs them.
const keys = qstashKeys();
const stack = withAppStack({ env: qstashEnv(keys) });
const sim = stack.sim;

const body = '{"trigger":"schedule"}';
const now = () => Math.floor(Date.now() / 1000);
const sign = (extra: Partial<Parameters<typeof signDelivery>[0]> = {}) => signDelivery({ key: keys.current, url: REFRESH_URL, body, ...extra });
const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

/** Each forgery: a name, and the request that carries it. */
const forgeries: Array<[string, () => Request]> = [
  ['no Upstash-Signature header', () => deliveryRequest(body)],
  ['an empty signature', () => deliveryRequest(body, '')],
  ['not a JWT', () => deliveryRequest(body, 'not-a-jwt')],
  ['signed with a key that is neither current nor next', () => deliveryRequest(body, sign({ key: newSigningKey() }))],
  ['expired (exp 10 minutes ago)', () => deliveryRequest(body, sign({ nowSeconds: now() - 900 }))],
  ['not valid yet (nbf in 10 minutes)', () => deliveryRequest(body, sign({ overrides: { nbf: now() + 600 } }))],
  ['made for another URL (sub)', () => deliveryRequest(body, sign({ url: 'https://evil.example/api/manifest/refresh' }))],
  ['made for the same path on another host', () => deliveryRequest(body, sign({ url: 'http://localhost:3001/api/manifest/refresh' }))],
  ['body tampered after signing', () => deliveryRequest('{"trigger":"admin"}', sign())],
  ['body hash claim of another body', () => deliveryRequest(body, sign({ overrides: { body: 'AAAA' } }))],
  ['issuer other than Upstash', () => deliveryRequest(body, sign({ overrides: { iss: 'Evil' } }))],
  ['claims swapped after signing (payload re-encoded, old MAC kept)', () => {
    const [header, , mac] = sign().split('.');
    return deliveryRequest(body, `${header}.${b64({ iss: 'Upstash', sub: REFRESH_URL, exp: now() + 3600, nbf: now(), iat: now(), jti: 'x', body: 'forged' })}.${mac}`);
  }],
  ['alg "none" with no MAC', () => deliveryRequest(body, `${b64({ alg: 'none', typ: 'JWT' })}.${sign().split('.')[1]}.`)],
  ['HS512 header signed with the right key', () => deliveryRequest(body, sign({ header: { alg: 'HS512', typ: 'JWT' } }))],
  ['a claim missing (no jti)', () => deliveryRequest(body, sign({ overrides: { jti: undefined } }))],
];

describe('POST /api/manifest/refresh (QStash callback)', () => {
  it.each(forgeries)('refuses %s with 401 and runs nothing', async (_name, make) => {
    const before = sim.stats.total;
    const response = await POST(make());
    expect(response.status).toBe(401);
    const answer = (await response.json()) as { error: { code: string; message: string } };
    expect(answer.error.code).toBe('invalid_signature');
    expect(answer.error.message).not.toContain(keys.current);
    expect(sim.stats.total).toBe(before);
    expect(await (await getPrisma()).manifestRun.count()).toBe(0);
  });

  it('signs exactly as QStash does: the SDK’s own Receiver accepts the test signer’s token', async () => {
    const receiver = new Receiver({ currentSigningKey: keys.current, nextSigningKey: keys.next });
    await expect(receiver.verify({ signature: sign(), body, url: REFRESH_URL })).resolves.toBe(true);
    await expect(receiver.verify({ signature: sign(), body: `${body} `, url: REFRESH_URL })).rejects.toThrow();
  });

  it('runs the refresh for a delivery signed with the current key and answers its outcome', async () => {
    const response = await POST(signedDelivery(keys.current));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ outcome: 'updated', version: sim.manifest.version });
    const run = await (await getPrisma()).manifestRun.findFirstOrThrow();
    expect(run.trigger).toBe('schedule');
  });

  it('accepts the next signing key too (key rotation)', async () => {
    const response = await POST(signedDelivery(keys.next, '{"trigger":"admin"}'));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ outcome: 'unchanged', version: sim.manifest.version });
  });

  it('answers 200 "already-running" while a live run in another process holds the refresh lease', async () => {
    sim.controls.publishManifest({});
    // A live holder renews its lease (here every 2 s); the delivery sees that and leaves it the work.
    const lease = holdLease((await (await getManifestStore()).acquireLock(LEASE_NAME, 6000))!, 6000);
    try {
      const response = await POST(signedDelivery(keys.current));
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ outcome: 'already-running' });
    } finally {
      await lease.release();
    }
  });

  it('a retried delivery finds the lease of a function that died, waits it out, marks that run failed and finishes the job', async () => {
    // What a killed function leaves: a lease nobody renews, and a history row still "running".
    await (await getManifestStore()).acquireLock(LEASE_NAME, 2000);
    const prisma = await getPrisma();
    const dead = await prisma.manifestRun.create({ data: { trigger: 'schedule' } });
    const response = await POST(signedDelivery(keys.current));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ outcome: 'updated', version: sim.manifest.version });
    expect(await prisma.manifestRun.findUniqueOrThrow({ where: { id: dead.id } })).toMatchObject({ outcome: 'failed', error: LAPSED_RUN_ERROR });
  });

  it('answers 500 when the refresh fails, so QStash retries', async () => {
    sim.controls.setMaintenance(true);
    try {
      const response = await POST(signedDelivery(keys.current));
      expect(response.status).toBe(500);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('refresh_failed');
    } finally {
      sim.controls.setMaintenance(false);
    }
  });

  it('is a 404 with a sentence when the scheduler is in-process', async () => {
    vi.stubEnv('QSTASH_TOKEN', undefined);
    resetConfigForTests();
    try {
      const response = await POST(signedDelivery(keys.current));
      expect(response.status).toBe(404);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/in-process/);
    } finally {
      vi.stubEnv('QSTASH_TOKEN', keys.token);
      resetConfigForTests();
    }
  });
});
