/**
 * `npm run bench:phone -- --profile`: where the phone's main thread spends its time. A Chromium
 * performance trace (devtools.timeline) gives the renderer main thread's self time by kind of work
 * (script, style, layout, parse, paint, GC), and the V8 sampling profile beside it gives the
 * script's self time by function — for a page load, and for a tap on a tile until its sheet shows.
 */
import type { Browser, Page } from 'playwright-core';

type TraceEvent = { name: string; ph: string; ts: number; dur?: number; pid: number; tid: number; args?: { name?: string } };
type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] };
type CpuProfile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

/** Self time (ms) per trace event name on the renderer's main thread, largest first. */
export function mainThreadSelfTime(events: TraceEvent[]): [string, number][] {
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const mine = events
    .filter((e) => e.ph === 'X' && e.dur !== undefined && main && e.pid === main.pid && e.tid === main.tid)
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const self = new Map<string, number>();
  const stack: { end: number; name: string }[] = [];
  for (const e of mine) {
    while (stack.length && stack.at(-1)!.end <= e.ts) stack.pop();
    const parent = stack.at(-1);
    if (parent) self.set(parent.name, (self.get(parent.name) ?? 0) - e.dur! / 1000);
    self.set(e.name, (self.get(e.name) ?? 0) + e.dur! / 1000);
    stack.push({ end: e.ts + e.dur!, name: e.name });
  }
  return [...self].filter(([, t]) => t > 0.5).sort((a, b) => b[1] - a[1]);
}

/** Self time (ms) per function of a V8 CPU profile, largest first, named `function (file:line)`. */
export function functionSelfTime(profile: CpuProfile): [string, number][] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const f = byId.get(id)!.callFrame;
    const file = f.url ? f.url.replace(/^.*\/_next\/static\//, '') : '';
    const key = `${f.functionName || '(anonymous)'}${file ? ` (${file}:${f.lineNumber + 1}:${f.columnNumber + 1})` : ''}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...self].sort((a, b) => b[1] - a[1]);
}

/** Runs `work` under a trace and a CPU profile; prints the top `top` rows of each under `title`. */
export async function profile(browser: Browser, page: Page, title: string, work: () => Promise<void>, top = 15): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8'] });
  await cdp.send('Profiler.start');
  await work();
  const { profile: cpu } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
  const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] };
  const rows = (list: [string, number][]) => list.slice(0, top).map(([name, t]) => `| ${name} | ${t.toFixed(0)} ms |`).join('\n');
  const main = mainThreadSelfTime(trace.traceEvents);
  const total = main.reduce((n, [, t]) => n + t, 0);
  console.log(`\n${title}: main thread busy ${total.toFixed(0)} ms (self time by kind of work)\n\n| work | self time |\n| --- | --- |\n${rows(main)}`);
  console.log(`\n${title}: script self time by function (V8 sampling profile)\n\n| function | self time |\n| --- | --- |\n${rows(functionSelfTime(cpu))}`);
}
