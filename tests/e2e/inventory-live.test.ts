import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, e2eBaseUrl, launchChromium, newContext } from '../support/browser';
import { allTilesDrawn, MANIFEST_WAIT_MS, simControl, simVault } from '../support/inventory';
import { openInventory } from '../support/inventory-screen';
import { simWorld } from '../support/journey';
import { signIn } from '../support/sign-in';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** Counts the answers to `path` the page receives from now on. */
function answersTo(page: Page, path: string): number[] {
  const answers: number[] = [];
  page.on('response', (r) => {
    if (new URL(r.url()).pathname === path) answers.push(r.status());
  });
  return answers;
}

// Freshness is SWR's and the server's behaviour, not layout: one viewport is enough.
describe('the inventory screen keeps itself fresh as the vault page does', () => {
  it('reads /api/inventory when 30 s pass (not while time stands), and right after an action', async () => {
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    // The page's own timers run on a clock the test moves: 30 s pass in an instant.
    await page.clock.install();
    await signIn(page);
    await openInventory(page);
    const reads = answersTo(page, '/api/inventory');
    const known = (await simVault()).items.find((i) => i.known && i.itemInstanceId && i.itemType === 3)!;
    const { added } = (await simControl({ addVaultItem: { itemHash: known.itemHash } })) as { added: { itemInstanceId: string } };
    try {
      const tile = page.locator(`main [data-store] button[data-item-id="${added.itemInstanceId}"]`);
      // Time stands still: nothing reads the view (no focus, no other trigger) …
      await page.clock.pauseAt(Date.now() + 2_000);
      await page.waitForTimeout(3_000);
      expect(reads, 'no read while the clock stands').toEqual([]);
      expect(await tile.count()).toBe(0);
      // … until 30 s have passed.
      await page.clock.fastForward('00:31');
      await tile.waitFor({ timeout: 15_000 });
      expect(reads).toEqual([200]);

      // An action (lock, from the sheet): the view is read again once the game answered.
      await page.clock.resume();
      const lockedBefore = (await tile.getAttribute('data-locked')) !== null;
      await tile.click();
      await page.getByRole('dialog').getByRole('button', { name: lockedBefore ? 'Unlock' : 'Lock', exact: true }).click();
      await expect.poll(() => reads.length, { timeout: 15_000, message: 'one read after the action' }).toBe(2);
      expect(reads).toEqual([200, 200]);
      const world = (await simWorld()).items.find((i) => i.itemInstanceId === added.itemInstanceId)!;
      expect(world.locked).toBe(!lockedBefore);
      await expect.poll(async () => (await tile.getAttribute('data-locked')) !== null, { timeout: 10_000 }).toBe(world.locked);
    } finally {
      await simControl({ removeItem: added.itemInstanceId });
      await context.close();
    }
  }, MANIFEST_WAIT_MS + 90_000);
});

/**
 * The tiles of each section, in page order, by section (store or group, and bucket hash). Not only
 * under `main`: without JavaScript, the streamed part of a page stays where the server put it, in
 * a hidden element at the end of the body.
 */
async function sectionOrders(page: Page): Promise<Record<string, string[]>> {
  return page.$$eval('section[data-bucket-hash]:not(dialog section)', (sections) =>
    Object.fromEntries(
      sections.map((s) => [
        `${s.closest('[data-store]')?.getAttribute('data-store') ?? s.closest('[data-group]')?.getAttribute('data-group') ?? ''}:${s.getAttribute('data-bucket-hash')}`,
        [...s.querySelectorAll(':scope > ul button[data-item-hash]')].map((b) => `${b.getAttribute('data-item-id') ?? b.getAttribute('data-item-hash')}|${(b.getAttribute('aria-label') ?? '').split(', ')[0]}|${b.hasAttribute('data-equipped')}`),
      ]),
    ),
  );
}

/** Sets the player's stored sort order through the app (same-origin POST from the page). */
async function storeSort(page: Page, sort: string): Promise<void> {
  const status = await page.evaluate(async (s) => (await fetch('/api/search', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ action: 'sort', sort: s }) })).status, sort);
  expect(status).toBe(200);
}

describe('a remembered sort is the order the server renders', () => {
  it('sends /vault and /inventory already sorted by name, and the order holds once the page runs', async () => {
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await signIn(page);
    await openInventory(page);
    await storeSort(page, 'name');
    // What the server sent, before any script: the same session in a context without JavaScript.
    const noScript: BrowserContext = await browser.newContext({ ...DESKTOP, baseURL: e2eBaseUrl(), javaScriptEnabled: false });
    await noScript.addCookies(await context.cookies());
    try {
      for (const path of ['/vault', '/inventory']) {
        const raw = await noScript.newPage();
        await raw.goto(path);
        const served = await sectionOrders(raw);
        // The server draws the first screen's tiles (use-first-screen.ts): a few sections' worth.
        const sections = Object.entries(served).filter(([, tiles]) => tiles.length > 2);
        expect(sections.length, path).toBeGreaterThan(1);
        // By name within each section (equipped first, as every order keeps it).
        for (const [key, tiles] of sections) {
          const names = tiles.filter((t) => t.endsWith('|false')).map((t) => t.split('|')[1]!);
          expect(names, `${path} ${key}`).toEqual([...names].sort((a, b) => a.localeCompare(b)));
        }
        // The running page shows the same order once the stored prefs have been read too.
        const prefsRead = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/search', { timeout: 15_000 }).catch(() => null);
        await page.goto(path);
        await page.waitForFunction(() => {
          const tile = document.querySelector('main button[data-item-hash]');
          return Boolean(tile && Object.keys(tile).some((k) => k.startsWith('__reactProps')));
        });
        await prefsRead;
        await allTilesDrawn(page);
        // What the server drew begins each section of the running page, which then draws the rest.
        const running = await sectionOrders(page);
        expect(Object.keys(running).sort(), path).toEqual(Object.keys(served).sort());
        for (const [key, tiles] of Object.entries(served)) expect(running[key]!.slice(0, tiles.length), `${path} ${key}`).toEqual(tiles);
        for (const [key, tiles] of Object.entries(running)) {
          const names = tiles.filter((t) => t.endsWith('|false')).map((t) => t.split('|')[1]!);
          expect(names, `${path} ${key}, running`).toEqual([...names].sort((x, y) => x.localeCompare(y)));
        }
        await raw.close();
      }
    } finally {
      await storeSort(page, 'tier');
      await noScript.close();
      await context.close();
    }
  }, MANIFEST_WAIT_MS + 90_000);
});
