/**
 * `npm run bench:search [-- --runs 500]`: the search language filtering 1,000 realistic tiles in
 * Chromium (Debian's, through playwright-core, as the browser tests drive it). lib/search is
 * bundled by esbuild into one script and added to a blank page, so the page runs exactly the
 * code the app ships, with nothing else on the main thread. Each run parses and compiles the query
 * and filters every tile; the tiles are indexed once (as the app does per item list). Prints
 * median and p95 per query.
 */
import path from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { DAMAGE_TYPES } from '../dev/bungie-sim/constants';
import { generateItemDefinitions } from '../dev/bungie-sim/manifest/item-generator';
import { createRng } from '../dev/bungie-sim/prng';
import { chromiumPath } from '../dev/services/os-packages';
import type { ItemTile, Tier } from '../lib/inventory/types';

const root = path.resolve(import.meta.dirname, '..');
const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const RUNS = arg('runs', 500);
const ITEMS = 1000;
const QUERIES = [
  { label: 'five terms (the target)', query: 'is:weapon -is:locked power:>=1800 (is:solar or is:void) name:"a"' },
  { label: 'one bare word', query: 'oath' },
  { label: 'ten terms', query: 'is:weapon -is:locked power:>=1800 power:<2000 (is:solar or is:void or is:arc) -is:dupe type:rifle (tier:legendary or is:exotic) -name:"iron" is:unlocked' },
];
const TIERS: Record<number, Tier> = { 3: 'uncommon', 4: 'rare', 5: 'legendary', 6: 'exotic' };

/** 1,000 tiles shaped as the app builds them, from the simulator's generated item definitions. */
function generateTiles(): ItemTile[] {
  const rng = createRng(2026);
  const defs = generateItemDefinitions(700, 11).filter((d) => d.itemType === 2 || d.itemType === 3 || rng.chance(0.3));
  return Array.from({ length: ITEMS }, (_, i) => {
    const def = rng.pick(defs);
    const gear = def.itemType === 2 || def.itemType === 3;
    return {
      key: String(6917529000000000000n + BigInt(i)), hash: def.hash, instanceId: String(6917529000000000000n + BigInt(i)), known: true,
      name: def.displayProperties.name, iconUrl: null, tier: TIERS[def.inventory?.tierType ?? 0] ?? 'common', tierName: def.inventory?.tierTypeName ?? '',
      typeName: def.itemTypeDisplayName ?? '', power: gear ? rng.int(1750, 2010) : null,
      damageType: DAMAGE_TYPES.find((d) => d.enumValue === def.defaultDamageType)?.name ?? null,
      locked: gear && rng.chance(0.3), masterwork: gear && rng.chance(0.25), quantity: 1, equipped: i % 50 === 0,
      slotHash: def.inventory?.bucketTypeHash ?? 0, itemType: def.itemType ?? 0, classType: def.classType ?? 3,
      location: i % 50 === 0 ? { kind: 'equipped', characterId: '1', label: 'Equipped' } : { kind: 'vault', label: 'Vault' },
    };
  });
}

type PageResult = { indexMs: number; isolated: boolean; results: { matched: number; runs: number[]; batched: number[] }[] };

async function main(): Promise<void> {
  const executablePath = process.env.CHROMIUM_PATH || chromiumPath();
  if (!executablePath) throw new Error('Chromium not found: apt-get install -y chromium.');
  const bundle = await build({ entryPoints: [path.join(root, 'lib/search/index.ts')], bundle: true, format: 'iife', globalName: 'VaultSearch', write: false, target: 'es2022', minify: true });
  const script = bundle.outputFiles[0]!.text;
  const browser = await chromium.launch({
    executablePath, headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    // A cross-origin-isolated page (a secure context: localhost, answered here, never on the network) gets performance.now() in 5 µs steps instead of 100 µs.
    await page.route('http://localhost:9/search-bench', (route) =>
      route.fulfill({
        contentType: 'text/html',
        headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' },
        body: '<!doctype html><title>search bench</title>',
      }),
    );
    await page.goto('http://localhost:9/search-bench');
    await page.addScriptTag({ content: script });
    // tsx compiles this file keeping function names, through a `__name` helper the page lacks.
    await page.addScriptTag({ content: 'globalThis.__name = (f) => f;' });
    const tiles = generateTiles();
    const out = await page.evaluate(
      ({ tiles, queries, runs }) => {
        type Search = typeof import('../lib/search');
        const search = (window as unknown as { VaultSearch: Search }).VaultSearch;
        const t0 = performance.now();
        const index = search.indexItems(tiles);
        const indexMs = performance.now() - t0;
        const once = (q: string) => {
          const compiled = search.compileSearch(q, index);
          if (!compiled.ok) throw new Error(compiled.error.message);
          return tiles.filter(compiled.matches).length;
        };
        const results = queries.map((q) => {
          for (let i = 0; i < 50; i++) once(q); // warm-up: let the JIT settle
          const single: number[] = [];
          const batched: number[] = [];
          let matched = 0;
          for (let i = 0; i < runs; i++) {
            const start = performance.now();
            matched = once(q);
            single.push(performance.now() - start);
          }
          // The browser coarsens performance.now(); batches of 20 show the time below its step.
          for (let i = 0; i < runs / 10; i++) {
            const start = performance.now();
            for (let j = 0; j < 20; j++) once(q);
            batched.push((performance.now() - start) / 20);
          }
          return { matched, runs: single, batched };
        });
        return { indexMs, results, isolated: crossOriginIsolated };
      },
      { tiles, queries: QUERIES.map((q) => q.query), runs: RUNS },
    ) as PageResult;
    const version = browser.version();
    const pct = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!;
    const ms = (n: number) => `${n.toFixed(3)} ms`;
    console.log(`\nSearch over ${ITEMS} tiles in Chromium ${version}, ${RUNS} runs per query; index built once in ${ms(out.indexMs)}; timer step ${out.isolated ? '5 µs' : '100 µs'}\n`);
    console.log('| query | matches | median | p95 | max | median per run, batches of 20 |');
    console.log('| --- | --- | --- | --- | --- | --- |');
    out.results.forEach((r, i) => {
      const q = QUERIES[i]!;
      console.log(`| ${q.label}: \`${q.query}\` | ${r.matched} | ${ms(pct(r.runs, 50))} | ${ms(pct(r.runs, 95))} | ${ms(Math.max(...r.runs))} | ${ms(pct(r.batched, 50))} |`);
    });
    const target = pct(out.results[0]!.runs, 50);
    console.log(`\nfive-term query median ${ms(target)} — target ≤ 5 ms: ${target <= 5 ? 'met' : 'MISSED'}`);
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
