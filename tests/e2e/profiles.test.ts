import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAxeViolations } from '../support/axe';
import { DESKTOP, launchChromium, PHONE, screenshotPath } from '../support/browser';
import { MANIFEST_WAIT_MS, scrollsSideways, signedInOnVault, simControl, simVault, tilesOnPage } from '../support/inventory';

// Several Destiny profiles (issue 19): the simulated player with cross-save off and a second
// profile on PlayStation, its own characters and vault. After each step the vault on screen is the
// simulator's vault of the profile in use.
type SimProfile = { membershipType: number; membershipId: string; characterIds: string[] };

let browser: Browser;
let profiles: SimProfile[];
beforeAll(async () => {
  browser = await launchChromium();
  const answer = await simControl({ secondProfile: true });
  profiles = (answer.state as { profiles: SimProfile[] }).profiles;
});
afterAll(async () => {
  // The next test files expect the one cross-saved profile; their sign-in drops the stale choice.
  await simControl({ secondProfile: false });
  await browser?.close();
});

/** The vault on screen is exactly the simulator's vault of `membershipId`. */
async function expectVaultOf(page: Page, membershipId: string): Promise<void> {
  const world = await simVault(membershipId);
  const instanced = world.items.flatMap((i) => (i.itemInstanceId ? [i.itemInstanceId] : []));
  // Waits for the page to show this profile (a tile of its own), then compares everything.
  await page.locator(`button[data-item-id="${instanced[0]}"]`).waitFor();
  expect(await page.getByTestId('vault-count').textContent()).toBe(`${world.items.length} / ${world.capacity}`);
  const tiles = (await tilesOnPage(page)).filter((t) => t.group !== 'account');
  expect(tiles).toHaveLength(world.items.length);
  const onScreen = new Set(tiles.map((t) => t.id));
  expect(instanced.filter((id) => !onScreen.has(id))).toEqual([]);
}

describe('a player with two Destiny profiles, on a phone', () => {
  it('switches from the header, sees the second profile\'s vault, and still sees it after a reload', async () => {
    const [steam, psn] = profiles;
    expect(profiles.map((p) => p.membershipType)).toEqual([3, 2]);
    const { context, page } = await signedInOnVault(browser, PHONE);

    // The default is the most recently played profile (Steam), named by platform and name.
    const switcher = page.getByRole('combobox', { name: 'Destiny profile' });
    expect(await switcher.inputValue()).toBe(steam!.membershipId);
    expect(await switcher.locator('option').allTextContents()).toEqual(['Steam · Guardian', 'PlayStation · Guardian']);
    await expectVaultOf(page, steam!.membershipId);
    expect(await scrollsSideways(page)).toBe(false);

    // Switch: no sign-out, the vault is the PlayStation profile's at once.
    await switcher.selectOption(psn!.membershipId);
    await expectVaultOf(page, psn!.membershipId);
    expect(await switcher.inputValue()).toBe(psn!.membershipId);
    expect(await scrollsSideways(page)).toBe(false);
    // Nothing serious for axe-core on the page with the switcher, and no control under another.
    expect(await seriousAxeViolations(page)).toEqual([]);
    const box = (await switcher.boundingBox())!;
    const signOut = (await page.getByRole('button', { name: 'Sign out' }).boundingBox())!;
    expect(box.y >= signOut.y + signOut.height || box.x + box.width <= signOut.x).toBe(true);
    await page.screenshot({ path: screenshotPath('profiles-switched-390x844') });

    // Remembered: a reload, and a character page, are the second profile's.
    await page.reload();
    await expectVaultOf(page, psn!.membershipId);
    expect(await switcher.inputValue()).toBe(psn!.membershipId);
    const character = await page.goto(`/characters/${psn!.characterIds[0]}`);
    expect(character?.status()).toBe(200);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    expect(await page.locator('[data-problem]').count()).toBe(0);

    // A character page of the other profile sends the switch to the inventory; back on Steam.
    await switcher.selectOption(steam!.membershipId);
    await page.waitForURL((url) => url.pathname === '/inventory');
    await page.goto('/vault');
    await expectVaultOf(page, steam!.membershipId);
    await context.close();
  }, MANIFEST_WAIT_MS + 90_000);

  it('on a desktop the switcher sits in the bar, beside the name', async () => {
    const { context, page } = await signedInOnVault(browser, DESKTOP);
    const switcher = page.getByRole('combobox', { name: 'Destiny profile' });
    const box = (await switcher.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(56);
    expect(await switcher.locator('option').count()).toBe(2);
    await page.screenshot({ path: screenshotPath('profiles-1440x900') });
    await context.close();
  }, MANIFEST_WAIT_MS + 60_000);
});
