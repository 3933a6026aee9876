import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, newContext, PHONE } from '../support/browser';
import { MANIFEST_WAIT_MS, openVaultOnceManifestIsIn, simControl, simVault } from '../support/inventory';
import { signIn } from '../support/sign-in';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

// Freshness is the server's and SWR's behaviour, not layout: one viewport is enough.
describe('the vault at 390x844 keeps itself fresh', () => {
  it('shows an item that arrived in game when the tab regains focus', async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await signIn(page);
    await openVaultOnceManifestIsIn(page);
    const answers: number[] = [];
    page.on('response', (r) => {
      if (new URL(r.url()).pathname === '/api/profile') answers.push(r.status());
    });
    const known = (await simVault()).items.find((i) => i.known && i.itemInstanceId)!;
    const { added } = (await simControl({ addVaultItem: { itemHash: known.itemHash } })) as { added: { itemInstanceId: string } };
    try {
      const before = await page.getByTestId('vault-count').textContent();
      // What a browser does when the player comes back to the tab; again until the page has
      // hydrated and SWR listens (it ignores focus more often than every 5 s).
      const tile = page.locator(`button[data-item-id="${added.itemInstanceId}"]`);
      for (let attempt = 0; attempt < 4 && (await tile.count()) === 0; attempt++) {
        await page.evaluate(() => window.dispatchEvent(new Event('focus')));
        await tile.waitFor({ timeout: 6_000 }).catch(() => undefined);
      }
      expect(await tile.count(), `no tile after focus; /api/profile answered ${JSON.stringify(answers)}`).toBe(1);
      expect(await page.getByTestId('vault-count').textContent()).not.toBe(before);
      expect(answers).toEqual([200]);
    } finally {
      await simControl({ removeItem: added.itemInstanceId });
    }
    await context.close();
  }, MANIFEST_WAIT_MS + 60_000);
});
