import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAxeViolations } from '../support/axe';
import { DESKTOP, launchChromium, PHONE, screenshotPath } from '../support/browser';
import { MANIFEST_WAIT_MS, scrollsSideways, signedInOnVault } from '../support/inventory';
import { fillBucket, simCharacters } from '../support/item-moves';
import { simUrl } from '../support/sign-in';

// The everyday tools of issue 19 in a real browser against the built app and the simulated game:
// "Collect all" with a full slot, max power in the character header and "Equip max power", and
// compare (from the item sheet and from a search). The world is put back afterwards.
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
  await fetch(`${simUrl()}/__sim/world/save`, { method: 'POST' });
});
afterAll(async () => {
  await fetch(`${simUrl()}/__sim/world/restore`, { method: 'POST' });
  await browser?.close();
});

type WorldItem = { itemHash: number; itemInstanceId: string | null; owner: string; bucketHash: number; homeBucketHash: number; equipped: boolean; locked: boolean };
const POSTMASTER = 215593132;
const WEAPON_SLOTS = [1498876634, 2465295065, 953998645];
const worldItems = async () => ((await (await fetch(`${simUrl()}/__sim/items`)).json()) as { items: WorldItem[] }).items;
const titanId = async () => (await simCharacters()).find((c) => c.classType === 0)!.characterId;

async function openTitan(page: Page, titan: string): Promise<void> {
  await page.goto(`/characters/${titan}`);
  await page.getByRole('heading', { name: 'Titan', level: 1 }).waitFor();
}

describe('Collect all (postmaster sweep) at 390×844', () => {
  it('collects every postmaster item, making room in a full slot with one item sent to the vault, and reports item by item', async () => {
    const { context, page } = await signedInOnVault(browser, PHONE);
    const titan = await titanId();
    const waiting = (await worldItems()).filter((i) => i.owner === titan && i.bucketHash === POSTMASTER);
    expect(waiting.length).toBeGreaterThanOrEqual(2);
    // A weapon at the postmaster whose slot the player has filled to the brim.
    const full = waiting.find((i) => WEAPON_SLOTS.includes(i.homeBucketHash)) ?? waiting[0]!;
    await fillBucket(page, titan, full.homeBucketHash, []);
    const slotBefore = (await worldItems()).filter((i) => i.owner === titan && i.bucketHash === full.homeBucketHash);
    expect(slotBefore).toHaveLength(10);

    await openTitan(page, titan);
    const sweep = page.getByTestId('postmaster-sweep');
    expect(await sweep.textContent()).toContain(`${waiting.length} items wait at the postmaster.`);
    await sweep.getByRole('button', { name: 'Collect all' }).click();
    await expect
      .poll(() => sweep.getByRole('status').textContent(), { timeout: 30_000 })
      .toBe(`${waiting.length} of ${waiting.length} items collected from your Titan's postmaster.`);
    const line = sweep.getByTestId('sweep-report').locator(`li[data-item-id="${full.itemInstanceId}"]`);
    expect(await line.getAttribute('data-status')).toBe('collected_made_room');
    expect(await line.textContent()).toMatch(/the least valuable unlocked item there\) to the vault to make room\./);

    // The game agrees: nothing waits, exactly one item of the full slot went to the vault, and it was neither locked nor equipped.
    const after = await worldItems();
    expect(after.filter((i) => i.owner === titan && i.bucketHash === POSTMASTER)).toHaveLength(0);
    const left = slotBefore.filter((b) => after.find((a) => a.itemInstanceId === b.itemInstanceId)?.owner !== titan);
    expect(left).toHaveLength(1);
    expect(left[0]).toMatchObject({ locked: false, equipped: false });
    // The page read its data again: the postmaster section is gone.
    await expect.poll(() => page.locator('[data-group="postmaster"]').count(), { timeout: 15_000 }).toBe(0);
    expect(await scrollsSideways(page)).toBe(false);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await sweep.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('tools-sweep-390x844') });
    await context.close();
  }, MANIFEST_WAIT_MS + 120_000);
});

describe('max power in the character header at 390×844', () => {
  it('shows the highest reachable power; “Equip max power” puts it on (the game’s own power agrees) with the per-item report', async () => {
    const { context, page } = await signedInOnVault(browser, PHONE);
    const titan = await titanId();
    await openTitan(page, titan);
    const box = page.getByTestId('max-power');
    const value = box.getByTestId('max-power-value');
    await value.waitFor({ timeout: 20_000 });
    const max = Number(await value.textContent());
    const header = page.locator('header', { has: page.getByRole('heading', { name: 'Titan', level: 1 }) });
    const before = Number(await header.getByLabel(/^Power \d+$/).textContent());
    expect(max).toBeGreaterThanOrEqual(before);
    await box.locator('summary').click();
    // The list is drawn once the <details> says it opened (its toggle event comes after the click).
    await expect.poll(() => box.getByRole('list', { name: 'Max-power items' }).locator('li[data-item-id]').count(), { timeout: 10_000 }).toBe(8);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('tools-max-power-390x844') });

    await box.getByRole('button', { name: 'Equip max power' }).click();
    await expect.poll(() => box.getByRole('status').textContent(), { timeout: 30_000 }).toMatch(/^(All 8|\d of 8) items equipped on your Titan\.$/);
    expect(await box.getByTestId('apply-report').count()).toBe(1);
    // The game's power (the header, from Bungie's character) is now the max the app worked out,
    // and the box says it is worn.
    await expect.poll(async () => Number(await header.getByLabel(/^Power \d+$/).textContent()), { timeout: 15_000 }).toBe(max);
    await expect.poll(() => box.textContent(), { timeout: 15_000 }).toContain('already worn');
    const worn = (await worldItems()).filter((i) => i.owner === titan && i.equipped);
    expect(worn.length).toBeGreaterThanOrEqual(8);
    expect(await scrollsSideways(page)).toBe(false);
    await context.close();
  }, MANIFEST_WAIT_MS + 120_000);
});

describe('compare', () => {
  it('from the item sheet: the same weapon type side by side, stats as the game has them, differences marked', async () => {
    const { context, page } = await signedInOnVault(browser, DESKTOP);
    // A vault weapon whose type has another one in the vault.
    const tiles = await page.$$eval('[data-group="weapons"] button[data-item-id]', (buttons) => buttons.map((b) => ({ id: b.getAttribute('data-item-id')!, label: b.getAttribute('aria-label') ?? '' })));
    expect(tiles.length).toBeGreaterThan(2);
    let opened = false;
    for (const tile of tiles.slice(0, 20)) {
      await page.locator(`main button[data-item-id="${tile.id}"]`).click();
      const sheet = page.getByTestId('item-sheet');
      const compare = sheet.getByRole('button', { name: /^Compare with other / });
      if ((await compare.count()) === 1) {
        await compare.click();
        opened = true;
        break;
      }
      await sheet.getByRole('button', { name: 'Close' }).click();
    }
    expect(opened).toBe(true);
    const sheet = page.getByTestId('compare-sheet');
    await sheet.locator('[data-stat]').nth(1).waitFor({ timeout: 20_000 });
    const ids = await sheet.locator('thead th[data-item-id]').evaluateAll((ths) => ths.map((th) => th.getAttribute('data-item-id')!));
    expect(ids.length).toBeGreaterThanOrEqual(2);
    // Each column's stats are the game's roll of that item.
    for (const [column, id] of ids.slice(0, 2).entries()) {
      const roll = (await (await fetch(`${simUrl()}/__sim/item/${id}`)).json()) as { stats: { name: string; value: number }[] };
      const rows = await sheet.locator('tbody tr[data-stat]').evaluateAll((trs, c) => trs.map((tr) => ({ name: tr.getAttribute('data-stat')!, cell: tr.querySelectorAll('td')[c]?.firstChild?.textContent ?? '' })), column);
      const shown = rows.filter((r) => r.name !== 'Power' && r.cell !== '—');
      expect(shown.length).toBeGreaterThan(2);
      for (const r of shown) expect(roll.stats.find((s) => s.name === r.name)?.value).toBe(Number(r.cell));
    }
    expect(await sheet.locator('[data-diff]').count()).toBeGreaterThan(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('tools-compare-1440x900') });
    await sheet.getByRole('button', { name: 'Close' }).click();
    await context.close();
  }, MANIFEST_WAIT_MS + 90_000);

  it('from a search at 390×844: “Compare N” opens the matching items of one type', async () => {
    const { context, page } = await signedInOnVault(browser, PHONE);
    const box = page.getByRole('combobox', { name: /search/i });
    await box.fill('is:weapon is:kineticslot');
    const button = page.getByRole('button', { name: /^Compare \d$/ });
    await button.waitFor({ timeout: 15_000 });
    const n = Number((await button.textContent())!.replace('Compare ', ''));
    expect(n).toBeGreaterThanOrEqual(2);
    await button.click();
    const sheet = page.getByTestId('compare-sheet');
    await sheet.locator('[data-stat]').nth(1).waitFor({ timeout: 20_000 });
    expect(await sheet.locator('thead th[data-item-id]').count()).toBe(n);
    const powers = await sheet.locator('tr[data-stat="Power"] td').evaluateAll((tds) => tds.map((td) => Number(td.firstChild?.textContent)));
    // Strongest first.
    expect([...powers].sort((a, b) => b - a)).toEqual(powers);
    await page.screenshot({ path: screenshotPath('tools-compare-search-390x844') });
    await context.close();
  }, MANIFEST_WAIT_MS + 90_000);
});
