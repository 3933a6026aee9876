import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIRST_SCREEN_TILES } from '@/components/inventory/use-first-screen';
import { DESKTOP, e2eBaseUrl, launchChromium, PHONE } from '../support/browser';
import { MANIFEST_WAIT_MS, signedInOnVault, simVault, tilesOnPage } from '../support/inventory';
import { inventoryDisagreements, openInventory } from '../support/inventory-screen';
import { simWorld } from '../support/journey';
import { sessionCookie } from '../support/sign-in';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** What the server's HTML of `path` holds, parsed by the browser (no script runs): tiles per store column, counts. */
async function serverHtml(page: Page, path: string) {
  const cookie = (await sessionCookie(page.context()))!;
  const response = await fetch(`${e2eBaseUrl()}${path}`, { headers: { cookie: `${cookie.name}=${cookie.value}` } });
  expect(response.status).toBe(200);
  const html = await response.text();
  return page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'text/html');
    const tiles = [...doc.querySelectorAll('button[data-item-hash]')];
    const byStore: Record<string, number> = {};
    for (const t of tiles) {
      const store = t.closest('[data-store]')?.getAttribute('data-store') ?? '';
      byStore[store] = (byStore[store] ?? 0) + 1;
    }
    const counts = [...doc.querySelectorAll('[data-group]:not([data-group="account"]) [data-testid="section-count"]')].map((c) => Number(c.textContent?.match(/\d+/)?.[0] ?? NaN));
    return {
      tiles: tiles.length,
      byStore,
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

describe.each([
  { name: '390x844', device: PHONE },
  { name: '1440x900', device: DESKTOP },
])('the first screen at $name: drawn by the server, the rest by the browser', ({ device }) => {
  it('/vault: the HTML holds the first screen’s tiles and full counts, then the browser shows every item of the world', async () => {
    const { context, page } = await signedInOnVault(browser, device);
    const world = await simVault();
    expect(world.items.length).toBeGreaterThan(FIRST_SCREEN_TILES.browser);

    const html = await serverHtml(page, '/vault');
    expect(html.tiles).toBe(FIRST_SCREEN_TILES.browser);
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

    const html = await serverHtml(page, '/inventory');
    expect(html.marks).toEqual(['first-screen']);
    const characters = world.characters.map((c) => c.characterId);
    expect(Object.keys(html.byStore).sort()).toEqual([...characters, 'vault'].sort());
    for (const id of characters) expect(html.byStore[id], `column ${id}`).toBeLessThanOrEqual(FIRST_SCREEN_TILES.characterColumn);
    expect(html.byStore.vault).toBe(FIRST_SCREEN_TILES.vaultColumn);
    expect(html.tiles).toBeLessThan(world.items.length);
    expect(html.vaultCount).toBe(`${world.vaultCount} / ${vault.capacity}`);
    await context.close();
  }, MANIFEST_WAIT_MS + 60_000);
});
