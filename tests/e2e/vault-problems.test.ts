import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launchChromium, newContext, PHONE, screenshotPath } from '../support/browser';
import { MANIFEST_WAIT_MS, openVaultOnceManifestIsIn, simControl } from '../support/inventory';
import { signIn } from '../support/sign-in';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe.each([
  { name: '390x844', device: PHONE },
  { name: '1440x900', device: DESKTOP },
] as const)('what the vault says when something is off, at $name', ({ name, device }) => {
  it('shows an item the manifest lacks as a marked placeholder, with one refresh notice', async () => {
    const context = await newContext(browser, device);
    const page = await context.newPage();
    await signIn(page);
    await openVaultOnceManifestIsIn(page);
    const { added } = (await simControl({ addVaultItem: { itemHash: 1234567 } })) as { added: { itemInstanceId: string } };
    const second = (await simControl({ addVaultItem: { itemHash: 1234567 } })) as { added: { itemInstanceId: string } };
    try {
      const response = await page.goto('/vault');
      expect(response?.status()).toBe(200);
      const tile = page.locator(`button[data-item-id="${added.itemInstanceId}"]`);
      expect(await tile.textContent()).toContain('Unknown item 1234567');
      expect(await tile.getAttribute('data-known')).toBe('false');
      expect(await page.locator('button[data-item-hash="1234567"]').count()).toBe(2);
      // One notice for the page, not one per tile.
      expect(await page.getByTestId('manifest-refresh-notice').count()).toBe(1);
      expect(await page.getByTestId('manifest-refresh-notice').textContent()).toMatch(/manifest refresh/);
      await tile.scrollIntoViewIfNeeded();
      await page.screenshot({ path: screenshotPath(`vault-unknown-item-${name}`) });
    } finally {
      await simControl({ removeItem: added.itemInstanceId });
      await simControl({ removeItem: second.added.itemInstanceId });
    }
    await context.close();
  }, MANIFEST_WAIT_MS + 60_000);

  it('says Bungie is down for maintenance instead of failing', async () => {
    const context = await newContext(browser, device);
    const page = await context.newPage();
    await signIn(page);
    await simControl({ maintenance: true });
    try {
      const response = await page.goto('/vault');
      expect(response?.status()).toBe(200);
      const alert = page.locator('main [role="alert"]');
      expect(await alert.getAttribute('data-problem')).toBe('bungie-unavailable');
      expect(await alert.textContent()).toMatch(/down for maintenance/);
      await page.screenshot({ path: screenshotPath(`vault-maintenance-${name}`) });
    } finally {
      await simControl({ maintenance: false });
    }
    await context.close();
  });
});

// Once is enough for these: they test the server's answer, not the layout.
describe('at a phone viewport', () => {
  const device = PHONE;
  it('says the Bungie session has ended, with the sign-in button, when Bungie revokes it', async () => {
    const context = await newContext(browser, device);
    const page = await context.newPage();
    await signIn(page);
    // The player removes the app on Bungie.net: every token of this sign-in is refused from now on.
    await simControl({ revokeAuthorization: true });
    const response = await page.goto('/vault');
    expect(response?.status()).toBe(200);
    const alert = page.locator('main [role="alert"]');
    expect(await alert.getAttribute('data-problem')).toBe('session-ended');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Your Bungie session has ended — sign in again');
    expect(await page.getByRole('button', { name: 'Sign in with Bungie' }).isVisible()).toBe(true);
    await page.screenshot({ path: screenshotPath(`vault-session-ended-390x844`) });
    // Signing in again works and shows the vault.
    await signIn(page);
    await openVaultOnceManifestIsIn(page);
    expect(await page.getByTestId('vault-count').isVisible()).toBe(true);
    await context.close();
  }, MANIFEST_WAIT_MS + 60_000);
});
