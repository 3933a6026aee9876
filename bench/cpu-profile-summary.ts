/**
 * Where a profiled app spent its CPU: reads the `.cpuprofile` files `npm run bench:pages -- --cpu-prof DIR`
 * leaves in DIR and prints the CPU time by area — each sample counted once, under the first frame
 * from the leaf up that names an area (React's HTML render and RSC payload inside Next's bundled
 * runtime, client components, the app's own chunks — loaders, views, the Bungie answer's
 * JSON.parse —, gzip, sockets, the database, garbage collection) — then the functions with the most self time.
 * Usage: `npx tsx bench/cpu-profile-summary.ts DIR [top] [from-s] [to-s]` (from/to: a window of
 * the profile in seconds, e.g. to leave out start-up and the manifest ingest).
 */
import fs from 'node:fs';
import path from 'node:path';

type Frame = { functionName: string; url: string; lineNumber: number; columnNumber: number };
type Node = { id: number; callFrame: Frame; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number };

/** The area a frame names, or null to look further up the stack. */
function areaOf({ url, lineNumber }: Frame): string | null {
  if (!url) return null;
  // Next bundles React's server renderers into this file: Fizz (HTML) on its first lines, Flight (RSC) further down.
  if (/app-page-turbo\.runtime/.test(url)) return lineNumber <= 1 ? 'React: HTML render (Fizz)' : lineNumber >= 12 && lineNumber <= 15 ? 'React: RSC payload (Flight)' : 'Next runtime';
  if (/next\/dist/.test(url)) return 'Next runtime';
  if (/components_/.test(url)) return 'client components rendered on the server';
  if (/\.next\/server/.test(url)) return 'the app (.next/server chunks: loaders, views, pages)';
  if (/zlib/.test(url)) return 'gzip';
  if (/undici|node:net|streams|node:http|_http/.test(url)) return 'sockets and streams';
  if (/prisma|node_modules\/pg/.test(url)) return 'database';
  return null;
}

const [dir, topArg, fromArg, toArg] = process.argv.slice(2);
if (!dir) throw new Error('usage: tsx bench/cpu-profile-summary.ts DIR [top] [from-s] [to-s]');
const [from, to] = [Number(fromArg ?? 0) * 1e6, Number(toArg ?? 1e9) * 1e6];
const byArea = new Map<string, number>();
const byFunction = new Map<string, number>();
const add = (map: Map<string, number>, key: string, ms: number) => map.set(key, (map.get(key) ?? 0) + ms);
let total = 0;
for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
  const profile = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Profile;
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    const leaf = nodes.get(id)!.callFrame;
    // Idle time, and the odd sample that spans a pause of the whole process, are no work.
    if (leaf.functionName === '(idle)' || delta > 50_000 || at - profile.startTime < from || at - profile.startTime > to) return;
    const ms = delta / 1000;
    total += ms;
    let area = leaf.functionName === '(garbage collector)' ? 'garbage collection' : null;
    for (let cur: number | undefined = id; !area && cur !== undefined; cur = parent.get(cur)) area = areaOf(nodes.get(cur)!.callFrame);
    add(byArea, area ?? `other: ${leaf.functionName || '(anonymous)'}`, ms);
    add(byFunction, `${leaf.functionName || '(anonymous)'} ${leaf.url.split('/').slice(-2).join('/')}:${leaf.lineNumber + 1}:${leaf.columnNumber + 1}`, ms);
  });
}
const rows = (map: Map<string, number>, n: number) =>
  [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `| ${k} | ${v.toFixed(0)} ms | ${((100 * v) / total).toFixed(1)} % |`).join('\n');
console.log(`CPU time (idle left out): ${total.toFixed(0)} ms\n\n| area | CPU time | share |\n| --- | --- | --- |\n${rows(byArea, 16)}`);
console.log(`\n| function (self time) | CPU time | share |\n| --- | --- | --- |\n${rows(byFunction, Number(topArg ?? 25))}`);
