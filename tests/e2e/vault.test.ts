import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launchChromium, newContext, PHONE, screenshotPath } from '../support/browser';
import { expectedGroup, iconsLoaded, MANIFEST_WAIT_MS, openVaultOnceManifestIsIn, scrollsSideways, simVault, tilesOnPage } from '../support/inventory';
import { signIn } from '../support/sign-in';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const viewports = [
  { name: '390x844', device: PHONE },
  { name: '1440x900', device: DESKTOP },
] as const;

describe.each(viewports)('the vault at $name, signed in', ({ name, device }) => {
  it('shows every vault item of the simulated world, in the right group and slot', async () => {
    const context = await newContext(browser, device);
    const page = await context.newPage();
    await signIn(page);
    await openVaultOnceManifestIsIn(page);
    const world = await simVault();
    const tiles = (await tilesOnPage(page)).filter((t) => t.group !== 'account');

    expect(tiles).toHaveLength(world.items.length);
    expect(await page.getByTestId('vault-count').textContent()).toBe(`${world.items.length} / ${world.capacity}`);
    const instanced = new Map(tiles.filter((t) => t.id).map((t) => [t.id, t]));
    for (const item of world.items) {
      const where = { group: expectedGroup(item), bucket: item.known ? item.bucketTypeHash : 0 };
      if (item.itemInstanceId) {
        expect(instanced.get(item.itemInstanceId), `instance ${item.itemInstanceId}`).toMatchObject({ ...where, hash: item.itemHash });
      } else {
        const stacks = tiles.filter((t) => !t.id && t.hash === item.itemHash && t.group === where.group && t.bucket === where.bucket);
        expect(stacks.length, `stacks of ${item.itemHash}`).toBe(world.items.filter((i) => !i.itemInstanceId && i.itemHash === item.itemHash).length);
      }
    }
    // Weapons, armour and general are headed by the manifest's bucket names.
    expect(await page.locator('[data-group="weapons"] h3').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Kinetic Weapons\d+$/), expect.stringMatching(/^Power Weapons\d+$/)]),
    );
    if (device === PHONE) expect(await scrollsSideways(page)).toBe(false);
    await iconsLoaded(page);
    await page.screenshot({ path: screenshotPath(`vault-${name}`), fullPage: device !== PHONE });
    await context.close();
  }, MANIFEST_WAIT_MS + 60_000);

  it('opens a detail sheet from a tile, and filters and sorts', async () => {
    const context = await newContext(browser, device);
    const page = await context.newPage();
    await signIn(page);
    await openVaultOnceManifestIsIn(page);

    const tile = page.locator('[data-group="weapons"] button[data-item-id]').first();
    const label = (await tile.getAttribute('aria-label')) ?? '';
    await tile.click();
    const sheet = page.getByRole('dialog');
    await sheet.waitFor();
    expect(await sheet.getByRole('heading', { level: 2 }).textContent()).toBe(label.split(',')[0]);
    expect(await sheet.textContent()).toContain('WhereVault');
    await page.screenshot({ path: screenshotPath(`vault-sheet-${name}`) });
    await sheet.getByRole('button', { name: 'Close' }).click();
    await sheet.waitFor({ state: 'hidden' });

    const itemName = label.split(',')[0]!;
    await page.getByRole('combobox', { name: 'Search items' }).fill(`name:"${itemName}"`);
    await page.waitForFunction((n) => [...document.querySelectorAll('button[data-item-hash]')].every((b) => b.getAttribute('aria-label')?.includes(n)), itemName);
    expect(await page.locator('button[data-item-hash]').count()).toBeGreaterThan(0);
    await page.getByRole('combobox', { name: 'Search items' }).fill('');
    await page.waitForFunction(() => document.querySelectorAll('button[data-item-hash]').length > 50);

    await page.getByLabel('Sort items by').selectOption('power');
    const powers = await page.$$eval('[data-group="weapons"] section[data-bucket-hash]:first-of-type button[data-item-hash]', (bs) =>
      bs.map((b) => Number(/power (\d+)/.exec(b.getAttribute('aria-label') ?? '')?.[1] ?? 0)),
    );
    expect(powers.length).toBeGreaterThan(1);
    expect([...powers].sort((a, b) => b - a)).toEqual(powers);
    await context.close();
  }, MANIFEST_WAIT_MS + 60_000);
});
