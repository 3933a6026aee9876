/**
 * The naive baseline of `npm run bench:pages`, measured in this process: the vault's own loader
 * (`loadVault`) run against the same database, manifest store and simulator as the app, with the
 * product's batched definitions reader warm (this process's cache), cold (a fresh cache per call:
 * the first page after a manifest flip, one batched store read) and, unless left out, with
 * `loadDefinitionsNaively` injected (one store round trip per item, as the original app did). The
 * product carries no baseline code path: the bench injects it.
 */
import type { DefinitionsReader } from '@/lib/inventory/loaders/load-vault';
import { percentile } from './page-measure';

/** Loader timings (ms) of one variant. */
export type LoaderTimings = { p50: number; p95: number; mean: number; items: number };

/** The loader's timings per definitions reader; `naive` only when asked for. */
export type LoaderRun = { batched: LoaderTimings; cold: LoaderTimings; naive?: LoaderTimings };

/**
 * Runs `loadVault` for the one signed-in player `count` times per variant, round robin after
 * `warmup` unmeasured rounds. `env` is the app's environment (database, Upstash, simulator,
 * secret): it is set on this process before the app's modules are imported.
 */
export async function timeVaultLoader(env: Record<string, string>, count: number, options: { naive: boolean }, warmup = 5): Promise<LoaderRun> {
  Object.assign(process.env, env);
  const { getPrisma } = await import('@/lib/db/client');
  const { loadVault } = await import('@/lib/inventory/loaders/load-vault');
  const { createDefinitionCache } = await import('@/lib/inventory/definitions');
  const { getManifestStore } = await import('@/lib/manifest/get-store');
  const { loadDefinitionsNaively } = await import('./naive-definitions');
  const account = await (await getPrisma()).account.findFirst({ where: { provider: 'bungie' }, select: { userId: true } });
  if (!account) throw new Error('no signed-in player in the database');
  const cold: DefinitionsReader = (needs) => createDefinitionCache({ store: getManifestStore }).load(needs);
  const variants = [{}, { readDefinitions: cold }, ...(options.naive ? [{ readDefinitions: loadDefinitionsNaively }] : [])];
  const samples = variants.map(() => ({ ms: [] as number[], items: 0 }));
  for (let round = 0; round < warmup + count; round++) {
    for (const [index, options] of variants.entries()) {
      const started = performance.now();
      const result = await loadVault(account.userId, options);
      const elapsed = performance.now() - started;
      if (result.kind !== 'ok') throw new Error(`loadVault answered ${result.kind}`);
      if (round < warmup) continue;
      samples[index]!.ms.push(elapsed);
      samples[index]!.items = result.view.count;
    }
  }
  const [batched, coldRun, naive] = samples.map(({ ms, items }) => {
    ms.sort((a, b) => a - b);
    return { p50: percentile(ms, 50), p95: percentile(ms, 95), mean: ms.reduce((a, b) => a + b, 0) / ms.length, items };
  });
  return { batched: batched!, cold: coldRun!, naive };
}

/** Closes the database connection `timeVaultLoader` opened in this process (once, after the last size). */
export async function closeLoaderBench(): Promise<void> {
  const { getPrisma } = await import('@/lib/db/client');
  await (await getPrisma()).$disconnect();
}
