/**
 * Where a profiled app spent its CPU: reads the `.cpuprofile` files `npm run bench:pages -- --cpu-prof DIR`
 * leaves in DIR and prints the self time by area (React's server renderer, Next, Prisma, the app's
 * own code, JSON, garbage collection, …) and the functions with the most self time.
 * Usage: `npx tsx bench/cpu-profile-summary.ts DIR [top]`.
 */
import fs from 'node:fs';
import path from 'node:path';

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };

/** The area a frame belongs to, from its script's URL and name. */
function areaOf(frame: Node['callFrame']): string {
  const { url, functionName } = frame;
  if (functionName === '(garbage collector)') return 'garbage collection';
  if (functionName === '(idle)' || functionName === '(program)') return functionName;
  if (!url) return `native: ${functionName || '(anonymous)'}`;
  if (/react-dom|react-server-dom|compiled\/react/.test(url)) return 'React (server render, RSC)';
  if (/next\/dist/.test(url)) return 'Next';
  if (/@prisma|prisma/.test(url)) return 'Prisma';
  if (/node_modules\/(pg|pg-protocol)/.test(url)) return 'pg driver';
  if (/node_modules\/@auth|next-auth/.test(url)) return 'Auth.js';
  if (/^node:/.test(url)) return `node: ${url.replace(/^node:/, '').split('/')[0]}`;
  if (/\.next\/server/.test(url)) return 'the app (.next/server chunks)';
  return url.split('/node_modules/')[1]?.split('/')[0] ?? url;
}

const dir = process.argv[2];
const top = Number(process.argv[3] ?? 30);
if (!dir) throw new Error('usage: tsx bench/cpu-profile-summary.ts DIR [top]');
const byArea = new Map<string, number>();
const byFunction = new Map<string, number>();
let total = 0;
for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
  const profile = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Profile;
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  profile.samples.forEach((id, i) => {
    const frame = nodes.get(id)!.callFrame;
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    if (frame.functionName === '(idle)') return;
    total += dt;
    const area = areaOf(frame);
    byArea.set(area, (byArea.get(area) ?? 0) + dt);
    const key = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').slice(-2).join('/')}:${frame.lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + dt);
  });
}
const rows = (map: Map<string, number>, n: number) =>
  [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `| ${k} | ${v.toFixed(0)} ms | ${((100 * v) / total).toFixed(1)} % |`).join('\n');
console.log(`CPU time, idle left out: ${total.toFixed(0)} ms\n\n| area | self time | share |\n| --- | --- | --- |\n${rows(byArea, 20)}`);
console.log(`\n| function | self time | share |\n| --- | --- | --- |\n${rows(byFunction, top)}`);
