import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, newContext, PHONE, screenshotPath } from '../support/browser';
import { MANIFEST_WAIT_MS, openVaultOnceManifestIsIn, simControl, simVault, signedInOnVault } from '../support/inventory';
import { signIn, simUrl } from '../support/sign-in';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

type SimState = { characters: { characterId: string; classType: number; location: string }[] };
const characters = async () => ((await (await fetch(`${simUrl()}/__sim/state`)).json()) as SimState).characters;

/** An instanced weapon in the simulated vault whose tile is on the page. */
async function vaultWeapon(skip: string[] = []) {
  const { items } = await simVault();
  const weapon = items.find((i) => i.itemType === 3 && i.itemInstanceId && i.known && !skip.includes(i.itemInstanceId));
  if (!weapon?.itemInstanceId) throw new Error('the simulated vault has no weapon');
  return weapon.itemInstanceId;
}

describe('the action sheet at a phone viewport', () => {
  it('moves a vault item to a character: the tile leaves the vault and the world agrees', async () => {
    const { context, page } = await signedInOnVault(browser, PHONE);
    const id = await vaultWeapon();
    await page.locator(`button[data-item-id="${id}"]`).click();
    const sheet = page.getByTestId('item-sheet');
    const actions = sheet.getByRole('region', { name: 'Actions' });
    await actions.getByRole('button', { name: 'Move to Titan' }).click();
    await expect.poll(() => actions.getByRole('status').textContent()).toBe('Moved to your Titan.');
    await page.screenshot({ path: screenshotPath('item-actions-moved-390x844') });
    // Optimistic, then confirmed: the tile is gone from the vault view, and the simulated game moved it.
    expect(await page.locator(`main button[data-item-id="${id}"]`).count()).toBe(0);
    expect((await simVault()).items.some((i) => i.itemInstanceId === id)).toBe(false);
    await context.close();
  }, MANIFEST_WAIT_MS + 60_000);

  it('explains a refusal in a player’s words and puts the tile back', async () => {
    const hunter = (await characters()).find((c) => c.classType === 1)!;
    await simControl({ characterLocation: { characterId: hunter.characterId, location: 'activity' } });
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    try {
      await signIn(page);
      await openVaultOnceManifestIsIn(page);
      const { items } = await simVault();
      // A weapon any class can use, so "Equip on Hunter" is offered.
      const tiles = await page.$$eval('main button[data-item-id]', (els) => els.map((e) => e.getAttribute('data-item-id')));
      const candidates = items.filter((i) => i.itemType === 3 && i.itemInstanceId && tiles.includes(i.itemInstanceId));
      let opened = false;
      let chosen: string | null = null;
      for (const candidate of candidates) {
        await page.locator(`button[data-item-id="${candidate.itemInstanceId}"]`).click();
        const equip = page.getByTestId('item-sheet').getByRole('button', { name: 'Equip on Hunter' });
        if ((await equip.count()) > 0) {
          await equip.click();
          opened = true;
          chosen = candidate.itemInstanceId;
          break;
        }
        await page.keyboard.press('Escape');
      }
      expect(opened, 'a vault weapon the Hunter can use').toBe(true);
      const alert = page.getByTestId('item-sheet').getByRole('alert');
      await alert.waitFor();
      expect(await alert.textContent()).toContain('Your Hunter is in an activity. Equipping works only in orbit or a social space');
      await page.screenshot({ path: screenshotPath('item-actions-refused-390x844') });
      await page.keyboard.press('Escape');
      // Equipping from the vault is a transfer, then the equip: the transfer went through, the equip
      // was refused. The screen says what the game did — the item left the vault for the Hunter —
      // and agrees with the simulated world: no guess left on screen, none rolled back wrongly.
      const inVault = (await simVault()).items.some((i) => i.itemInstanceId === chosen);
      const onScreen = await page.$$eval('main button[data-item-id]', (els) => els.map((e) => e.getAttribute('data-item-id')));
      expect(inVault).toBe(false);
      expect(onScreen.includes(chosen)).toBe(inVault);
      expect(onScreen.length).toBe(tiles.length - 1);
    } finally {
      await simControl({ characterLocation: { characterId: hunter.characterId, location: 'orbit' } });
      await context.close();
    }
  }, MANIFEST_WAIT_MS + 60_000);
});
