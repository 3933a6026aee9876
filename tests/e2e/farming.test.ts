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

// Farming mode (issue 19) in a real browser against the built app and the simulated game, as it
// works in Destiny 2: turned on in a character's column of the inventory screen, a weapon bucket the
// simulator fills to its 10 places gets one free: its least valuable unlocked, untagged, unequipped
// item lands in the vault's column and the report; engrams stay, their bucket's fill shown; a full
// vault stops it with the sentence. The world and the vault's capacity are put back afterwards.
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
const KINETIC = 1498876634;
const ENERGY = 2465295065;
/** A turn every 10 s, plus the profile read, the moves and the page's re-read. */
const TURN_WAIT_MS = 30_000;
type Landed = { itemInstanceId: string; owner: string; bucketHash: number };
type WorldItem = { itemInstanceId?: string; owner: string; bucketHash: number; equipped: boolean; locked: boolean };
const drop = async (characterId: string, bucketHash: number, count: number) => (await simControl({ arrive: { characterId, bucketHash, count } })).arrived as Landed[];
const inBucket = async (characterId: string, bucketHash: number) => ((await simWorld()).items as WorldItem[]).filter((i) => i.owner === characterId && i.bucketHash === bucketHash);
/** Fills the character's bucket to its 10 places with drops; answers the dropped items' ids. */
async function fill(characterId: string, bucketHash: number): Promise<string[]> {
  const landed = await drop(characterId, bucketHash, 10 - (await inBucket(characterId, bucketHash)).length);
  expect(landed.every((l) => l.bucketHash === bucketHash)).toBe(true);
  return landed.map((l) => l.itemInstanceId);
}
const vaultTile = (page: Page, id: string) => page.locator(`main section[data-store="vault"] button[data-item-id="${id}"]`);

describe('farming mode on the inventory screen at 1440×900', () => {
  it('keeps a place free in a full weapon bucket, leaves engrams and locked items, and stops with the sentence when the vault is full', async () => {
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
      const engrams = (await inBucket(titan, ENGRAMS)).length;
      const lockedBefore = (await inBucket(titan, KINETIC)).filter((i) => i.locked).map((i) => i.itemInstanceId);

      // The kinetic bucket fills up (the drops are unlocked): the first turn sends one item to the vault.
      await fill(titan, KINETIC);
      await toggle.check();
      const status = farming.getByTestId('farming-status');
      await expect.poll(() => status.textContent(), { timeout: TURN_WAIT_MS }).toBe(movedSentence(1, 0));
      const moved = await farming.getByTestId('farming-report').locator('li[data-item-id]').first().getAttribute('data-item-id');
      expect(moved).toBeTruthy();
      await vaultTile(page, moved!).waitFor({ timeout: 15_000 });
      const kinetic = await inBucket(titan, KINETIC);
      expect(kinetic).toHaveLength(9);
      expect(kinetic.map((i) => i.itemInstanceId)).not.toContain(moved);
      // Never a locked item: every one that was locked is still on the Titan.
      for (const id of lockedBefore) expect(kinetic.map((i) => i.itemInstanceId)).toContain(id);
      // Engrams stay on the character; the bucket's fill is shown.
      expect(await inBucket(titan, ENGRAMS)).toHaveLength(engrams);
      expect(await farming.getByTestId('farming-engrams').textContent()).toBe(`Engrams: ${engrams}/10.`);
      await screenAgrees(page);
      expect(await toggle.isChecked()).toBe(true);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await page.screenshot({ path: screenshotPath('farming-inventory-1440x900') });

      // The vault fills up and the energy bucket too: the next move is refused, and farming stops with the sentence.
      await simControl({ vaultCapacity: (await simWorld()).vaultCount });
      await fill(titan, ENERGY);
      const stopped = farming.getByRole('alert');
      await stopped.waitFor({ timeout: TURN_WAIT_MS });
      expect(await stopped.textContent()).toBe('Farming stopped: your vault is full. Make room there, then turn farming on again.');
      expect(await toggle.isChecked()).toBe(false);
      expect(await inBucket(titan, ENERGY)).toHaveLength(10);
      // What it moved before stays reported.
      expect(await status.textContent()).toBe(movedSentence(1, 0));
    } finally {
      await simControl({ vaultCapacity: null });
      await context.close();
    }
  }, MANIFEST_WAIT_MS + 180_000);
});

describe('farming mode on a character page at 390×844', () => {
  it('is off on a fresh page; turned on, it frees a place in a full bucket and warns that the Engrams bucket is full', async () => {
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
      await fill(hunter, KINETIC);
      await drop(hunter, ENGRAMS, 10 - (await inBucket(hunter, ENGRAMS)).length);
      await toggle.check();
      await expect.poll(() => farming.getByTestId('farming-status').textContent(), { timeout: TURN_WAIT_MS }).toBe(movedSentence(1, 0));
      expect(await inBucket(hunter, KINETIC)).toHaveLength(9);
      expect(await farming.getByTestId('farming-engrams').textContent()).toBe('Engrams full (10/10): new engrams go to the postmaster. Decrypt some to make room.');
      expect(await inBucket(hunter, ENGRAMS)).toHaveLength(10);
      await farming.scrollIntoViewIfNeeded();
      await page.screenshot({ path: screenshotPath('farming-character-390x844') });
    } finally {
      await context.close();
    }
  }, MANIFEST_WAIT_MS + 120_000);
});
