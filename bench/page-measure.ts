/** Measurements for `npm run bench:pages`: server response times and first-load transfer. */
import http from 'node:http';
import { gunzipSync } from 'node:zlib';
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
 * (the floor's `JSON.parse`) and says whether the answer is good. `encoding`: what a page is asked
 * for (`gzip` unless told; `identity` to time it without the server's compression).
 */
export type Target = { url: string; expect?: string; headers?: Record<string, string>; parse?: (body: string) => boolean; encoding?: 'gzip' | 'identity' };

/** The median of some numbers (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * One page, as the server sends it: its bytes as they arrive (gzip, as a browser asks for it),
 * timed to the last one; unpacked and decoded only after the clock stops. Decoding is the client's
 * work, and `fetch` would add it to the time: its gunzip, and a UTF-8 decode that costs 2–4 ms for
 * 480 KB of HTML (the handful of non-ASCII characters in the page's shell, "Xûr" and "…", make the
 * whole text a two-byte string), none of it the server's.
 */
function getPage(url: string, cookie: string, encoding: 'gzip' | 'identity' = 'gzip'): Promise<{ status: number; first: number; done: number; body: () => string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers: { cookie, 'accept-encoding': encoding } }, (response) => {
      const first = performance.now();
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.once('error', reject);
      response.once('end', () => {
        const done = performance.now();
        const raw = Buffer.concat(chunks);
        resolve({ status: response.statusCode ?? 0, first, done, body: () => (response.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8') });
      });
    });
    request.once('error', reject);
  });
}

/**
 * GETs each target `count` times with `cookie`, one request at a time, round robin (after
 * `warmup` unmeasured rounds) so the machine's load weighs on every target alike. Each is timed
 * to the end of the body (and its `parse`): /vault streams its shell first, so the first byte
 * alone would hide the data work. A page (no `parse`) is timed to its last byte as it arrives
 * (`getPage`); a floor is fetched, decoded and parsed, as the app must do with Bungie's answer.
 * Throws when an answer is not 200 or lacks its target's `expect`.
 */
export async function timeRequests(targets: readonly Target[], cookie: string, count: number, warmup = 5): Promise<Timings[]> {
  const samples = targets.map(() => ({ total: [] as number[], ttfb: [] as number[], bytes: 0 }));
  for (let round = 0; round < warmup + count; round++) {
    for (const [index, target] of targets.entries()) {
      const started = performance.now();
      let status: number, first: number, done: number, body: string, good: boolean;
      if (target.parse) {
        const response = await fetch(target.url, { headers: target.headers ?? { cookie }, redirect: 'manual' });
        first = performance.now();
        body = await response.text();
        good = target.parse(body);
        done = performance.now();
        status = response.status;
      } else {
        const page = await getPage(target.url, cookie, target.encoding);
        ({ status, first, done } = page);
        body = page.body();
        good = true;
      }
      if (status !== 200 || !good || (target.expect && !body.includes(target.expect))) throw new Error(`${target.url} answered ${status} without ${target.expect ?? 'a good answer'} (session, manifest?)`);
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
