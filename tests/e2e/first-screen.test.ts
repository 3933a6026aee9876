import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIRST_SCREEN_TILES, PHONE_FIRST_SCREEN_TILES } from '@/components/inventory/use-first-screen';
import { DESKTOP, e2eBaseUrl, launchChromium, PHONE, PHONE_USER_AGENT } from '../support/browser';
import { hydrated, MANIFEST_WAIT_MS, signedInOnVault, simControl, simVault, tilesOnPage } from '../support/inventory';
import { inventoryDisagreements, openInventory } from '../support/inventory-screen';
import { simWorld } from '../support/journey';
import { sessionCookie, simUrl } from '../support/sign-in';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/**
 * What the server's HTML of `path` holds, asked with `headers` besides the session cookie, parsed by
 * the browser (no script runs): tiles per store column (and those beyond a column's equipped row), counts.
 */
async function serverHtml(page: Page, path: string, headers: Record<string, string> = {}) {
  const cookie = (await sessionCookie(page.context()))!;
  const response = await fetch(`${e2eBaseUrl()}${path}`, { headers: { ...headers, cookie: `${cookie.name}=${cookie.value}` } });
  expect(response.status).toBe(200);
  // Private to the player and never stored: no shared cache can hand one device's first screen to another.
  expect(response.headers.get('cache-control')).toMatch(/private.*no-store|no-store.*private/);
  const html = await response.text();
  return page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'text/html');
    const tiles = [...doc.querySelectorAll('button[data-item-hash]')];
    const byStore: Record<string, number> = {};
    const beyondEquipped: Record<string, number> = {};
    for (const t of tiles) {
      const store = t.closest('[data-store]')?.getAttribute('data-store') ?? '';
      byStore[store] = (byStore[store] ?? 0) + 1;
      if (!t.closest('[aria-label^="Equipped on"]')) beyondEquipped[store] = (beyondEquipped[store] ?? 0) + 1;
    }
    const counts = [...doc.querySelectorAll('[data-group]:not([data-group="account"]) [data-testid="section-count"]')].map((c) => Number(c.textContent?.match(/\d+/)?.[0] ?? NaN));
    return {
      tiles: tiles.length,
      byStore,
      beyondEquipped,
      marks: [...doc.querySelectorAll('[data-tiles]')].map((el) => el.getAttribute('data-tiles')),
      vaultCount: doc.querySelector('[data-testid="vault-count"]')?.textContent ?? null,
      sectionCounts: counts,
    };
  }, html);
}

/** Hydration problems the page reports (React's recoverable errors #418/#423/#425, or their dev wording). */
function hydrationErrors(page: Page): string[] {
  const errors: string[] = [];
  const note = (text: string) => /hydrat|#418|#423|#425/i.test(text) && errors.push(text);
  page.on('console', (m) => m.type() === 'error' && note(m.text()));
  page.on('pageerror', (e) => note(String(e)));
  return errors;
}

/** The inventory screen's store columns as the browser shows them, in page order: tiles, and those in the equipped row. */
async function liveColumns(page: Page) {
  return page.locator('section[data-store]').evaluateAll((sections) =>
    sections.map((s) => ({ id: s.getAttribute('data-store')!, tiles: s.querySelectorAll('button[data-item-hash]').length, equipped: s.querySelectorAll('[aria-label^="Equipped on"] button[data-item-hash]').length })),
  );
}

describe.each([
  // A phone's User-Agent (and Sec-CH-UA-Mobile: ?1, which Chromium sends with it): a phone's first screen.
  { name: '390x844', device: PHONE, budget: PHONE_FIRST_SCREEN_TILES },
  // Chromium's own desktop User-Agent (Sec-CH-UA-Mobile: ?0): a desktop's.
  { name: '1440x900', device: DESKTOP, budget: FIRST_SCREEN_TILES },
])('the first screen at $name: drawn by the server, the rest by the browser', ({ device, budget }) => {
  /** The headers the browser of this test sends that say which device it is: the server's HTML is fetched with them. */
  const deviceHeaders = async (page: Page) => ({ 'user-agent': await page.evaluate(() => navigator.userAgent) });

  it('/vault: the HTML holds the first screen’s tiles and full counts, then the browser shows every item of the world', async () => {
    const { context, page } = await signedInOnVault(browser, device);
    const world = await simVault();
    expect(world.items.length).toBeGreaterThan(budget.browser);

    const html = await serverHtml(page, '/vault', await deviceHeaders(page));
    expect(html.tiles).toBe(budget.browser);
    expect(html.marks).toEqual(['first-screen']);
    // The counts are whole from the first paint: the vault's sections add up to the world's vault.
    expect(html.vaultCount).toBe(`${world.items.length} / ${world.capacity}`);
    expect(html.sectionCounts.reduce((a, b) => a + b, 0)).toBe(world.items.length);

    const errors = hydrationErrors(page);
    await page.reload();
    const tiles = (await tilesOnPage(page)).filter((t) => t.group !== 'account');
    expect(await page.locator('[data-tiles]').getAttribute('data-tiles')).toBe('all');
    expect(tiles.map((t) => t.id ?? String(t.hash)).sort()).toEqual(world.items.map((i) => i.itemInstanceId ?? String(i.itemHash)).sort());
    expect(errors).toEqual([]);
    await context.close();
  }, MANIFEST_WAIT_MS + 60_000);

  it('/inventory: the HTML holds each store column’s first screen, then the browser shows every item of the world', async () => {
    const { context, page } = await signedInOnVault(browser, device);
    const errors = hydrationErrors(page);
    await openInventory(page);
    const [world, vault] = await Promise.all([simWorld(), simVault()]);
    expect(await inventoryDisagreements(page)).toEqual([]);
    expect(errors).toEqual([]);
    const live = await liveColumns(page);
    expect(live.map((c) => c.id).sort()).toEqual([...world.characters.map((c) => c.characterId), 'vault'].sort());

    const html = await serverHtml(page, '/inventory', await deviceHeaders(page));
    expect(html.marks).toEqual(['first-screen']);
    // The first column in page order (the one a phone shows on load) gets `firstColumn`, its equipped
    // row included; the other characters' their budget beyond the equipped row, drawn whole everywhere.
    live.forEach((c, i) => {
      const first = c.id === 'vault' ? budget.vaultColumn : budget.characterColumn;
      const own = i === 0 ? Math.max(first, budget.firstColumn) : first;
      expect(html.byStore[c.id] ?? 0, `column ${c.id}`).toBe(Math.max(c.equipped, Math.min(own, c.tiles)));
    });
    expect(html.tiles).toBeLessThan(world.items.length);
    expect(html.vaultCount).toBe(`${world.vaultCount} / ${vault.capacity}`);
    await context.close();
  }, MANIFEST_WAIT_MS + 60_000);
});

describe('a phone asking (its User-Agent, or Sec-CH-UA-Mobile: ?1)', () => {
  it('gets the phone’s first screen whichever of the two says so, and a desktop’s when the hint says ?0', async () => {
    const { context, page } = await signedInOnVault(browser, DESKTOP);
    expect((await serverHtml(page, '/vault', { 'user-agent': PHONE_USER_AGENT })).tiles).toBe(PHONE_FIRST_SCREEN_TILES.browser);
    expect((await serverHtml(page, '/vault', { 'sec-ch-ua-mobile': '?1' })).tiles).toBe(PHONE_FIRST_SCREEN_TILES.browser);
    // Chrome on an Android tablet, or a phone asking for the desktop site.
    expect((await serverHtml(page, '/vault', { 'user-agent': PHONE_USER_AGENT, 'sec-ch-ua-mobile': '?0' })).tiles).toBe(FIRST_SCREEN_TILES.browser);
    const inventory = await serverHtml(page, '/inventory', { 'sec-ch-ua-mobile': '?1' });
    expect(inventory.beyondEquipped.vault ?? 0).toBe(PHONE_FIRST_SCREEN_TILES.vaultColumn);
    await context.close();
  }, MANIFEST_WAIT_MS + 60_000);

  /**
   * The page as the server drew it, at 390×844 on a phone, before any of the app's scripts run (they
   * are refused; React's inline ones still reveal the streamed HTML): what the tiles on screen are.
   */
  async function serverScreen(signedIn: BrowserContext, path: string, store?: string) {
    // The service worker would serve the scripts from its precache, past the route that refuses them.
    const context = await browser.newContext({ ...PHONE, baseURL: e2eBaseUrl(), serviceWorkers: 'block' });
    await context.addCookies(await signedIn.cookies());
    const page = await context.newPage();
    await page.route('**/*', (route) => (route.request().resourceType() === 'script' ? route.abort() : route.continue()));
    await page.goto(path);
    await page.locator('button[data-item-hash]').first().waitFor();
    const screen = await page.evaluate((inStore) => {
      const all = [...document.querySelectorAll('button[data-item-hash]')].filter((t) => t.getBoundingClientRect().width > 0);
      const tiles = inStore ? all.filter((t) => t.closest('[data-store]')?.getAttribute('data-store') === inStore) : all;
      const rects = tiles.map((t) => t.getBoundingClientRect());
      const height = window.innerHeight;
      const width = window.innerWidth;
      return {
        height,
        drawn: tiles.length,
        // Tiles with any part on screen, and the lowest edge the drawn tiles reach.
        onScreen: rects.filter((r) => r.top < height && r.left < width && r.right > 0).length,
        reach: Math.max(...rects.map((r) => r.bottom)),
        // Tiles of any store in view: on a phone only the first column's.
        storesInView: [...new Set(all.filter((t) => { const r = t.getBoundingClientRect(); return r.left < width && r.right > 0 && r.top < height; }).map((t) => t.closest('[data-store]')?.getAttribute('data-store') ?? 'page'))],
      };
    }, store);
    await context.close();
    return screen;
  }

  it('the server’s tiles fill a phone’s first screen and reach below it, on /vault, a character page and /inventory’s first column', async () => {
    const { context } = await signedInOnVault(browser, PHONE);
    const [world] = await Promise.all([simWorld()]);
    const vault = await serverScreen(context, '/vault');
    const character = await serverScreen(context, `/characters/${world.characters[0]!.characterId}`);
    const firstStore = await (async () => {
      const page = await context.newPage();
      await openInventory(page);
      const id = (await liveColumns(page))[0]!.id;
      await page.close();
      return id;
    })();
    const inventory = await serverScreen(context, '/inventory', firstStore);
    for (const [name, screen] of Object.entries({ vault, character, inventory })) {
      expect(screen.reach, `${name}: the drawn tiles reach below the screen`).toBeGreaterThan(screen.height);
      expect(screen.onScreen, `${name}: tiles on screen`).toBeLessThan(screen.drawn);
    }
    expect(inventory.storesInView).toEqual([firstStore]);
    await context.close();
  }, MANIFEST_WAIT_MS + 60_000);
});

/** The HTML of `path` as it streams to a phone: each chunk's text and when it came (ms since the epoch). */
async function streamed(signedIn: BrowserContext, path: string) {
  const cookie = (await sessionCookie(signedIn))!;
  const response = await fetch(`${e2eBaseUrl()}${path}`, { headers: { cookie: `${cookie.name}=${cookie.value}`, 'user-agent': PHONE_USER_AGENT } });
  expect(response.status).toBe(200);
  const chunks: { at: number; text: string }[] = [];
  const decoder = new TextDecoder();
  const reader = response.body!.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) chunks.push({ at: Date.now(), text: decoder.decode(read.value, { stream: true }) });
  return { chunks, html: chunks.map((c) => c.text).join('') };
}

/** The simulator's last answered call to `endpoint`: when it came and when it was answered (its timeline). */
async function lastCall(endpoint: string) {
  const stats = (await (await fetch(`${simUrl()}/__sim/stats`)).json()) as { timeline: { endpoint: string; arrivedAt: number; answeredAt?: number }[] };
  return stats.timeline.filter((c) => c.endpoint === endpoint).at(-1)!;
}

/** A skeleton, and React's script that swaps a streamed page in for it: signs the page was not in the first flush. */
const SKELETON = 'aria-busy="true"';
const SWAP = '$RC(';

describe('the first flush: the page itself when Bungie answers quickly, its skeleton at once when not', () => {
  it('Bungie quick: /vault, /inventory, a character page and /xur are drawn in place in the HTML, no skeleton swapped out by a script', async () => {
    const { context } = await signedInOnVault(browser, PHONE);
    const { characters } = await simWorld();
    for (const [path, content] of [
      ['/vault', 'data-item-hash'],
      ['/inventory', 'data-item-hash'],
      [`/characters/${characters[0]!.characterId}`, 'data-item-hash'],
      ['/xur', 'data-xur='],
    ] as const) {
      const { html } = await streamed(context, path);
      expect(html, path).toContain(content);
      expect(html, path).not.toContain(SKELETON);
      expect(html, path).not.toContain(SWAP);
      // The content comes before React's payload for the browser (which it does not wait for).
      expect(html.indexOf(content), path).toBeLessThan(html.indexOf('self.__next_f.push([1,'));
    }
    await context.close();
  }, MANIFEST_WAIT_MS + 60_000);

  it('Bungie slow (1.5 s a call): the skeleton comes before Bungie answers, then the page is swapped in; a tab taken meanwhile shows it is on its way', async () => {
    const { context, page } = await signedInOnVault(browser, PHONE);
    const { characters } = await simWorld();
    await simControl({ latencyMs: 1_500 });
    try {
      const { chunks, html } = await streamed(context, '/vault');
      const skeletonAt = chunks.find((c) => c.text.includes(SKELETON))?.at;
      const profile = await lastCall('GetProfile');
      expect(skeletonAt).toBeDefined();
      expect(skeletonAt!).toBeLessThan(profile.answeredAt!);
      expect(chunks.find((c) => c.text.includes('data-item-hash'))!.at).toBeGreaterThanOrEqual(profile.answeredAt!);
      expect(html).toContain(SWAP);

      // A link taken while Bungie is slow: no loading skeleton was prefetched, so the tab itself
      // shows the tap was taken (a dot in the link) until the next page or its skeleton comes.
      await page.goto(`/characters/${characters[0]!.characterId}`);
      await page.locator('button[data-item-hash]').first().waitFor({ timeout: 20_000 });
      await hydrated(page);
      const nav = page.getByRole('navigation', { name: 'Vault and characters' });
      await nav.evaluate((el) => {
        const w = window as unknown as { __pendingSeen: boolean };
        w.__pendingSeen = false;
        new MutationObserver(() => el.querySelector('[data-pending]') && (w.__pendingSeen = true)).observe(el, { subtree: true, attributes: true, childList: true });
      });
      await nav.getByRole('link', { name: 'Vault', exact: true }).click();
      await page.waitForURL((u) => u.pathname === '/vault');
      await page.getByTestId('vault-count').waitFor({ timeout: 20_000 });
      expect(await page.evaluate(() => (window as unknown as { __pendingSeen: boolean }).__pendingSeen)).toBe(true);
      expect(await page.locator('[data-pending]').count()).toBe(0);
    } finally {
      await simControl({ latencyMs: 0 });
      await context.close();
    }
  }, MANIFEST_WAIT_MS + 90_000);
});
