/** Measurements for `npm run bench:pages`: server response times and first-load transfer. */
import type { Browser } from 'playwright-core';
import { PHONE } from '../tests/support/browser';

/** Percentile (nearest rank) of ascending-sorted samples. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Timings of `count` requests to one target, each to the last byte of the body. */
export type Timings = { p50: number; p95: number; mean: number; ttfbP50: number; bytes: number };

/**
 * What to request, and a string its answer must hold (else the run is void). `headers` replace the
 * session cookie (the floor asks the simulator with a token); `parse` is timed with the request
 * (the floor's `JSON.parse`) and says whether the answer is good.
 */
export type Target = { url: string; expect?: string; headers?: Record<string, string>; parse?: (body: string) => boolean };

/** The median of some numbers (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * GETs each target `count` times with `cookie`, one request at a time, round robin (after
 * `warmup` unmeasured rounds) so the machine's load weighs on every target alike. Each is timed
 * to the end of the body (and its `parse`): /vault streams its shell first, so the first byte
 * alone would hide the data work. Throws when an answer is not 200 or lacks its target's `expect`.
 */
export async function timeRequests(targets: readonly Target[], cookie: string, count: number, warmup = 5): Promise<Timings[]> {
  const samples = targets.map(() => ({ total: [] as number[], ttfb: [] as number[], bytes: 0 }));
  for (let round = 0; round < warmup + count; round++) {
    for (const [index, target] of targets.entries()) {
      const started = performance.now();
      const response = await fetch(target.url, { headers: target.headers ?? { cookie }, redirect: 'manual' });
      const first = performance.now();
      const body = await response.text();
      const good = target.parse ? target.parse(body) : true;
      const done = performance.now();
      if (response.status !== 200 || !good || (target.expect && !body.includes(target.expect))) throw new Error(`${target.url} answered ${response.status} without ${target.expect ?? 'a good answer'} (session, manifest?)`);
      if (round < warmup) continue;
      const s = samples[index]!;
      s.total.push(done - started);
      s.ttfb.push(first - started);
      s.bytes = body.length;
    }
  }
  return samples.map(({ total, ttfb, bytes }) => {
    total.sort((a, b) => a - b);
    ttfb.sort((a, b) => a - b);
    return { p50: percentile(total, 50), p95: percentile(total, 95), mean: total.reduce((x, y) => x + y, 0) / total.length, ttfbP50: percentile(ttfb, 50), bytes };
  });
}

/** Compressed bytes on the wire by resource type for one page load. */
export type Transfer = { document: number; script: number; stylesheet: number; images: number; other: number; requests: number };

/**
 * Loads `url` in a fresh phone context (390×844, a phone's User-Agent) holding `cookie`, and sums Chromium's
 * `encodedDataLength` (compressed bytes received, headers included) per resource type.
 */
export async function firstLoadTransfer(browser: Browser, origin: string, url: string, cookie: { name: string; value: string }): Promise<Transfer> {
  const context = await browser.newContext(PHONE);
  await context.addCookies([{ ...cookie, url: origin }]);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const types = new Map<string, string>();
  const out: Transfer = { document: 0, script: 0, stylesheet: 0, images: 0, other: 0, requests: 0 };
  cdp.on('Network.requestWillBeSent', (e) => types.set(e.requestId, e.type ?? 'Other'));
  cdp.on('Network.loadingFinished', (e) => {
    const type = types.get(e.requestId) ?? 'Other';
    const key = type === 'Document' ? 'document' : type === 'Script' ? 'script' : type === 'Stylesheet' ? 'stylesheet' : type === 'Image' ? 'images' : 'other';
    out[key] += e.encodedDataLength;
    out.requests++;
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.locator('[data-testid="vault-count"]').waitFor();
  await page.waitForLoadState('networkidle');
  await context.close();
  return out;
}
