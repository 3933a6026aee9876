/**
 * `npm run bench:bundles`: what each server function of the last `next build` carries, as Vercel
 * would package it — the files Next's tracer lists for the route (`*.nft.json`), their bytes on disk
 * summed — biggest first, with the heaviest packages of the biggest one. Vercel's limit is 250 MB
 * unzipped per function. Run `npm run build` first (with `VERCEL=1` to see the cloud packaging).
 */
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const appDir = path.join(root, '.next/server/app');

function traces(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return traces(full);
    return entry.name.endsWith('.nft.json') ? [full] : [];
  });
}

function sizeOf(file: string): number {
  try {
    const stat = fs.statSync(file);
    return stat.isFile() ? stat.size : 0;
  } catch {
    return 0;
  }
}

/** The package a traced path belongs to (`@scope/name` or `name`), or `app` for the build's own files. */
function packageOf(file: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  return match?.[1] ?? 'app';
}

if (!fs.existsSync(appDir)) {
  console.error('No build found: run `npm run build` first.');
  process.exit(2);
}
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const rows = traces(appDir).map((trace) => {
  const { files } = JSON.parse(fs.readFileSync(trace, 'utf8')) as { files: string[] };
  const paths = files.map((f) => path.resolve(path.dirname(trace), f));
  const byPackage = new Map<string, number>();
  for (const p of paths) byPackage.set(packageOf(p), (byPackage.get(packageOf(p)) ?? 0) + sizeOf(p));
  const total = [...byPackage.values()].reduce((a, b) => a + b, 0);
  const route = '/' + path.relative(appDir, trace).replace(/\/(page|route)\.js\.nft\.json$/, '').replace(/^(page|route)\.js\.nft\.json$/, '');
  return { route, total, files: paths.length, byPackage };
});
rows.sort((a, b) => b.total - a.total);
console.log('| function | traced files | bytes |\n| --- | ---: | ---: |');
for (const r of rows) console.log(`| ${r.route} | ${r.files} | ${mb(r.total)} |`);
const biggest = rows[0];
if (biggest) {
  console.log(`\nHeaviest packages in ${biggest.route}:`);
  for (const [name, bytes] of [...biggest.byPackage].sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(`  ${name}: ${mb(bytes)}`);
}
