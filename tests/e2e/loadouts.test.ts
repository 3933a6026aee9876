import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAxeViolations } from '../support/axe';
import { launchChromium, newContext, PHONE, screenshotPath } from '../support/browser';
import { MANIFEST_WAIT_MS, scrollsSideways, signedInOnVault } from '../support/inventory';
import { signIn, simUrl } from '../support/sign-in';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

type SimState = { characters: { characterId: string; classType: number }[] };
const titanId = async () => ((await (await fetch(`${simUrl()}/__sim/state`)).json()) as SimState).characters.find((c) => c.classType === 0)!.characterId;

/** The tiles of one slot on the character page, equipped first: id and hash. */
async function slotTiles(page: Page, slot: string) {
  return page.$$eval(`[data-group="slots"] section[aria-label="${slot}"] button[data-item-id]`, (buttons) =>
    buttons.map((b) => ({ id: b.getAttribute('data-item-id')!, hash: Number(b.getAttribute('data-item-hash')), label: b.getAttribute('aria-label') ?? '' })),
  );
}

/** An item action as the app's own page sends it (same origin, the player's cookie). */
async function itemAction(page: Page, route: string, body: unknown): Promise<number> {
  return page.evaluate(async ([r, b]) => (await fetch(`/api/items/${r}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(b) })).status, [route, body] as const);
}

describe('the Loadouts panel on a character page at 390×844', () => {
  it('saves the equipped set, and applying it brings back an item that was moved away', async () => {
    const { context, page } = await signedInOnVault(browser, PHONE);
    const titan = await titanId();
    await page.goto(`/characters/${titan}`);

    const panel = page.getByTestId('loadouts');
    await panel.locator('summary').click();
    await panel.getByLabel('Save what your Titan has equipped as').fill('Raid night');
    await panel.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => panel.getByRole('status').first().textContent(), { timeout: 15_000 }).toBe('Saved “Raid night”.');
    const card = panel.locator('li[data-loadout-id]', { has: page.getByRole('heading', { name: 'Raid night' }) });
    expect(await card.getByRole('list', { name: 'Items in Raid night' }).locator(':scope > li').count()).toBeGreaterThanOrEqual(11);

    // In the game, the player equips another kinetic weapon and sends the saved one to the vault.
    const [worn, spare] = await slotTiles(page, 'Kinetic Weapons');
    expect(worn!.label).toMatch(/equipped/);
    expect(await itemAction(page, 'equip', { characterId: titan, items: [{ itemId: spare!.id, itemHash: spare!.hash }] })).toBe(200);
    expect(await itemAction(page, 'transfer', { itemId: worn!.id, itemHash: worn!.hash, from: titan, to: 'vault' })).toBe(200);
    await page.reload();
    await panel.locator('summary').click();
    expect((await slotTiles(page, 'Kinetic Weapons')).some((t) => t.id === worn!.id)).toBe(false);

    await card.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => card.getByRole('status').textContent(), { timeout: 20_000 }).toMatch(/^All \d+ items equipped on your Titan\.$/);
    const line = card.getByTestId('apply-report').locator(`li[data-item-id="${worn!.id}"]`);
    expect(await line.getAttribute('data-status')).toBe('moved_equipped');
    expect(await line.textContent()).toContain('Moved from your vault and equipped.');
    // The page read its data again: the saved weapon leads its slot, equipped.
    await expect.poll(async () => (await slotTiles(page, 'Kinetic Weapons'))[0], { timeout: 15_000 }).toMatchObject({ id: worn!.id, label: expect.stringMatching(/equipped/) });
    expect(await scrollsSideways(page)).toBe(false);
    // The open panel with its report is as accessible as the rest of the page.
    expect(await seriousAxeViolations(page)).toEqual([]);
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('loadouts-applied-390x844') });

    // Usable on the narrowest phones too.
    await page.setViewportSize({ width: 360, height: 740 });
    expect(await scrollsSideways(page)).toBe(false);
    await context.close();
  }, MANIFEST_WAIT_MS + 90_000);

  it('renames, refuses a duplicate name with a sentence, and deletes after asking', async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await signIn(page);
    await page.goto(`/characters/${await titanId()}`);
    const panel = page.getByTestId('loadouts');
    await panel.locator('summary').click();
    const name = panel.getByLabel('Save what your Titan has equipped as');
    await name.fill('Trials');
    await panel.getByRole('button', { name: 'Save', exact: true }).click();
    const card = panel.locator('li[data-loadout-id]', { has: page.getByRole('heading', { name: 'Trials', exact: true }) });
    await card.waitFor();

    await name.fill('Trials');
    await panel.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => panel.getByRole('alert').first().textContent(), { timeout: 15_000 }).toBe('You already have a loadout named “Trials”. Choose another name.');

    await card.getByRole('button', { name: 'Rename' }).click();
    await card.getByLabel('New name').fill('Trials of Osiris');
    await card.getByRole('button', { name: 'Save name' }).click();
    const renamed = panel.locator('li[data-loadout-id]', { has: page.getByRole('heading', { name: 'Trials of Osiris', exact: true }) });
    await renamed.waitFor();

    await renamed.getByRole('button', { name: 'Delete' }).click();
    expect(await renamed.textContent()).toContain('Delete “Trials of Osiris”? This cannot be undone.');
    await page.screenshot({ path: screenshotPath('loadouts-delete-390x844') });
    await renamed.getByRole('button', { name: 'Yes, delete' }).click();
    await expect.poll(() => renamed.count(), { timeout: 15_000 }).toBe(0);
    await page.reload();
    await panel.locator('summary').click();
    expect(await panel.getByRole('heading', { name: /^Trials/ }).count()).toBe(0);
    await context.close();
  }, MANIFEST_WAIT_MS + 60_000);
});
