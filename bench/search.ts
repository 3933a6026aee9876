/**
 * `npm run bench:search [-- --runs 500]`: the search language filtering 1,000 tiles in Chromium
 * (Debian's, through playwright-core, as the browser tests drive it). lib/search is bundled by
 * esbuild into one script and added to a blank page, so the page runs exactly the code the app
 * ships, with nothing else on the main thread. Each run parses and compiles the query and filters
 * every tile; the tiles are indexed once (as the app does per item list). Prints median and p95 per
 * query, and beside them the floor: fetching the GetProfile answer those tiles are built from (from
 * the simulator, over HTTP) and `JSON.parse` of it, nothing else (bench/profile-floor.ts).
 */
import path from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { createBungieSim } from '../dev/bungie-sim/index';
import { startSimServer } from '../dev/bungie-sim/http-server';
import { primaryMembership } from '../dev/bungie-sim/world/world';
import { chromiumPath } from '../dev/services/os-packages';
import { buildFacts, FACTS_COMPONENTS, factsNeeds } from '../lib/inventory/build/build-facts';
import { buildVault, VAULT_COMPONENTS, vaultNeeds } from '../lib/inventory/build/build-vault';
import { createDefinitionCache } from '../lib/inventory/definitions';
import type { ProfileAnswer } from '../lib/bungie/types';
import { withFacts, type SearchItem } from '../lib/search';
import { createMemoryStore } from '../tests/support/memory-manifest-store';
import { timeRequests } from './page-measure';
import { profileFloorTarget } from './profile-floor';

const root = path.resolve(import.meta.dirname, '..');
const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const RUNS = arg('runs', 500);
const ITEMS = 1000;
// Vault items for a vault page of at least 1,000 tiles (the account-wide stacks add ~86).
const VAULT_ITEMS = 920;
const QUERIES = [
  { label: 'five terms (the target)', query: 'is:weapon -is:locked power:>=1800 (is:solar or is:void) name:"a"' },
  { label: 'one bare word', query: 'oath' },
  { label: 'ten terms', query: 'is:weapon -is:locked power:>=1800 power:<2000 (is:solar or is:void or is:arc) -is:dupe type:rifle (tier:legendary or is:exotic) -name:"iron" is:unlocked' },
  { label: 'stats, base stats, season, max power', query: 'is:armor basestat:total:>=60 stat:total:>=70 season:>=20 or is:maxpower' },
];

/** A GetProfile answer of the simulator for `components`, fetched over HTTP like the floor's. */
async function simulatedAnswer(sim: ReturnType<typeof createBungieSim>, simUrl: string, components: readonly number[]): Promise<ProfileAnswer> {
  const { membershipType, membershipId } = primaryMembership(sim.world);
  const url = `${simUrl}/Platform/Destiny2/${membershipType}/Profile/${membershipId}/?components=${components.join(',')}`;
  const response = await fetch(url, { headers: { Authorization: `Bearer ${sim.issueTokens().access_token}`, 'X-API-Key': sim.credentials.apiKey } });
  return ((await response.json()) as { Response: ProfileAnswer }).Response;
}

/**
 * 1,000 tiles of the vault page, built as the app builds them (`buildVault`) from the simulator's
 * GetProfile answer (components 102, 200, 300), with their stats and perks joined on as the search
 * joins them once `GET /api/items/facts` answered (`buildFacts`, components 102, 201, 205, 304, 305).
 */
async function simulatedTiles(sim: ReturnType<typeof createBungieSim>, simUrl: string): Promise<SearchItem[]> {
  const answer = await simulatedAnswer(sim, simUrl, VAULT_COMPONENTS);
  const factsAnswer = await simulatedAnswer(sim, simUrl, FACTS_COMPONENTS);
  const cache = createDefinitionCache({ store: async () => createMemoryStore(sim.manifest) });
  const [defs, factsDefs] = [await cache.load(vaultNeeds(answer)), await cache.load(factsNeeds(factsAnswer))];
  if (!defs || !factsDefs) throw new Error('the simulated manifest has no definitions');
  const tiles = buildVault(answer, defs, { iconOrigin: 'https://www.bungie.net' }).groups.flatMap((g) => g.sections.flatMap((s) => s.items));
  if (tiles.length < ITEMS) throw new Error(`the simulated vault page has ${tiles.length} tiles, fewer than ${ITEMS}`);
  return withFacts(tiles.slice(0, ITEMS), buildFacts(factsAnswer, factsDefs).items);
}

type PageResult = { indexMs: number; isolated: boolean; results: { matched: number; runs: number[]; batched: number[] }[] };

async function main(): Promise<void> {
  const executablePath = process.env.CHROMIUM_PATH || chromiumPath();
  if (!executablePath) throw new Error('Chromium not found: apt-get install -y chromium.');
  const sim = createBungieSim({ seed: 1, vaultItems: VAULT_ITEMS });
  const server = await startSimServer({ sim });
  const tiles = await simulatedTiles(sim, server.url);
  const floor = (await timeRequests([profileFloorTarget(sim, server.url, sim.credentials.apiKey, VAULT_COMPONENTS)], '', Math.max(20, Math.round(RUNS / 10))))[0]!;
  await server.close();
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
    console.log(`\nSearch over ${ITEMS} tiles in Chromium ${version}, ${RUNS} runs per query; index built once in ${ms(out.indexMs)}; timer step ${out.isolated ? '5 µs' : '100 µs'}`);
    console.log(`Floor: GetProfile (components ${VAULT_COMPONENTS.join(', ')}; ${(floor.bytes / 1024).toFixed(0)} KB, the answer these tiles are built from) fetched and JSON.parse'd: p50 ${ms(floor.p50)}, p95 ${ms(floor.p95)}\n`);
    console.log('| query | matches | median | p95 | max | median per run, batches of 20 | median ÷ floor p50 |');
    console.log('| --- | --- | --- | --- | --- | --- | --- |');
    out.results.forEach((r, i) => {
      const q = QUERIES[i]!;
      const median = pct(r.runs, 50);
      console.log(`| ${q.label}: \`${q.query}\` | ${r.matched} | ${ms(median)} | ${ms(pct(r.runs, 95))} | ${ms(Math.max(...r.runs))} | ${ms(pct(r.batched, 50))} | ${(median / floor.p50).toFixed(4)} |`);
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
