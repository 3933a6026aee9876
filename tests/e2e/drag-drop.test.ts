import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAxeViolations } from '../support/axe';
import { DESKTOP, launchChromium, newContext, screenshotPath } from '../support/browser';
import { MANIFEST_WAIT_MS, openVaultOnceManifestIsIn, simVault, type SimVaultItem } from '../support/inventory';
import { backToVault, fillBucket, simCharacters, vaultIds } from '../support/item-moves';
import { signIn } from '../support/sign-in';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** A weapon in the simulated vault whose tile is on the page. */
async function vaultWeaponOnPage(page: Page, skip: string[] = []): Promise<SimVaultItem> {
  const onPage = await page.$$eval('main button[data-item-id]', (els) => els.map((e) => e.getAttribute('data-item-id')));
  const item = (await simVault()).items.find((i) => i.itemType === 3 && i.known && i.bucketTypeHash && i.itemInstanceId && onPage.includes(i.itemInstanceId) && !skip.includes(i.itemInstanceId));
  if (!item) throw new Error('no vault weapon on the page');
  return item;
}

describe('drag and drop between stores at 1440×900', () => {
  it('drags a vault item onto a character: the drop target lights up, the tile leaves the vault, and the game has it on that character', async () => {
    const titan = (await simCharacters()).find((c) => c.classType === 0)!;
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    let item: SimVaultItem | undefined;
    try {
      await signIn(page);
      await openVaultOnceManifestIsIn(page);
      item = await vaultWeaponOnPage(page);
      const id = item.itemInstanceId!;
      const tile = page.locator(`main button[data-item-id="${id}"]`);
      expect(await tile.getAttribute('draggable')).toBe('true');
      // Dragging must not take the click away: a click still opens the item.
      await tile.click();
      await page.getByTestId('item-sheet').getByRole('heading', { level: 2 }).waitFor();
      await page.keyboard.press('Escape');

      const target = page.getByRole('region', { name: 'Stores' }).getByRole('group', { name: 'Move to Titan' });
      expect(await seriousAxeViolations(page, '[data-testid="store-dock"]')).toEqual([]);
      await tile.hover();
      await page.mouse.down();
      const box = (await target.boundingBox())!;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 8 });
      expect(await target.getAttribute('data-over')).toBe('true');
      await page.screenshot({ path: screenshotPath('drag-drop-over-1440x900') });
      await page.mouse.up();

      await expect.poll(() => page.getByTestId('drop-status').textContent(), { timeout: 15_000 }).toMatch(/^Moved .+ to your Titan\.$/);
      expect(await tile.count()).toBe(0);
      expect((await vaultIds()).has(id)).toBe(false);
      await page.screenshot({ path: screenshotPath('drag-drop-moved-1440x900') });
      // The profile agrees: the Titan's page shows the item — and its dock takes it back to the vault.
      await page.goto(`/characters/${titan.characterId}`);
      const onTitan = page.locator(`main button[data-item-id="${id}"]`);
      await onTitan.waitFor();
      await onTitan.dragTo(page.getByRole('region', { name: 'Stores' }).getByRole('group', { name: 'Move to vault' }));
      await expect.poll(() => page.getByTestId('drop-status').textContent(), { timeout: 15_000 }).toMatch(/^Moved .+ to your vault\.$/);
      expect(await onTitan.count()).toBe(0);
      expect((await vaultIds()).has(id)).toBe(true);
    } finally {
      if (item) await backToVault(page, titan.characterId, [item]);
      await context.close();
    }
  }, MANIFEST_WAIT_MS + 60_000);

  it('a refused drop (no room on the Hunter) puts the tile back and explains, with the one move that makes room', async () => {
    const hunter = (await simCharacters()).find((c) => c.classType === 1)!;
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    let fillers: SimVaultItem[] = [];
    try {
      await signIn(page);
      await openVaultOnceManifestIsIn(page);
      const item = await vaultWeaponOnPage(page);
      const id = item.itemInstanceId!;
      fillers = await fillBucket(page, hunter.characterId, item.bucketTypeHash!, [id]);
      await openVaultOnceManifestIsIn(page);

      const dock = page.getByRole('region', { name: 'Stores' });
      await page.locator(`main button[data-item-id="${id}"]`).dragTo(dock.getByRole('group', { name: 'Move to Hunter' }));
      const alert = dock.getByRole('alert');
      await alert.waitFor();
      expect(await alert.locator('p').textContent()).toMatch(/^There is no room in your Hunter for this item\. Move .+ from your Hunter to the vault to make room\?$/);
      expect(await alert.getByRole('button', { name: /^Move .+ from your Hunter to the vault$/ }).count()).toBe(1);
      // Rolled back: the tile is in the vault view again, and the game never moved it.
      await expect.poll(() => page.locator(`main button[data-item-id="${id}"]`).count(), { timeout: 15_000 }).toBe(1);
      expect((await vaultIds()).has(id)).toBe(true);
      await page.screenshot({ path: screenshotPath('drag-drop-refused-1440x900') });
    } finally {
      await backToVault(page, hunter.characterId, fillers);
      await context.close();
    }
  }, MANIFEST_WAIT_MS + 60_000);
});
