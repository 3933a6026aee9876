import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launchChromium, newContext, screenshotPath } from '../support/browser';
import { parseCsv } from '../support/annotations';
import { seriousAxeViolations } from '../support/axe';
import { hydrated, MANIFEST_WAIT_MS, openVaultOnceManifestIsIn, signedInOnVault } from '../support/inventory';
import { signIn } from '../support/sign-in';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** Clears every tag and note of the signed-in player (other browser tests read tiles' names). */
async function clearAll(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const { annotations } = (await (await fetch('/api/annotations')).json()) as { annotations: { instanceId: string }[] };
    for (const a of annotations) await fetch(`/api/annotations/${a.instanceId}`, { method: 'DELETE' });
  });
}

const tile = (page: Page, id: string) => page.locator(`main button[data-item-id="${id}"]`);

describe('tags and notes at 1440×900, on two devices', () => {
  it('a tag and a note set on one device show on the other at its next 30 s refresh, without a reload', async () => {
    const a = await signedInOnVault(browser, DESKTOP);
    // Device B runs on a clock the test can move: its 30 s refresh comes when the test says so.
    const contextB = await newContext(browser, DESKTOP);
    await contextB.clock.install();
    const b = await contextB.newPage();
    await signIn(b);
    await openVaultOnceManifestIsIn(b);
    try {
      await Promise.all([hydrated(a.page), hydrated(b)]);
      const id = (await a.page.locator('[data-group="weapons"] button[data-item-id]').first().getAttribute('data-item-id'))!;
      expect(await tile(b, id).getAttribute('data-tag')).toBeNull();
      // B must not reload: a mark on its window survives only if the page stays the same.
      await b.evaluate(() => Object.assign(window, { __sameDocument: true }));

      // Device A: the sheet's tag picker and note field.
      await tile(a.page, id).click();
      const sheet = a.page.getByTestId('item-sheet');
      await sheet.getByRole('radiogroup', { name: 'Tag' }).getByRole('radio', { name: /Junk/ }).click();
      await sheet.getByText('Tagged Junk.').waitFor();
      await sheet.getByRole('textbox', { name: /Note/ }).fill('Shard after Trials, "rampage" roll');
      await sheet.getByRole('button', { name: 'Save note' }).click();
      await sheet.getByText('Note saved.').waitFor();
      await sheet.getByRole('button', { name: 'Close' }).click();
      expect(await tile(a.page, id).getAttribute('data-tag')).toBe('junk');
      expect(await tile(a.page, id).getAttribute('aria-label')).toMatch(/tagged Junk, has a note$/);

      // Device B: nothing yet — then its refresh timer fires (30 s on its clock) and the tag arrives.
      const reads: string[] = [];
      b.on('response', (r) => {
        const path = new URL(r.url()).pathname;
        if (path === '/api/annotations' || path === '/api/profile') reads.push(`${path} ${r.status()}`);
      });
      await b.waitForTimeout(3_000);
      expect(await tile(b, id).getAttribute('data-tag'), 'the tag reached device B before its refresh').toBeNull();
      await b.clock.fastForward(31_000);
      await b.locator(`main button[data-item-id="${id}"][data-tag="junk"]`).waitFor({ timeout: 15_000 });
      expect(await b.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
      expect(reads).toContain('/api/annotations 200');
      expect(await tile(b, id).getAttribute('aria-label')).toMatch(/tagged Junk, has a note$/);
      await tile(b, id).click();
      const sheetB = b.getByTestId('item-sheet');
      expect(await sheetB.getByRole('textbox', { name: /Note/ }).inputValue()).toBe('Shard after Trials, "rampage" roll');
      expect(await sheetB.getByRole('radio', { name: /Junk/ }).getAttribute('aria-checked')).toBe('true');
      await b.screenshot({ path: screenshotPath('tags-second-device') });
      // The tag picker and the note field pass axe (no serious or critical finding) in the open sheet.
      expect(await seriousAxeViolations(b, '[data-testid="item-sheet"]')).toEqual([]);

      // B clears the tag; A sees it gone at its own refresh (focus brings SWR's read forward).
      await sheetB.getByRole('radio', { name: 'No tag' }).click();
      await sheetB.getByText('Tag cleared.').waitFor();
      for (let attempt = 0; attempt < 4 && (await tile(a.page, id).getAttribute('data-tag')) !== null; attempt++) {
        await a.page.evaluate(() => window.dispatchEvent(new Event('focus')));
        await a.page.locator(`main button[data-item-id="${id}"]:not([data-tag])`).waitFor({ timeout: 6_000 }).catch(() => undefined);
      }
      expect(await tile(a.page, id).getAttribute('data-tag')).toBeNull();
      expect(await tile(a.page, id).getAttribute('aria-label')).toMatch(/has a note$/);
    } finally {
      await clearAll(a.page);
      await contextB.close();
      await a.context.close();
    }
  }, MANIFEST_WAIT_MS + 120_000);

  it('tags a search’s results at once, and exports every item with its tag and note as CSV', async () => {
    const { context, page } = await signedInOnVault(browser, DESKTOP);
    try {
      await hydrated(page);
      const weapon = page.locator('[data-group="weapons"] button[data-item-id]').first();
      const name = (await weapon.getAttribute('aria-label'))!.split(',')[0]!;
      await page.goto(`/vault?q=${encodeURIComponent(`name:"${name}"`)}`);
      await hydrated(page);
      const bulk = page.getByRole('form', { name: 'Tag the search results' });
      const shown = await page.locator('main button[data-item-id]').count();
      expect(shown).toBeGreaterThan(0);
      await bulk.getByRole('combobox').selectOption('favorite');
      await bulk.getByRole('button', { name: 'Tag' }).click();
      await bulk.getByText(`Tagged ${shown === 1 ? '1 item' : `${shown} items`} as Favorite.`).waitFor();
      expect(await seriousAxeViolations(page, 'main')).toEqual([]);
      expect(await page.locator('main button[data-item-id][data-tag="favorite"]').count()).toBe(shown);
      const ids = await page.locator('main button[data-item-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-item-id')!));

      // A note with a comma, quotes, a line break, and one a spreadsheet would run as a formula.
      await page.evaluate(async ([first]) => {
        await fetch(`/api/annotations/${first}`, { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ notes: '=1+1, "best"\nroll' }) });
      }, ids);

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export all your items as CSV' }).click()]);
      expect(download.suggestedFilename()).toMatch(/^vault-raider-items-\d{4}-\d{2}-\d{2}\.csv$/);
      const text = fs.readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
      const [header, ...rows] = parseCsv(text);
      expect(header).toEqual(['Name', 'Hash', 'Id', 'Tag', 'Notes', 'Type', 'Tier', 'Element', 'Power', 'Location', 'Equipped', 'Locked', 'Masterwork', 'Quantity']);
      const byId = new Map(rows.map((r) => [r[2], r]));
      for (const id of ids) expect(byId.get(id)?.[3]).toBe('favorite');
      expect(byId.get(ids[0])?.[4]).toBe(`'=1+1, "best"\nroll`);
      expect(byId.get(ids[0])?.[0]).toBe(name);
      // Every item of the profile: more rows than the vault page alone shows.
      expect(rows.length).toBeGreaterThan(shown);
    } finally {
      await clearAll(page);
      await context.close();
    }
  }, MANIFEST_WAIT_MS + 60_000);
});
