/**
 * Measurements for `npm run bench:phone`, taken inside the page: paint and long-task entries from
 * the browser's own performance timeline, and input → screen times read from the input event's
 * time stamp to the frame after the screen shows the answer.
 */
import type { BrowserContext, Locator, Page } from 'playwright-core';

/** The emulated mid-range phone: CPU slowed 4×, 60 ms round trip, 9 Mbit/s each way, cache off. */
export const PHONE_CONDITIONS = { cpuSlowdown: 4, latencyMs: 60, bitsPerSecond: 9_000_000 } as const;

/** What a page load cost the phone. */
export type LoadFigures = { fcp: number; lcp: number; longTasks: number; longTaskCount: number; bytes: number };

/**
 * Records paints and long tasks from the document's start (an init script, so nothing before the
 * observers is missed; `buffered` alone drops long tasks in some Chromium builds).
 */
const RECORDER = `(() => {
  const seen = { fcp: 0, lcp: 0, longTasks: 0, longTaskCount: 0 };
  window.__phoneBench = seen;
  new PerformanceObserver((list) => { for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') seen.fcp = e.startTime; }).observe({ type: 'paint', buffered: true });
  new PerformanceObserver((list) => { for (const e of list.getEntries()) seen.lcp = e.startTime; }).observe({ type: 'largest-contentful-paint', buffered: true });
  new PerformanceObserver((list) => { for (const e of list.getEntries()) { seen.longTasks += Math.max(0, e.duration - 50); seen.longTaskCount++; } }).observe({ type: 'longtask', buffered: true });
})();`;

/** A page under phone conditions, counting the bytes it receives (compressed, headers included). */
export async function phonePage(context: BrowserContext): Promise<{ page: Page; bytes: () => number }> {
  await context.addInitScript(RECORDER);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const { latencyMs, bitsPerSecond, cpuSlowdown } = PHONE_CONDITIONS;
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: latencyMs, downloadThroughput: bitsPerSecond / 8, uploadThroughput: bitsPerSecond / 8 });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e) => (bytes += e.encodedDataLength));
  return { page, bytes: () => bytes };
}

/**
 * Opens `url` and waits until the page is done: `ready` visible, the network quiet, then a second
 * without a new long task or paint. Long tasks count what each spent beyond 50 ms.
 */
export async function measureLoad(page: Page, bytes: () => number, url: string, ready: string): Promise<LoadFigures> {
  const before = bytes();
  await page.goto(url, { waitUntil: 'load' });
  await page.locator(ready).first().waitFor({ timeout: 60_000 });
  await page.waitForLoadState('networkidle');
  let last = '';
  for (let i = 0; i < 20; i++) {
    const now = JSON.stringify(await page.evaluate(() => (window as unknown as { __phoneBench: unknown }).__phoneBench));
    if (now === last) break;
    last = now;
    await page.waitForTimeout(1000);
  }
  const seen = await page.evaluate(() => (window as unknown as { __phoneBench: Omit<LoadFigures, 'bytes'> }).__phoneBench);
  return { ...seen, bytes: bytes() - before };
}

/** What ends an input's measurement: the sheet drawn, a move's confirmation, or the grid settled after a keystroke. */
export type Until = 'sheet' | 'moved' | 'grid';

/**
 * The in-page half of `timeInput` (its promise becomes `window.__timeInput`), as source text: tsx
 * names functions with a helper the page does not have, so `page.evaluate` gets no function here.
 */
const TIME_INPUT = `(kind) => { window.__timeInput = new Promise((resolve, reject) => {
  let start = -1;
  window.addEventListener(kind === 'grid' ? 'keydown' : 'pointerdown', (e) => { if (start < 0) start = e.timeStamp; }, { capture: true });
  const done = () => {
    if (kind === 'sheet') return Boolean(document.querySelector('dialog[open] #item-sheet-title'));
    const status = document.querySelector('dialog[open] section[aria-label="Actions"] [role="status"]');
    return /^Moved/.test(status?.textContent ?? '');
  };
  let lastFrame = -1;
  let quiet;
  const finish = () => {
    observer.disconnect();
    if (lastFrame < 0) reject(new Error('the grid never changed'));
    else resolve(lastFrame - start);
  };
  // The grid: the item sections (tiles and counts), not the search box's own suggestions.
  const inGrid = (r) => (r.target.nodeType === 1 ? r.target : r.target.parentElement)?.closest('[data-bucket-hash], [data-group], [data-store]');
  const observer = new MutationObserver((records) => {
    if (start < 0) return;
    if (kind === 'grid') {
      if (!records.some(inGrid)) return;
      requestAnimationFrame(() => (lastFrame = performance.now()));
      clearTimeout(quiet);
      quiet = setTimeout(finish, 600);
    } else if (done()) {
      observer.disconnect();
      requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start)));
    }
  });
  observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  setTimeout(() => reject(new Error('no ' + kind + ' within 30 s')), 30_000);
}); window.__timeInput.catch(() => undefined); }`;

/**
 * Milliseconds from the input that `act` performs (its `pointerdown` or `keydown` time stamp) to
 * the frame after the screen shows the answer. For 'grid' the answer is the last change to the
 * item sections before they stay quiet for 600 ms (a deferred render may come in several commits).
 */
export async function timeInput(page: Page, until: Until, act: () => Promise<void>): Promise<number> {
  // Armed before the input, and awaited: Chromium runs input ahead of other queued work.
  await page.evaluate(`(${TIME_INPUT})(${JSON.stringify(until)})`);
  await act();
  return page.evaluate<number>('window.__timeInput');
}

/** Taps `target` and times it until the item sheet shows the tile's name; the sheet stays open. */
export async function tapToSheet(page: Page, target: Locator): Promise<number> {
  await target.scrollIntoViewIfNeeded();
  return timeInput(page, 'sheet', () => target.tap());
}

/** In the open sheet, taps "Move to …" `place` and times it until the sheet says "Moved to …". */
export async function tapToMoved(page: Page, place: string): Promise<number> {
  const button = page.locator('dialog[open]').getByRole('button', { name: `Move to ${place}`, exact: true });
  await button.waitFor();
  return timeInput(page, 'moved', () => button.tap());
}

/** Types `key` in the search box (focused first, unmeasured) and times it until the grid settles. */
export async function keyToGrid(page: Page, key: string): Promise<number> {
  const box = page.getByRole('combobox', { name: 'Search items' });
  await box.focus();
  return timeInput(page, 'grid', () => page.keyboard.press(key));
}
