import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { movedSentence } from '@/lib/tools/farming-words';
import { seriousAxeViolations } from '../support/axe';
import { DESKTOP, launchChromium, newContext, PHONE, screenshotPath } from '../support/browser';
import { MANIFEST_WAIT_MS, simControl } from '../support/inventory';
import { openInventory, screenAgrees } from '../support/inventory-screen';
import { simCharacters } from '../support/item-moves';
import { simWorld } from '../support/journey';
import { signIn, simUrl } from '../support/sign-in';

// Farming mode (issue 19) in a real browser against the built app and the simulated game: turned on
// in a character's column of the inventory screen, engrams the simulator drops on that character
// land in the vault's column with a running report; a full vault stops it with the sentence. The
// world and the vault's capacity are put back afterwards.
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
  await fetch(`${simUrl()}/__sim/world/save`, { method: 'POST' });
});
afterAll(async () => {
  await simControl({ vaultCapacity: null });
  await fetch(`${simUrl()}/__sim/world/restore`, { method: 'POST' });
  await browser?.close();
});

const ENGRAMS = 375726501;
/** A turn every 10 s, plus the profile read, the moves and the page's re-read. */
const TURN_WAIT_MS = 30_000;
type Landed = { itemInstanceId: string; owner: string; bucketHash: number };
const dropEngrams = async (characterId: string, count: number) =>
  ((await simControl({ arrive: { characterId, bucketHash: ENGRAMS, count } })).arrived as Landed[]).map((l) => l.itemInstanceId);
const engramsOn = async (characterId: string) => (await simWorld()).items.filter((i) => i.owner === characterId && i.bucketHash === ENGRAMS);
const vaultTile = (page: Page, id: string) => page.locator(`main section[data-store="vault"] button[data-item-id="${id}"]`);

describe('farming mode on the inventory screen at 1440×900', () => {
  it('moves engrams to the vault as they drop, reports them, and stops with the sentence when the vault is full', async () => {
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    try {
      await signIn(page);
      await openInventory(page);
      const titan = (await simCharacters()).find((c) => c.classType === 0)!.characterId;
      const farming = page.locator(`main section[data-store="${titan}"]`).getByTestId('farming');
      const toggle = farming.getByRole('switch', { name: 'Farming mode' });
      // Off by default: nothing moves until the player turns it on.
      expect(await toggle.isChecked()).toBe(false);
      const already = (await engramsOn(titan)).length;

      await toggle.check();
      const status = farming.getByTestId('farming-status');
      await expect.poll(() => status.textContent(), { timeout: TURN_WAIT_MS }).toBe(movedSentence(already, 0));
      expect(await engramsOn(titan)).toHaveLength(0);

      // Two engrams drop on the Titan while farming is on: the next turn takes them to the vault.
      const dropped = await dropEngrams(titan, 2);
      expect(dropped).toHaveLength(2);
      await expect.poll(() => status.textContent(), { timeout: TURN_WAIT_MS }).toBe(movedSentence(already + 2, 0));
      for (const id of dropped) {
        await vaultTile(page, id).waitFor({ timeout: 15_000 });
        expect(await farming.getByTestId('farming-report').locator(`li[data-item-id="${id}"]`).count()).toBe(1);
      }
      expect(await engramsOn(titan)).toHaveLength(0);
      await screenAgrees(page);
      expect(await toggle.isChecked()).toBe(true);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await page.screenshot({ path: screenshotPath('farming-inventory-1440x900') });

      // The vault fills up: the next engram is refused, and farming stops with the sentence.
      await simControl({ vaultCapacity: (await simWorld()).vaultCount });
      const [stuck] = await dropEngrams(titan, 1);
      const stopped = farming.getByRole('alert');
      await stopped.waitFor({ timeout: TURN_WAIT_MS });
      expect(await stopped.textContent()).toBe('Farming stopped: your vault is full. Make room there, then turn farming on again.');
      expect(await toggle.isChecked()).toBe(false);
      expect((await engramsOn(titan)).map((i) => i.itemInstanceId)).toEqual([stuck]);
      // What it moved before stays reported.
      expect(await status.textContent()).toBe(movedSentence(already + 2, 0));
    } finally {
      await simControl({ vaultCapacity: null });
      await context.close();
    }
  }, MANIFEST_WAIT_MS + 180_000);
});

describe('farming mode on a character page at 390×844', () => {
  it('is off on a fresh page; turned on, it moves the engrams that drop and says so', async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    try {
      await signIn(page);
      const hunter = (await simCharacters()).find((c) => c.classType === 1)!.characterId;
      await page.goto(`/characters/${hunter}`);
      await page.getByRole('heading', { name: 'Hunter', level: 1 }).waitFor({ timeout: MANIFEST_WAIT_MS });
      const farming = page.getByTestId('farming');
      const toggle = farming.getByRole('switch', { name: 'Farming mode' });
      await page.waitForFunction(() => Object.keys(document.querySelector('[data-testid="farming"] input')!).some((k) => k.startsWith('__reactProps')));
      expect(await toggle.isChecked()).toBe(false);
      const already = (await engramsOn(hunter)).length;
      const dropped = await dropEngrams(hunter, 3);
      await toggle.check();
      await expect.poll(() => farming.getByTestId('farming-status').textContent(), { timeout: TURN_WAIT_MS }).toBe(movedSentence(already + 3, 0));
      expect(await engramsOn(hunter)).toHaveLength(0);
      for (const id of dropped) expect(await farming.locator(`li[data-item-id="${id}"]`).count()).toBe(1);
      // The page read itself again: no engram tile is left on the Hunter.
      await expect.poll(() => page.locator(`main section[data-bucket-hash="${ENGRAMS}"] button[data-item-id]`).count(), { timeout: 15_000 }).toBe(0);
      await farming.scrollIntoViewIfNeeded();
      await page.screenshot({ path: screenshotPath('farming-character-390x844') });
    } finally {
      await context.close();
    }
  }, MANIFEST_WAIT_MS + 120_000);
});
