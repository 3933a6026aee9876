import { beforeAll, describe, expect, it, vi } from 'vitest';
import { POST as refresh } from '@/app/api/manifest/refresh/route';
import { GET as status } from '@/app/api/manifest/status/route';
import { resetConfigForTests } from '@/lib/config';
import { getPrisma } from '@/lib/db/client';
import type { ManifestStatus } from '@/lib/manifest/status';
import { APP_ORIGIN, signInPlayer, withAppStack } from '@/tests/support/app-harness';
import { meteredUpstash } from '@/tests/support/metered-upstash';
import { qstashEnv, qstashKeys, signedDelivery } from '@/tests/support/qstash';

// Cloud mode through the routes' exported handlers: the manifest in Upstash (the REST bridge over
// a private redis-server), run history in PostgreSQL reached through a counting proxy, QStash's
// signed deliveries. What a check costs is read off the wire: Postgres queries at the counting
// proxy, Redis commands as the bridge bills them (and the bodies the app sent it).
const keys = qstashKeys();
const env: Record<string, string> = { ...qstashEnv(keys) };
// Registered before the app stack's own hook: the Upstash variables must be set when it reads `env`.
const upstash = meteredUpstash(env, () => stack);
const stack = withAppStack({ env, countPostgres: true });
const sim = stack.sim;
let adminCookie = '';

beforeAll(async () => {
  vi.stubEnv('ADMIN_MEMBERSHIP_IDS', sim.world.player.bungieMembershipId);
  resetConfigForTests();
  adminCookie = (await signInPlayer(sim)).cookie;
});

const meter = () => upstash.meter();

async function deliver(): Promise<{ status: number; body: { outcome?: string } }> {
  const response = await refresh(signedDelivery(keys.current));
  return { status: response.status, body: (await response.json()) as { outcome?: string } };
}

async function readStatus(cookie?: string): Promise<unknown> {
  const response = await status(new Request(`${APP_ORIGIN}/api/manifest/status`, { headers: cookie ? { cookie } : {} }));
  expect(response.status).toBe(200);
  return response.json();
}

describe('cloud mode: a check that finds nothing new touches only Redis', () => {
  it('the first delivery ingests (Postgres records that run)', async () => {
    const read = meter();
    expect(await deliver()).toMatchObject({ status: 200, body: { outcome: 'updated' } });
    expect(read().postgresQueries).toBeGreaterThan(0);
    expect(await (await getPrisma()).manifestRun.count()).toBe(1);
  });

  it('an unchanged check: 0 Postgres queries; Redis: the delivery\'s jti claimed (SET NX), then one script (GET pointer, LPUSH + LTRIM the check log): 2 commands', async () => {
    const runsBefore = await (await getPrisma()).manifestRun.count();
    for (let i = 0; i < 3; i++) {
      const read = meter();
      expect(await deliver()).toMatchObject({ status: 200, body: { outcome: 'unchanged' } });
      const cost = read();
      expect(cost.postgresQueries).toBe(0);
      // The replay guard's claim on this delivery's jti (lib/qstash/deliveries.ts), then the check.
      expect(cost.commands).toEqual(['SET', 'EVAL']);
      expect(cost.redis).toMatchObject({ requests: 2, commands: 2 });
    }
    // No row written, none pruned: the database stayed asleep.
    stack.postgresCounter!.reset();
    expect(await (await getPrisma()).manifestRun.count()).toBe(runsBefore);
  });

  it('a check Bungie cannot answer (maintenance) is recorded in the check log: 0 Postgres queries', async () => {
    sim.controls.setMaintenance(true);
    try {
      const read = meter();
      const answer = await deliver();
      expect(answer.status).toBe(500);
      const cost = read();
      expect(cost.postgresQueries).toBe(0);
      // The jti claim, the check log, and the claim released so that QStash's retry runs.
      expect(cost.commands).toEqual(['SET', 'EVAL', 'DEL']);
    } finally {
      sim.controls.setMaintenance(false);
    }
  });

  it('the public status costs one Redis command and no Postgres query', async () => {
    const read = meter();
    const body = await readStatus();
    const cost = read();
    expect(body).toEqual({ current: { version: sim.manifest.version, activatedAt: expect.any(String) } });
    expect(cost.postgresQueries).toBe(0);
    expect(cost.commands).toEqual(['GET']);
  });

  it('the admin status shows the checks from the log and the ingest from Postgres, newest first', async () => {
    const body = (await readStatus(adminCookie)) as ManifestStatus;
    expect(body.store).toBe('upstash');
    expect(body.history.map((r) => r.outcome)).toEqual(['failed', 'unchanged', 'unchanged', 'unchanged', 'updated']);
    expect(body.history[0]!.error).toMatch(/.+/);
    expect(body.lastCheck?.outcome).toBe('failed');
    expect(body.lastRefresh).toMatchObject({ outcome: 'updated', version: sim.manifest.version });
    expect(body.running).toBeNull();
    expect(body.active).toBeNull();
  });

  it('a changed manifest is an ingest again: recorded in Postgres, the check-log entry withdrawn', async () => {
    sim.controls.publishManifest({ add: 2, modify: 1, remove: 1 });
    expect(await deliver()).toMatchObject({ status: 200, body: { outcome: 'updated' } });
    const body = (await readStatus(adminCookie)) as ManifestStatus;
    expect(body.history.map((r) => r.outcome)).toEqual(['updated', 'failed', 'unchanged', 'unchanged', 'unchanged', 'updated']);
    expect(body.lastRefresh?.version).toBe(sim.manifest.version);
  });
});
