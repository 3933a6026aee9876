import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAxeViolations } from '../support/axe';
import { launchChromium, PHONE, screenshotPath } from '../support/browser';
import { iconsLoaded, MANIFEST_WAIT_MS, signedInOnVault } from '../support/inventory';
import { simUrl } from '../support/sign-in';

type SimRoll = { stats: { name: string; value: number }[]; sockets: { active: string | null; options: string[] }[] };

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('the item sheet at 390x844', () => {
  it("opens a weapon from /vault and shows its stats and perks as the simulator rolled them", async () => {
    const { context, page } = await signedInOnVault(browser, PHONE);

    const tile = page.locator('[data-group="weapons"] button[data-item-id]').first();
    const id = (await tile.getAttribute('data-item-id'))!;
    const roll = (await (await fetch(`${simUrl()}/__sim/item/${id}`)).json()) as SimRoll;
    // By its id: the player's remembered sort (another test may have changed it) can reorder the
    // grid once the page has read it, and `first()` would then be another weapon.
    await page.locator(`[data-group="weapons"] button[data-item-id="${id}"]`).click();
    const sheet = page.getByRole('dialog');
    const stats = sheet.getByRole('region', { name: 'Stats' });
    await stats.waitFor();

    // Every stat the sheet lists is the simulator's, with its value; weapons lead with Impact.
    const shown = await stats.getByRole('listitem').evaluateAll((lis) => lis.map((li) => [li.children[0]?.textContent ?? '', Number(li.children[2]?.textContent)] as const));
    expect(shown[0]?.[0]).toBe('Impact');
    for (const [name, value] of shown) expect(roll.stats.find((s) => s.name === name)?.value, name).toBe(value);
    const meters = await stats.getByRole('meter').evaluateAll((ms) => ms.map((m) => [m.getAttribute('aria-valuenow'), m.getAttribute('aria-valuemax')]));
    expect(meters.length).toBeGreaterThanOrEqual(5);
    for (const [now, max] of meters) expect(Number(now)).toBeLessThanOrEqual(Number(max));

    // Each rolled perk is listed and marked as the active one.
    const perks = sheet.getByRole('region', { name: 'Perks' });
    const active = await perks.locator('li[aria-current="true"]').allTextContents();
    const rolled = roll.sockets.flatMap((s) => (s.active ? [s.active] : []));
    expect(rolled.length).toBeGreaterThanOrEqual(5);
    expect(active.map((t) => t.replace(' (active)', ''))).toEqual(rolled);
    expect(await perks.getByRole('listitem').count()).toBeGreaterThan(rolled.length);

    expect(await seriousAxeViolations(page, '[data-testid="item-sheet"]')).toEqual([]);

    await iconsLoaded(page);
    await page.screenshot({ path: screenshotPath('item-sheet-detail-390x844') });
    await perks.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('item-sheet-perks-390x844') });
    await context.close();
  }, MANIFEST_WAIT_MS + 60_000);
});
