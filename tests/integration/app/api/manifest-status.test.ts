import { describe, expect, it } from 'vitest';
import { GET } from '@/app/api/manifest/status/route';
import { startManifestJob } from '@/lib/jobs/manifest-job';
import type { ManifestStatus } from '@/lib/manifest/status';
import { withAppStack } from '@/tests/support/app-harness';

// The route through its exported handler, over the real stack: the app's Prisma client on a real
// PostgreSQL database, the Postgres manifest store, and the simulator behind msw.
const stack = withAppStack();

async function status(): Promise<ManifestStatus> {
  const response = await GET(new Request('http://localhost:3000/api/manifest/status'));
  expect(response.status).toBe(200);
  expect(response.headers.get('cache-control')).toBe('no-store');
  return (await response.json()) as ManifestStatus;
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

  it('one process runs one refresh at a time: a second start joins the first', () => {
    const first = startManifestJob('test');
    const second = startManifestJob('admin');
    expect(second.job.id).toBe(first.job.id);
    return first.done;
  });
});
