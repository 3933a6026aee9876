import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launchChromium, newContext, PHONE, screenshotPath } from '../support/browser';
import { iconsLoaded, MANIFEST_WAIT_MS, scrollsSideways, signedInOnVault } from '../support/inventory';
import { signIn, simUrl } from '../support/sign-in';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

type SimState = { characters: { characterId: string; classType: number }[] };

describe.each([
  { name: '390x844', device: PHONE },
  { name: '1440x900', device: DESKTOP },
] as const)('a character page at $name', ({ name, device }) => {
  it('is one tap from the vault: header, equipped items by slot, postmaster', async () => {
    const { characters } = (await (await fetch(`${simUrl()}/__sim/state`)).json()) as SimState;
    const titan = characters.find((c) => c.classType === 0)!;
    const { context, page } = await signedInOnVault(browser, device);

    const nav = page.getByRole('navigation', { name: 'Vault and characters' });
    await nav.getByRole('link', { name: /^Titan/ }).click();
    await page.waitForURL((url) => url.pathname === `/characters/${titan.characterId}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Titan');
    expect(await nav.getByRole('link', { name: /^Titan/ }).getAttribute('aria-current')).toBe('page');
    expect(await nav.getByRole('link', { name: /^(Hunter|Warlock)/ }).count()).toBe(2);

    // Every weapon and armour slot leads with its equipped item.
    const firsts = await page.$$eval('[data-group="slots"] section[data-bucket-hash]', (sections) =>
      sections.map((s) => ({ name: s.getAttribute('aria-label'), first: s.querySelector('button')?.getAttribute('aria-label') ?? '' })),
    );
    for (const slot of ['Kinetic Weapons', 'Energy Weapons', 'Power Weapons', 'Helmet', 'Gauntlets', 'Chest Armor', 'Leg Armor', 'Class Armor']) {
      expect(firsts.find((f) => f.name === slot)?.first, slot).toMatch(/equipped/);
    }
    // The simulated Titan has three items waiting at the postmaster.
    expect(await page.locator('[data-group="postmaster"] button[data-item-id]').count()).toBe(3);
    if (device === PHONE) expect(await scrollsSideways(page)).toBe(false);
    await iconsLoaded(page);
    await page.screenshot({ path: screenshotPath(`character-${name}`), fullPage: device !== PHONE });

    await nav.getByRole('link', { name: 'Vault' }).click();
    await page.waitForURL((url) => url.pathname === '/vault');
    await context.close();
  }, MANIFEST_WAIT_MS + 60_000);
});

// Once is enough for these: they test the server's answer, not the layout.
describe('at a phone viewport', () => {
  const device = PHONE;
  it('answers 404 for a character id that is not the player’s', async () => {
    const context = await newContext(browser, device);
    const page = await context.newPage();
    // Signing in lands on /vault, whose profile tells the server which characters are the player's.
    await signIn(page);
    for (const id of ['2305843009999999999', 'not-a-character']) {
      const response = await page.goto(`/characters/${id}`);
      expect(response?.status(), id).toBe(404);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Nothing here');
    }
    await context.close();
  });
});
