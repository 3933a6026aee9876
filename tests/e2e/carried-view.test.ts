import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, e2eBaseUrl, launchChromium } from '../support/browser';
import { MANIFEST_WAIT_MS, signedInOnVault, simVault, tilesOnPage } from '../support/inventory';
import { inventoryDisagreements } from '../support/inventory-screen';
import { sessionCookie } from '../support/sign-in';

// A page load carries its view in a data block of the HTML, not in the RSC payload Next inlines as
// script strings (components/inventory/view-handoff.ts); a client-side navigation carries it in the
// payload, and a page the router restores (Back) finds the block it read before.

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** The page's HTML split into its data blocks (parsed) and the RSC payload Next inlined (`self.__next_f.push`). */
async function pageParts(page: Page, path: string): Promise<{ blocks: unknown[]; payload: string }> {
  const cookie = (await sessionCookie(page.context()))!;
  const response = await fetch(`${e2eBaseUrl()}${path}`, { headers: { cookie: `${cookie.name}=${cookie.value}` } });
  expect(response.status).toBe(200);
  const html = await response.text();
  return page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'text/html');
    const blocks = [...doc.querySelectorAll('script[type="application/json"][id^="vr-view-"]')].map((s) => JSON.parse(s.textContent ?? 'null') as unknown);
    const payload = [...doc.querySelectorAll('script:not([type])')].map((s) => s.textContent ?? '').filter((t) => t.includes('self.__next_f')).join('\n');
    return { blocks, payload };
  }, html);
}

const vaultKeys = (items: { itemInstanceId?: string | null; itemHash: number }[]) => items.map((i) => i.itemInstanceId ?? String(i.itemHash)).sort();

/** Every error the page logs or throws from now on. */
function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

describe('the view a page carries: in the HTML on a page load, in the payload on a navigation', () => {
  it('a page load’s HTML holds the view once, as a data block, and none of it in the RSC payload', async () => {
    const { context, page } = await signedInOnVault(browser, DESKTOP);
    const world = await simVault();
    for (const path of ['/vault', '/inventory']) {
      const { blocks, payload } = await pageParts(page, path);
      expect(blocks, path).toHaveLength(1);
      const text = JSON.stringify(blocks[0]);
      // The block is the whole view: every vault item of the simulated world is in it.
      for (const item of world.items) {
        const named = item.itemInstanceId ? `"${item.itemInstanceId}"` : `"hash":${item.itemHash},`;
        expect(text.includes(named), `${path} ${named}`).toBe(true);
      }
      // The payload names the block (its ticket) but carries none of the items.
      expect(payload).toContain('vr-view-');
      expect(payload).not.toContain('iconUrl');
      expect(payload.length).toBeLessThan(40_000);
    }
    await context.close();
  }, MANIFEST_WAIT_MS + 60_000);

  it('a navigation in the app, then Back twice: each screen shows every item of the world, with no error', async () => {
    const { context, page } = await signedInOnVault(browser, DESKTOP);
    const errors = pageErrors(page);
    const world = await simVault();
    const shownVault = async () => vaultKeys((await tilesOnPage(page)).filter((t) => t.group !== 'account').map((t) => ({ itemInstanceId: t.id, itemHash: t.hash })));
    expect(await shownVault()).toEqual(vaultKeys(world.items));

    // The header's link: a client-side navigation (the view comes in the RSC payload).
    await page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Inventory' }).click();
    await page.waitForURL((url) => url.pathname === '/inventory');
    await page.getByTestId('inventory').waitFor();
    await page.locator('[data-store="vault"] button[data-item-hash]').first().waitFor();
    expect(await inventoryDisagreements(page)).toEqual([]);

    await page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Xûr' }).click();
    await page.waitForURL((url) => url.pathname === '/xur');
    await page.goBack();
    await page.waitForURL((url) => url.pathname === '/inventory');
    await page.locator('[data-store="vault"] button[data-item-hash]').first().waitFor();
    expect(await inventoryDisagreements(page)).toEqual([]);

    // Back to the page load's /vault: the router restores it, and it finds the block it read.
    await page.goBack();
    await page.waitForURL((url) => url.pathname === '/vault');
    await page.getByTestId('vault-count').waitFor();
    expect(await shownVault()).toEqual(vaultKeys(world.items));
    expect(errors).toEqual([]);
    await context.close();
  }, MANIFEST_WAIT_MS + 90_000);
});
