import { beforeAll, describe, expect, it, vi } from 'vitest';
import { GET } from '@/app/api/manifest/status/route';
import { resetConfigForTests } from '@/lib/config';
import { startManifestJob } from '@/lib/jobs/manifest-job';
import type { ManifestStatus, PublicManifestStatus } from '@/lib/manifest/status';
import { APP_ORIGIN, signInPlayer, withAppStack } from '@/tests/support/app-harness';

// The route through its exported handler, over the real stack: the app's Prisma client on a real
// PostgreSQL database, the Postgres manifest store, and the simulator behind msw.
const stack = withAppStack();
let adminCookie = '';

beforeAll(async () => {
  // The simulated player is the admin; the same session stands for "a signed-in player who is not
  // an admin" once ADMIN_MEMBERSHIP_IDS names someone else (see publicStatus).
  vi.stubEnv('ADMIN_MEMBERSHIP_IDS', stack.sim.world.player.bungieMembershipId);
  resetConfigForTests();
  adminCookie = (await signInPlayer(stack.sim)).cookie;
});

async function answer(cookie?: string): Promise<unknown> {
  const response = await GET(new Request(`${APP_ORIGIN}/api/manifest/status`, { headers: cookie ? { cookie } : {} }));
  expect(response.status).toBe(200);
  expect(response.headers.get('cache-control')).toBe('no-store');
  return response.json();
}

/** What an admin sees (the whole status). */
async function status(): Promise<ManifestStatus> {
  return (await answer(adminCookie)) as ManifestStatus;
}

/** What the public sees: signed out, or signed in as a player who is not an admin. */
async function publicStatus(): Promise<PublicManifestStatus[]> {
  vi.stubEnv('ADMIN_MEMBERSHIP_IDS', '1');
  resetConfigForTests();
  try {
    return [(await answer()) as PublicManifestStatus, (await answer(adminCookie)) as PublicManifestStatus, (await answer('authjs.session-token=forged')) as PublicManifestStatus];
  } finally {
    vi.stubEnv('ADMIN_MEMBERSHIP_IDS', stack.sim.world.player.bungieMembershipId);
    resetConfigForTests();
  }
}

describe('GET /api/manifest/status', () => {
  it('says there is no manifest yet before the first refresh', async () => {
    const body = await status();
    expect(body.store).toBe('postgres');
    expect(body.current).toBeNull();
    expect(body.history).toEqual([]);
    expect(body.running).toBeNull();
  });

  it('shows the running job while it runs, then the ingested version and its run', async () => {
    const { job, done } = startManifestJob('test');
    expect((await status()).running?.id).toBe(job.id);
    const result = await done;
    expect(result?.outcome).toBe('updated');

    const body = await status();
    expect(body.running).toBeNull();
    expect(body.current?.version).toBe(stack.sim.manifest.version);
    expect(body.lastRefresh).toMatchObject({ outcome: 'updated', trigger: 'test', version: stack.sim.manifest.version });
    expect(body.lastRefresh?.items?.added).toBeGreaterThanOrEqual(3000);
    expect(body.lastCheck?.id).toBe(body.lastRefresh?.id);
  });

  it('records a no-change check as the last check while the last refresh stays', async () => {
    const before = await status();
    const result = await startManifestJob('test').done;
    expect(result?.outcome).toBe('unchanged');
    const body = await status();
    expect(body.lastCheck?.outcome).toBe('unchanged');
    expect(body.lastRefresh?.id).toBe(before.lastRefresh?.id);
    expect(body.history.map((r) => r.outcome)).toEqual(['unchanged', 'updated']);
  });

  it('tells everyone else the current version only: no runs, job ids, triggers or errors (issue 17)', async () => {
    const full = await status();
    for (const seen of await publicStatus()) {
      expect(seen).toEqual({ current: { version: stack.sim.manifest.version, activatedAt: full.current!.activatedAt } });
    }
  });

  it('one process runs one refresh at a time: a second start joins the first', () => {
    const first = startManifestJob('test');
    const second = startManifestJob('admin');
    expect(second.job.id).toBe(first.job.id);
    return first.done;
  });
});
