import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getPrisma } from '@/lib/db/client';
import { startManifestJob } from '@/lib/jobs/manifest-job';
import { pruneManifestRuns } from '@/lib/manifest/prune-runs';
import { withAppStack } from '@/tests/support/app-harness';

// The webhook after a refresh (msw plays Slack/Discord) and the run-history pruning, on PostgreSQL.
const WEBHOOK = 'https://hooks.example.test/services/T000/B000/secret-part';
const posted: unknown[] = [];
let webhookStatus = 200;
const stack = withAppStack({
  env: { NOTIFY_WEBHOOK_URL: WEBHOOK },
  handlers: [
    http.post(WEBHOOK, async ({ request }) => {
      posted.push(await request.json());
      return webhookStatus === 0 ? HttpResponse.error() : new HttpResponse(null, { status: webhookStatus });
    }),
  ],
});
const sim = stack.sim;

afterEach(() => {
  vi.restoreAllMocks();
  webhookStatus = 200;
});

describe('manifest webhook', () => {
  it('posts one Slack/Discord message with the version and item counts on a new version', async () => {
    const result = await startManifestJob('test').done;
    expect(result?.outcome).toBe('updated');
    expect(posted).toHaveLength(1);
    const message = posted[0] as { text: string; content: string };
    expect(message.content).toBe(message.text);
    expect(message.text).toContain(sim.manifest.version);
    expect(message.text).toMatch(/\d{4} added, 0 changed, 0 removed/);
  });

  it('says nothing when the manifest is unchanged', async () => {
    expect((await startManifestJob('test').done)?.outcome).toBe('unchanged');
    expect(posted).toHaveLength(1);
  });

  it.each([
    ['answers HTTP 500', 500],
    ['is unreachable', 0],
  ])('a webhook that %s is logged (without its URL) and the refresh still succeeds', async (_name, status) => {
    webhookStatus = status;
    const warn = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { changes } = sim.controls.publishManifest({ add: 2, modify: 1, remove: 1 });
    expect(changes).toBeDefined();
    const result = await startManifestJob('test').done;
    expect(result?.outcome).toBe('updated');
    expect((posted.at(-1) as { text: string }).text).toContain('2 added, 1 changed, 1 removed');
    const lines = warn.mock.calls.map((c) => String(c[0]));
    expect(lines.some((l) => l.includes('Manifest webhook'))).toBe(true);
    expect(lines.some((l) => l.includes('secret-part'))).toBe(false);
  });
});

describe('run history pruning', () => {
  it('keeps the newest N runs younger than the age limit, and always the latest "updated" one', async () => {
    const prisma = await getPrisma();
    await prisma.manifestRun.deleteMany();
    const day = 24 * 60 * 60_000;
    const now = new Date('2026-06-01T00:00:00Z');
    const at = (msAgo: number) => new Date(now.getTime() - msAgo);
    const updated = await prisma.manifestRun.create({ data: { trigger: 'schedule', outcome: 'updated', startedAt: at(60 * day), version: 'old' } });
    await prisma.manifestRun.create({ data: { trigger: 'schedule', outcome: 'failed', startedAt: at(40 * day) } });
    for (let i = 0; i < 10; i++) await prisma.manifestRun.create({ data: { trigger: 'schedule', outcome: 'unchanged', startedAt: at(i * 60_000) } });

    expect(await pruneManifestRuns(prisma, { keep: 6, maxAgeDays: 30, now })).toBe(5);
    const left = await prisma.manifestRun.findMany({ orderBy: { startedAt: 'desc' } });
    expect(left).toHaveLength(7);
    expect(left.slice(0, 6).every((r) => r.outcome === 'unchanged')).toBe(true);
    expect(left.at(-1)?.id).toBe(updated.id);
    // Idempotent.
    expect(await pruneManifestRuns(prisma, { keep: 6, maxAgeDays: 30, now })).toBe(0);
  });
});
