import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, newContext, PHONE, screenshotPath } from '../support/browser';
import { MANIFEST_WAIT_MS, openVaultOnceManifestIsIn, simVault, type SimVaultItem } from '../support/inventory';
import { backToVault, fillBucket, simCalls, simCharacters, vaultIds } from '../support/item-moves';
import { signIn } from '../support/sign-in';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('no room on a character, at a phone viewport', () => {
  it('says where there is no room, offers one specific move, makes only that one, and then the move works', async () => {
    const warlock = (await simCharacters()).find((c) => c.classType === 2)!;
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    let fillers: SimVaultItem[] = [];
    let item: SimVaultItem | undefined;
    try {
      await signIn(page);
      await openVaultOnceManifestIsIn(page);
      const onPage = await page.$$eval('main button[data-item-id]', (els) => els.map((e) => e.getAttribute('data-item-id')));
      item = (await simVault()).items.find((i) => i.itemType === 3 && i.known && i.bucketTypeHash && i.itemInstanceId && onPage.includes(i.itemInstanceId));
      expect(item, 'a weapon in the vault, shown on the page').toBeDefined();
      const id = item!.itemInstanceId!;
      fillers = await fillBucket(page, warlock.characterId, item!.bucketTypeHash!, [id]);
      await openVaultOnceManifestIsIn(page);

      await page.locator(`main button[data-item-id="${id}"]`).click();
      const actions = page.getByTestId('item-sheet').getByRole('region', { name: 'Actions' });
      await actions.getByRole('button', { name: 'Move to Warlock' }).click();
      const alert = actions.getByRole('alert');
      await alert.waitFor();
      expect(await alert.locator('p').textContent()).toMatch(/^There is no room in your Warlock for this item\. Move .+ from your Warlock to the vault to make room\?$/);
      const offers = alert.getByRole('button');
      expect(await offers.count()).toBe(1);
      const label = (await offers.first().textContent()) ?? '';
      const offered = /^Move (.+) from your Warlock to the vault$/.exec(label)?.[1];
      expect(offered, `the offer names one item: "${label}"`).toBeTruthy();
      // Rolled back: the tile is still in the vault view behind the sheet.
      expect(await page.locator(`main button[data-item-id="${id}"]`).count()).toBe(1);
      await page.screenshot({ path: screenshotPath('no-room-offer-390x844') });

      const transfersBefore = await simCalls('TransferItem');
      const vaultBefore = await vaultIds();
      await offers.first().click();
      await expect.poll(() => actions.getByRole('status').textContent(), { timeout: 15_000 }).toBe('Made room. Try again.');
      // Exactly one transfer, and it brought exactly one item into the vault: nothing else was shuffled.
      expect(await simCalls('TransferItem')).toBe(transfersBefore + 1);
      const vaultAfter = await vaultIds();
      expect([...vaultBefore].filter((x) => !vaultAfter.has(x))).toEqual([]);
      const arrived = [...vaultAfter].filter((x) => !vaultBefore.has(x));
      expect(arrived).toHaveLength(1);
      // The item that arrived is the one the offer named (the vault view re-reads the profile).
      const arrivedTile = page.locator(`main button[data-item-id="${arrived[0]}"]`);
      await expect.poll(() => arrivedTile.count(), { timeout: 15_000 }).toBe(1);
      expect(await arrivedTile.getAttribute('aria-label')).toMatch(new RegExp(`^${offered!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')},`));

      await actions.getByRole('button', { name: 'Move to Warlock' }).click();
      await expect.poll(() => actions.getByRole('status').textContent(), { timeout: 15_000 }).toBe('Moved to your Warlock.');
      expect(await actions.getByRole('alert').count()).toBe(0);
      expect((await vaultIds()).has(id)).toBe(false);
      await page.screenshot({ path: screenshotPath('no-room-made-room-390x844') });
    } finally {
      // Leave room on the Warlock for the other browser tests.
      await backToVault(page, warlock.characterId, [...fillers, ...(item ? [item] : [])]);
      await context.close();
    }
  }, MANIFEST_WAIT_MS + 90_000);
});
