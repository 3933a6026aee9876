import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAxeViolations } from '../support/axe';
import { DESKTOP, docsScreenshotPath, launchChromium, newContext, PHONE, screenshotPath } from '../support/browser';
import { iconsLoaded, MANIFEST_WAIT_MS, scrollsSideways, simVault } from '../support/inventory';
import { openInventory, readInventory, screenAgrees } from '../support/inventory-screen';
import { backToVault, fillBucket, simCharacters, transferFromPage } from '../support/item-moves';
import { CLASS_NAMES, simWorld, type SimItem } from '../support/journey';
import { signIn } from '../support/sign-in';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** Drags a tile with the mouse (HTML5 drag and drop) onto `target` at `offset` inside it. */
async function dragOnto(page: Page, tile: Locator, target: Locator, offset = { x: 30, y: 24 }): Promise<void> {
  await tile.hover();
  await page.mouse.down();
  const box = (await target.boundingBox())!;
  await page.mouse.move(box.x + offset.x, box.y + offset.y, { steps: 8 });
  // The highlight is React state set by the dragover: drawn a frame or more later on a busy machine.
  await expect.poll(() => target.getAttribute('data-over'), { timeout: 5_000 }).toBe('true');
  await page.mouse.up();
}

const tileOf = (page: Page, id: string) => page.locator(`main [data-store] button[data-item-id="${id}"]`);
const column = (page: Page, store: string) => page.locator(`main section[data-store="${store}"]`);
const WEAPON_BUCKETS = new Set([1498876634, 2465295065, 953998645]);

async function characterOf(classType: number) {
  return (await simCharacters()).find((c) => c.classType === classType)!;
}

describe('the inventory screen at 1440×900', () => {
  it('shows every store at once — a column per character with stats and postmaster, then the vault — and agrees with the world', async () => {
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    try {
      await signIn(page);
      await openInventory(page);
      // The start page of a signed-in player is this screen.
      await page.goto('/');
      expect(new URL(page.url()).pathname).toBe('/inventory');
      await openInventory(page);
      const characters = await simCharacters();
      for (const store of [...characters.map((c) => c.characterId), 'vault']) {
        const box = (await column(page, store).boundingBox())!;
        // Each column starts within the first screen, side by side, none cut off at the right.
        expect(box.x, `column ${store}`).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width, `column ${store}`).toBeLessThanOrEqual(1440);
        expect(box.y, `column ${store}`).toBeLessThan(500);
        expect(box.width, `column ${store}`).toBeGreaterThan(200);
      }
      for (const c of characters) {
        const header = column(page, c.characterId).getByTestId('store-header');
        expect(await header.getByRole('heading', { level: 2 }).textContent()).toBe(CLASS_NAMES[c.classType]);
        expect(await header.getByLabel(/^Power \d+$/).count()).toBe(1);
        const stats = await header.getByRole('list', { name: `${CLASS_NAMES[c.classType]} stats` }).getByRole('listitem').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
        expect(stats.map((s) => s?.replace(/ \d+$/, ''))).toEqual(['Mobility', 'Resilience', 'Recovery', 'Discipline', 'Intellect', 'Strength']);
      }
      // Each header's max power is the max-power tool's own answer for that character (items anywhere).
      for (const c of characters) {
        const answer = await page.request.get(`/api/characters/${c.characterId}/max-power`);
        expect(answer.status()).toBe(200);
        const { power } = (await answer.json()) as { power: number };
        const shown = column(page, c.characterId).getByTestId('store-max-power');
        await expect.poll(() => shown.textContent(), { timeout: 10_000 }).toBe(`max ${power}`);
        expect(await shown.getAttribute('href')).toBe(`/characters/${c.characterId}`);
      }
      // The simulated Titan has three items at the postmaster: room enough, no warning.
      const titan = characters.find((c) => c.classType === 0)!;
      expect(await column(page, titan.characterId).getByTestId('postmaster-count').textContent()).toBe('3 / 21');
      expect(await column(page, titan.characterId).getByTestId('postmaster-warning').count()).toBe(0);
      expect(await page.getByRole('list', { name: 'Currencies' }).getByRole('listitem').count()).toBeGreaterThan(0);
      expect(await page.getByRole('list', { name: 'Currencies' }).textContent()).toMatch(/Glimmer/);
      expect(await scrollsSideways(page)).toBe(false);
      await screenAgrees(page);
      expect(await seriousAxeViolations(page, '[data-testid="inventory"]')).toEqual([]);
      await iconsLoaded(page);
      await page.screenshot({ path: docsScreenshotPath('inventory-desktop') });
      // "max N" leads to the character's page inside the app: the page is not loaded again.
      await page.evaluate(() => Object.assign(window, { stayedInApp: true }));
      await column(page, titan.characterId).getByTestId('store-max-power').click();
      await page.waitForURL((url) => url.pathname === `/characters/${titan.characterId}`);
      await page.getByRole('button', { name: /equip max power/i }).waitFor();
      expect(await page.evaluate(() => (window as { stayedInApp?: boolean }).stayedInApp)).toBe(true);
    } finally {
      await context.close();
    }
  }, MANIFEST_WAIT_MS + 60_000);

  it('drags an item from one character column to another, then equips it there by dropping it on the equipped row', async () => {
    const titan = await characterOf(0);
    const hunter = await characterOf(1);
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    try {
      await signIn(page);
      await openInventory(page);
      const moved = await unequippedWeaponOn(page, titan.characterId);
      const id = moved.itemInstanceId!;

      // Onto the Hunter's column (its header: a move, not an equip).
      await dragOnto(page, tileOf(page, id), column(page, hunter.characterId));
      await expect.poll(() => page.getByTestId('drop-status').textContent(), { timeout: 15_000 }).toMatch(/^Moved .+ to your Hunter\.$/);
      expect((await simWorld()).items.find((i) => i.itemInstanceId === id)).toMatchObject({ owner: hunter.characterId, equipped: false });
      await expect.poll(async () => (await readInventory(page)).tiles.find((t) => t.id === id)?.store, { timeout: 15_000 }).toBe(hunter.characterId);
      await screenAgrees(page);

      // Onto the Hunter's equipped row: equipped there, and what it replaced stays on the Hunter.
      const equippedRow = column(page, hunter.characterId).getByRole('group', { name: 'Equipped on Hunter' });
      await dragOnto(page, tileOf(page, id), equippedRow);
      await expect.poll(() => page.getByTestId('drop-status').textContent(), { timeout: 15_000 }).toMatch(/^Equipped .+ on your Hunter\.$/);
      expect((await simWorld()).items.find((i) => i.itemInstanceId === id)).toMatchObject({ owner: hunter.characterId, equipped: true });
      await expect.poll(() => equippedRow.locator(`button[data-item-id="${id}"]`).count(), { timeout: 15_000 }).toBe(1);
      await screenAgrees(page);
      await page.screenshot({ path: screenshotPath('inventory-equip-drag-1440x900') });
    } finally {
      await context.close();
    }
  }, MANIFEST_WAIT_MS + 90_000);

  it('drags an equipped item to another character: another item of its slot is equipped in its place first', async () => {
    const titan = await characterOf(0);
    const warlock = await characterOf(2);
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    try {
      await signIn(page);
      await openInventory(page);
      const screen = await readInventory(page);
      const tiers = await page.locator(`main section[data-store="${titan.characterId}"] [aria-label="Equipped on Titan"] button[data-item-id]`).evaluateAll((els) =>
        els.map((e) => ({ id: e.getAttribute('data-item-id')!, tier: e.getAttribute('data-tier') })),
      );
      const world = await simWorld();
      const item = world.items.find((i) => i.owner === titan.characterId && i.equipped && WEAPON_BUCKETS.has(i.bucketHash) && tiers.some((t) => t.id === i.itemInstanceId && t.tier !== 'exotic'))!;
      expect(item, 'a non-exotic weapon equipped on the Titan').toBeDefined();
      expect(screen.tiles.find((t) => t.id === item.itemInstanceId)).toMatchObject({ store: titan.characterId, inEquippedRow: true });
      const id = item.itemInstanceId!;

      await dragOnto(page, tileOf(page, id), column(page, warlock.characterId));
      await expect
        .poll(() => page.getByTestId('drop-status').textContent(), { timeout: 20_000 })
        .toMatch(/^Moved .+ to your Warlock \(.+ is equipped on your Titan in its place\)\.$/);
      const after = await simWorld();
      expect(after.items.find((i) => i.itemInstanceId === id)).toMatchObject({ owner: warlock.characterId, equipped: false });
      // The Titan still has a weapon equipped in that slot: the replacement.
      expect(after.items.filter((i) => i.owner === titan.characterId && i.equipped && i.bucketHash === item.bucketHash)).toHaveLength(1);
      await screenAgrees(page);
    } finally {
      await context.close();
    }
  }, MANIFEST_WAIT_MS + 90_000);

  it('moves a search result as a set, with a progress line and a report whose refusals are the single moves’ sentences', async () => {
    const titan = await characterOf(0);
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    let fillers: Awaited<ReturnType<typeof fillBucket>> = [];
    try {
      await signIn(page);
      await openInventory(page);
      // A weapon type with a handful of items in the vault, one of whose slots on the Titan is then filled.
      const labels = await column(page, 'vault').locator('[data-group="weapons"] button[data-item-id]').evaluateAll((els) =>
        els.map((e) => ({ id: e.getAttribute('data-item-id')!, label: e.getAttribute('aria-label') ?? '' })),
      );
      const typeOf = (label: string) => label.split(', ')[1]?.replace(/^(Exotic|Legendary|Rare|Uncommon|Common) /, '') ?? '';
      const counts = new Map<string, number>();
      for (const l of labels) counts.set(typeOf(l.label), (counts.get(typeOf(l.label)) ?? 0) + 1);
      const type = [...counts].filter(([t, n]) => t && n >= 3 && n <= 12).sort((a, b) => b[1] - a[1])[0]?.[0];
      expect(type, 'a weapon type with 3 to 12 items in the vault').toBeDefined();
      const ofType = labels.filter((l) => typeOf(l.label) === type).map((l) => l.id);
      const vault = await simVault();
      const first = vault.items.find((i) => i.itemInstanceId === ofType[0])!;
      fillers = await fillBucket(page, titan.characterId, first.bucketTypeHash!, ofType);

      await openInventory(page, `type:"${type!.toLowerCase()}"`);
      await page.getByLabel('Move to').selectOption(titan.characterId);
      const start = page.getByTestId('bulk-move');
      const label = (await start.textContent()) ?? '';
      const n = Number(label.match(/^Move these (\d+) items to your Titan$/)?.[1] ?? NaN);
      expect(n, label).toBeGreaterThanOrEqual(ofType.length);
      await start.click();
      const progress = page.getByTestId('bulk-progress');
      await expect.poll(() => progress.textContent(), { timeout: 60_000 }).toMatch(new RegExp(`^Moved \\d+ of ${n} items to your Titan; \\d+ refused\\.$`));
      const lines = await page.getByTestId('bulk-report').getByRole('listitem').evaluateAll((els) => els.map((e) => ({ result: e.getAttribute('data-result'), text: e.textContent ?? '' })));
      expect(lines).toHaveLength(n);
      const refused = lines.filter((l) => l.result === 'refused');
      expect(refused.length).toBeGreaterThan(0);
      // The sentence of a single move refused for want of room (lib/actions/refusals.ts).
      for (const l of refused) expect(l.text).toMatch(/: There is no room in your Titan for this item\.( Move .+ from your Titan to the vault to make room\?)?$/);
      for (const l of lines.filter((x) => x.result === 'moved')) expect(l.text).toMatch(/: Moved\.$/);
      await page.screenshot({ path: screenshotPath('inventory-bulk-1440x900') });
      await screenAgrees(page, true);

      // Back as a set: the same search, to the vault; nothing refused.
      await page.getByLabel('Move to').selectOption('vault');
      const back = page.getByTestId('bulk-move');
      const m = Number(((await back.textContent()) ?? '').match(/^Move (?:these (\d+) items|this item) to the vault$/)?.[1] ?? 1);
      const movedToTitan = lines.length - refused.length;
      expect(m).toBeGreaterThanOrEqual(movedToTitan);
      await back.click();
      await expect.poll(() => progress.textContent(), { timeout: 60_000 }).toBe(`Moved ${m} of ${m} item${m === 1 ? '' : 's'} to your vault.`);
      await screenAgrees(page, true);
      // A query that does not parse shows the last result: nothing offers to move "these items".
      await page.getByRole('combobox', { name: 'Search items' }).fill(`type:"${type!.toLowerCase()}" is:foo`);
      await page.getByRole('alert').filter({ hasText: 'Unknown filter' }).waitFor();
      expect(await page.getByTestId('bulk-move').count()).toBe(0);
      await page.goto('/inventory');
      await screenAgrees(page);
    } finally {
      await backToVault(page, titan.characterId, fillers);
      await context.close();
    }
  }, MANIFEST_WAIT_MS + 180_000);
});

describe('the inventory screen at 390×844', () => {
  it('shows one store at a time: a swipe or a tab goes to the next, the search filters every store, the sheet opens', async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    try {
      await signIn(page);
      await openInventory(page);
      const characters = (await readInventory(page)).columns.map((c) => c.store);
      const stores = [...characters, 'vault'];
      const tabs = page.getByRole('navigation', { name: 'Inventory stores' }).getByRole('button');
      expect(await tabs.count()).toBe(stores.length);
      const inView = async (store: string) => {
        const box = await column(page, store).boundingBox();
        return Boolean(box && Math.abs(box.x) < 2 && box.width >= 380);
      };
      expect(await inView(stores[0]!)).toBe(true);
      expect(await tabs.nth(0).getAttribute('aria-current')).toBe('true');
      expect(await scrollsSideways(page)).toBe(false);

      // A swipe to the left (a finger's touch events, which Chromium turns into a scroll): the next
      // store snaps into view and its tab lights up.
      const strip = (await page.getByTestId('store-columns').boundingBox())!;
      const cdp = await context.newCDPSession(page);
      const y = Math.round(Math.min(strip.y + 200, 700));
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: 330, y }] });
      for (let step = 1; step <= 10; step++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: 330 - step * 26, y }] });
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
      await expect.poll(() => inView(stores[1]!), { timeout: 5_000 }).toBe(true);
      await expect.poll(() => tabs.nth(1).getAttribute('aria-current'), { timeout: 5_000 }).toBe('true');
      await iconsLoaded(page);
      await page.screenshot({ path: docsScreenshotPath('inventory-phone') });

      // The vault's tab.
      await tabs.nth(stores.length - 1).click();
      await expect.poll(() => inView('vault'), { timeout: 5_000 }).toBe(true);
      await screenAgrees(page);

      // One search over every store: only equipped items, in every character's column, none in the vault.
      await openInventory(page, 'is:equipped');
      const found = await readInventory(page);
      expect(found.tiles.length).toBeGreaterThan(0);
      expect(found.tiles.every((t) => t.equipped)).toBe(true);
      expect(new Set(found.tiles.map((t) => t.store))).toEqual(new Set(characters));
      await screenAgrees(page, true);

      // The same item sheet: the first equipped tile of the second store.
      await tabs.nth(1).click();
      await expect.poll(() => inView(stores[1]!), { timeout: 5_000 }).toBe(true);
      await column(page, stores[1]!).locator('button[data-item-id]').first().click();
      const sheet = page.getByTestId('item-sheet');
      await sheet.getByRole('heading', { level: 2 }).waitFor();
      expect(await sheet.getByTestId('item-facts').textContent()).toMatch(/^WhereEquipped on your (Titan|Hunter|Warlock)/);
    } finally {
      await context.close();
    }
  }, MANIFEST_WAIT_MS + 60_000);
});

/**
 * A non-exotic, unequipped weapon on the character that the screen shows (one is moved there from
 * the vault through the app when it holds none); the screen is reopened after such a move.
 */
async function unequippedWeaponOn(page: Page, characterId: string): Promise<SimItem> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const [screen, world] = await Promise.all([readInventory(page), simWorld()]);
    const plain = new Set(screen.tiles.filter((t) => t.id && t.tier !== 'exotic').map((t) => t.id!));
    const held = world.items.find((i) => i.owner === characterId && !i.equipped && i.itemInstanceId && WEAPON_BUCKETS.has(i.bucketHash) && plain.has(i.itemInstanceId));
    if (held) return held;
    const fromVault = world.items.find((i) => i.owner === 'vault' && i.itemInstanceId && WEAPON_BUCKETS.has(i.homeBucketHash ?? 0) && plain.has(i.itemInstanceId))!;
    expect((await transferFromPage(page, { itemId: fromVault.itemInstanceId!, itemHash: fromVault.itemHash, from: 'vault', to: characterId })).status).toBe(200);
    await openInventory(page);
  }
  throw new Error(`no unequipped weapon on ${characterId}`);
}
