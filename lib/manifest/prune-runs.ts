import 'server-only';
import type { PrismaClient } from '@/lib/db/client';

/** How much ManifestRun history to keep. */
export type RunRetention = { keep?: number; maxAgeDays?: number; now?: Date };

/**
 * Trims the refresh history: a 5-minute schedule writes ~8,600 rows a month, nearly all
 * "unchanged". Keeps the newest `keep` runs (500) that are younger than `maxAgeDays` (30), and
 * always the latest "updated" run, so the admin page can still say when the manifest last changed.
 * Returns how many rows were deleted.
 */
export async function pruneManifestRuns(prisma: PrismaClient, retention: RunRetention = {}): Promise<number> {
  const keep = retention.keep ?? 500;
  const cutoff = new Date((retention.now ?? new Date()).getTime() - (retention.maxAgeDays ?? 30) * 24 * 60 * 60_000);
  const [newest, lastUpdated] = await Promise.all([
    prisma.manifestRun.findMany({ orderBy: { startedAt: 'desc' }, take: keep, select: { id: true } }),
    prisma.manifestRun.findFirst({ where: { outcome: 'updated' }, orderBy: { startedAt: 'desc' }, select: { id: true } }),
  ]);
  const { count } = await prisma.manifestRun.deleteMany({
    where: {
      ...(lastUpdated ? { id: { not: lastUpdated.id } } : {}),
      OR: [{ startedAt: { lt: cutoff } }, { id: { notIn: newest.map((r) => r.id) } }],
    },
  });
  return count;
}
