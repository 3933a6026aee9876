import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launchChromium, PHONE, screenshotPath } from '../support/browser';
import { MANIFEST_WAIT_MS, simVault, tilesOnPage, signedInOnVault } from '../support/inventory';
import { openInventory } from '../support/inventory-screen';
import { simUrl } from '../support/sign-in';

const ENERGY_WEAPONS = 2465295065;
const KINETIC_WEAPONS = 1498876634;

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const box = (page: Page) => page.getByRole('combobox', { name: 'Search items' });

/** Instance ids (hashes for stacks) of the item tiles on the page, sorted. */
async function shownIds(page: Page): Promise<string[]> {
  return (await tilesOnPage(page)).map((t) => t.id ?? `${t.hash}`).sort();
}

/** Waits until the page shows exactly the tiles `expected` (instance ids, or hashes for stacks) among `selector`'s. */
async function waitForTiles(page: Page, expected: string[], selector = 'button[data-item-hash]'): Promise<void> {
  await page.waitForFunction(
    ({ want, selector }) => {
      const ids = [...document.querySelectorAll(selector)].filter((b) => !b.closest('dialog')).map((b) => b.getAttribute('data-item-id') ?? b.getAttribute('data-item-hash')).sort();
      return JSON.stringify(ids) === JSON.stringify(want);
    },
    { want: expected, selector },
    { timeout: 15_000 },
  );
}

/** A new phone context signed in, on the page of the world's character of `classType` once its heading (`className`) is drawn. */
async function onCharacterPage(classType: number, className: string): Promise<{ context: BrowserContext; page: Page; characterId: string }> {
  const { characters } = (await (await fetch(`${simUrl()}/__sim/state`)).json()) as { characters: { characterId: string; classType: number }[] };
  const { characterId } = characters.find((c) => c.classType === classType)!;
  const { context, page } = await signedInOnVault(browser, PHONE);
  await page.goto(`/characters/${characterId}`);
  await page.getByRole('heading', { level: 1, name: className }).waitFor();
  return { context, page, characterId };
}

/** One instance as the simulated world rolled it (`/__sim/item/:id`): stats by name, the active plug of each socket. */
type SimRoll = { stats: { name: string | null; value: number }[]; sockets: { active: string | null }[] };

/** The world's rolls of `ids`, by id. */
async function simRolls(ids: readonly string[]): Promise<Map<string, SimRoll>> {
  const rolls = await Promise.all(ids.map(async (id) => [id, (await (await fetch(`${simUrl()}/__sim/item/${id}`)).json()) as SimRoll] as const));
  return new Map(rolls);
}

/** The ids among `rolls` whose plugged perks include `text`, and those whose stat `name` passes `test` — what `perk:` and `stat:` must find. */
const withPerk = (rolls: Map<string, SimRoll>, text: string) => [...rolls].filter(([, r]) => r.sockets.some((s) => s.active?.toLowerCase().includes(text))).map(([id]) => id).sort();
const withStat = (rolls: Map<string, SimRoll>, name: string, test: (n: number) => boolean) => [...rolls].filter(([, r]) => r.stats.some((s) => s.name === name && test(s.value))).map(([id]) => id).sort();

/** Counts the page's requests for the items' stats and perks. */
function countFactsRequests(page: Page): () => number {
  let count = 0;
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/items/facts') count++;
  });
  return () => count;
}

describe('the search box at 390x844', () => {
  it('filters to the items the simulated world has in a slot, keeps the query in the URL over a reload', async () => {
    const { context, page } = await signedInOnVault(browser, PHONE);
    const world = await simVault();
    const energy = world.items.filter((i) => i.known && i.itemType === 3 && i.bucketTypeHash === ENERGY_WEAPONS).map((i) => i.itemInstanceId!).sort();
    expect(energy.length).toBeGreaterThan(5);

    await box(page).fill('is:energy');
    await waitForTiles(page, energy);
    await page.waitForURL((url) => url.searchParams.get('q') === 'is:energy');
    expect(await page.getByTestId('search-count').textContent()).toMatch(new RegExp(`^${energy.length} of \\d+ items match$`));

    await page.reload();
    await page.locator('[data-testid="vault-count"]').waitFor();
    expect(await box(page).inputValue()).toBe('is:energy');
    await waitForTiles(page, energy);
    await page.screenshot({ path: screenshotPath('search-390x844') });
    await context.close();
  }, MANIFEST_WAIT_MS + 60_000);

  it('combines terms with or, minus, parentheses and comparisons, as the tiles say they should', async () => {
    const { context, page } = await signedInOnVault(browser, PHONE);
    const before = await tilesOnPage(page);
    // The tiles' own labels (name, rarity and type, power, element, marks) decide what should stay.
    const expected = before
      .filter((t) => t.group === 'weapons' && !/, locked\b/.test(t.name) && Number(/power (\d+)/.exec(t.name)?.[1] ?? 0) >= 1950 && /, (Solar|Void)\b/.test(t.name))
      .map((t) => t.id!)
      .sort();
    expect(expected.length).toBeGreaterThan(3);
    expect(expected.length).toBeLessThan(before.length / 4);

    const query = 'is:weapon -is:locked power:>=1950 (is:solar or is:void)';
    await box(page).fill(query);
    await waitForTiles(page, expected);
    await page.waitForURL((url) => url.searchParams.get('q') === query);
    expect(await shownIds(page)).toEqual(expected);
    await context.close();
  }, MANIFEST_WAIT_MS + 60_000);

  it('shows a bad query inline, marking where it went wrong, and keeps the page usable', async () => {
    const { context, page } = await signedInOnVault(browser, PHONE);
    const all = (await tilesOnPage(page)).length;

    await box(page).fill('is:weapon is:foo');
    const alert = page.getByRole('alert').filter({ hasText: 'Unknown filter' });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/Unknown filter is:foo — try is:/);
    expect(await page.getByTestId('search-error-place').locator('mark').textContent()).toBe('is:foo');
    expect(await box(page).getAttribute('aria-invalid')).toBe('true');
    // Nothing threw: every tile is still there, and fixing the query filters again.
    expect(await page.locator('button[data-item-hash]').count()).toBe(all);
    // The row's other controls (star, Searches, Compare, sort) wrap below rather than squeeze the box
    // and its sentence to a word a line, and none is drawn over the box.
    await page.getByRole('button', { name: /^Compare \d+$/ }).waitFor();
    const boxAt = (await box(page).boundingBox())!;
    expect(boxAt.width).toBeGreaterThanOrEqual(240);
    expect((await alert.boundingBox())!.width).toBeGreaterThanOrEqual(240);
    for (const control of [page.getByRole('button', { name: 'Save this search' }), page.getByRole('button', { name: /^Compare \d+$/ }), page.getByLabel('Sort items by')]) {
      const at = (await control.boundingBox())!;
      const apart = at.x >= boxAt.x + boxAt.width || at.x + at.width <= boxAt.x || at.y >= boxAt.y + boxAt.height;
      expect(apart, `${await control.textContent()} overlaps the search box`).toBe(true);
    }
    // Nothing offers to tag "these items" when the items shown are not the query's.
    expect(await page.getByRole('form', { name: 'Tag the search results' }).count()).toBe(0);
    await page.screenshot({ path: screenshotPath('search-error-390x844') });

    await box(page).fill('is:weapon is:exotic');
    await alert.waitFor({ state: 'detached' });
    await page.waitForFunction(() => {
      const tiers = [...document.querySelectorAll('button[data-item-hash]')].map((b) => b.getAttribute('data-tier'));
      return tiers.length > 0 && tiers.every((t) => t === 'exotic');
    });
    await context.close();
  }, MANIFEST_WAIT_MS + 60_000);

  it('offers suggestions that the keyboard picks: arrows, Enter, Tab, Escape', async () => {
    const { context, page } = await signedInOnVault(browser, PHONE);

    await box(page).click();
    await page.keyboard.type('is:exo');
    const list = page.getByRole('listbox', { name: 'Search suggestions' });
    await list.getByRole('option', { name: /is:exotic/ }).waitFor();
    expect(await box(page).getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('ArrowDown');
    expect(await list.getByRole('option', { selected: true }).textContent()).toContain('is:exotic');
    await page.keyboard.press('Enter');
    expect(await box(page).inputValue()).toBe('is:exotic ');
    await page.waitForFunction(() => [...document.querySelectorAll('button[data-item-hash]')].every((b) => b.getAttribute('data-tier') === 'exotic'));

    // The page's own item types are offered for type:, and Tab accepts one.
    await page.keyboard.type('type:sc');
    await list.getByRole('option', { name: /type:"scout rifle"/ }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    expect(await box(page).inputValue()).toBe('is:exotic type:"scout rifle" ');
    await page.waitForFunction(() => {
      const labels = [...document.querySelectorAll('button[data-item-hash]')].map((b) => b.getAttribute('aria-label') ?? '');
      return labels.length > 0 && labels.every((l) => l.includes('Exotic Scout Rifle'));
    });

    await page.keyboard.type('is:lo');
    await list.getByRole('option').first().waitFor();
    await page.keyboard.press('Escape');
    await list.waitFor({ state: 'hidden' });
    expect(await box(page).inputValue()).toBe('is:exotic type:"scout rifle" is:lo');
    await context.close();
  }, MANIFEST_WAIT_MS + 60_000);

  it('keeps every key in the box when the player taps it just after closing an item sheet', async () => {
    const { context, page } = await signedInOnVault(browser, PHONE);
    const tile = page.locator('main button[data-item-id]').first();
    await tile.click();
    await page.getByTestId('item-sheet').getByRole('heading', { level: 2 }).waitFor();
    // The sheet gives the focus back to its tile as it closes; a player quick enough is already in the
    // search box (here, the moment the sheet has closed: no test click is that fast every time), and
    // types once the page has settled.
    await page.evaluate(() => {
      const sheet = document.querySelector('dialog[data-testid="item-sheet"]')!;
      sheet.addEventListener('close', () => document.querySelector<HTMLInputElement>('input[role="combobox"]')!.focus(), { once: true });
    });
    await page.keyboard.press('Escape');
    await page.getByTestId('item-sheet').getByRole('heading', { level: 2 }).waitFor({ state: 'detached' });
    await page.waitForTimeout(200);
    await page.keyboard.type('is:weapon', { delay: 30 });
    await page.waitForTimeout(200);
    expect(await box(page).inputValue()).toBe('is:weapon');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('combobox');
    await page.waitForURL((url) => url.searchParams.get('q') === 'is:weapon');
    await context.close();
  }, MANIFEST_WAIT_MS + 60_000);

  it('opens a shared link on a character page with the same search', async () => {
    const { context, page, characterId } = await onCharacterPage(0, 'Titan');
    const everything = await tilesOnPage(page);
    const expected = everything
      .filter((t) => t.group === 'postmaster' || (t.bucket === KINETIC_WEAPONS && /, equipped\b/.test(t.name)))
      .map((t) => t.id ?? `${t.hash}`)
      .sort();
    expect(expected.length).toBeGreaterThan(1);

    // DIM's precedence: the word `and` binds tighter than `or` (a space would bind looser).
    const query = 'is:postmaster or is:equipped and is:kineticslot';
    await page.goto(`/characters/${characterId}?q=${encodeURIComponent(query)}`);
    await page.getByRole('heading', { level: 1, name: 'Titan' }).waitFor();
    expect(await box(page).inputValue()).toBe(query);
    await waitForTiles(page, expected);
    expect(everything.length).toBeGreaterThan(expected.length + 10);
    await context.close();
  }, MANIFEST_WAIT_MS + 60_000);

  it('reads a query pasted from DIM as DIM does: the comment ignored, a space looser than or', async () => {
    const { context, page } = await signedInOnVault(browser, PHONE);
    const before = await tilesOnPage(page);
    const weapons = before.filter((t) => t.group === 'weapons');
    const element = (t: { name: string }) => /, (Solar|Void)\b/.test(t.name);
    const locked = (t: { name: string }) => /, locked\b/.test(t.name);
    // DIM: weapon AND (solar OR void) AND NOT locked — the tiles' own labels decide.
    const expected = weapons.filter((t) => element(t) && !locked(t)).map((t) => t.id!).sort();
    // The old reading, (weapon and solar) or (void and not locked), would also keep locked Solar weapons: there are some.
    expect(weapons.filter((t) => /, Solar\b/.test(t.name) && locked(t)).length).toBeGreaterThan(0);
    expect(expected.length).toBeGreaterThan(3);

    const query = '/* PvE: unlocked solar or void weapons */ is:weapon is:solar or is:void -is:locked';
    await box(page).fill(query);
    await waitForTiles(page, expected);
    expect(await page.getByTestId('search-count').textContent()).toMatch(new RegExp(`^${expected.length} of \\d+ items match$`));

    // not: is DIM's -is:, and weapon types come from the item definitions.
    await box(page).fill('is:handcannon not:locked');
    const cannons = weapons.filter((t) => t.name.includes('Hand Cannon') && !locked(t)).map((t) => t.id!).sort();
    expect(cannons.length).toBeGreaterThan(0);
    await waitForTiles(page, cannons);
    await context.close();
  }, MANIFEST_WAIT_MS + 60_000);

  it('keeps a starred search for the player over a reload, in the Searches list', async () => {
    const { context, page } = await signedInOnVault(browser, PHONE);
    const query = '/* exotic weapons */ is:weapon is:exotic';
    await box(page).fill(query);
    const star = page.getByRole('button', { name: 'Save this search' });
    await page.waitForFunction(() => !(document.querySelector('button[aria-label="Save this search"]') as HTMLButtonElement | null)?.disabled);
    await star.click();
    await page.getByRole('button', { name: 'Remove this saved search' }).waitFor();

    // A fresh load with an empty box: the Searches list has it, and picking it searches again.
    await page.goto('/vault');
    await page.locator('[data-testid="vault-count"]').waitFor();
    expect(await box(page).inputValue()).toBe('');
    await page.getByRole('button', { name: 'Searches' }).click();
    const saved = page.getByRole('region', { name: 'Saved searches' });
    await saved.getByRole('button', { name: query, exact: true }).click();
    expect(await box(page).inputValue()).toBe(query);
    await page.waitForFunction(() => {
      const tiers = [...document.querySelectorAll('button[data-item-hash]')].map((b) => b.getAttribute('data-tier'));
      return tiers.length > 0 && tiers.every((t) => t === 'exotic');
    });
    expect(await page.getByRole('button', { name: 'Remove this saved search' }).getAttribute('aria-pressed')).toBe('true');
    // Picked from the list, it is a recent search too.
    await page.getByRole('button', { name: 'Searches' }).click();
    await page.getByRole('region', { name: 'Recent searches' }).getByRole('button', { name: query, exact: true }).waitFor();
    await page.screenshot({ path: screenshotPath('search-saved-390x844') });
    await context.close();
  }, MANIFEST_WAIT_MS + 60_000);
});

describe('stat:, basestat: and perk:, read from the stats and perks the page asks for when a query needs them', () => {
  it('finds the vault items the world rolled with a perk and a stat, fetching them once for the page view', async () => {
    const { context, page } = await signedInOnVault(browser, PHONE);
    const factsRequests = countFactsRequests(page);
    const ids = (await tilesOnPage(page)).flatMap((t) => (t.id ? [t.id] : []));
    const rolls = await simRolls(ids);
    // Names and is: words never ask for them.
    await box(page).fill('is:weapon');
    await page.waitForURL((url) => url.searchParams.get('q') === 'is:weapon');
    expect(factsRequests()).toBe(0);

    // A trait of a vault weapon: every item plugged with it, and nothing else.
    const trait = [...rolls.values()].find((r) => r.sockets.length > 4)!.sockets[3]!.active!.toLowerCase();
    const expected = withPerk(rolls, trait);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(ids.length / 4);
    await box(page).fill(`perk:"${trait}"`);
    await waitForTiles(page, expected);

    const ranged = withStat(rolls, 'Range', (n) => n >= 60);
    expect(ranged.length).toBeGreaterThan(3);
    await box(page).fill('stat:range:>=60');
    await waitForTiles(page, ranged);
    expect(factsRequests()).toBe(1);
    await context.close();
  }, MANIFEST_WAIT_MS + 60_000);

  it('finds a character’s items by a stat on its page, opened from a shared link', async () => {
    const { context, page, characterId } = await onCharacterPage(1, 'Hunter');
    const rolls = await simRolls((await tilesOnPage(page)).flatMap((t) => (t.id ? [t.id] : [])));
    const mobile = withStat(rolls, 'Mobility', (n) => n >= 20);
    expect(mobile.length).toBeGreaterThan(0);

    await page.goto(`/characters/${characterId}?q=${encodeURIComponent('stat:mobility:>=20')}`);
    await page.getByRole('heading', { level: 1, name: 'Hunter' }).waitFor();
    await waitForTiles(page, mobile);
    await context.close();
  }, MANIFEST_WAIT_MS + 60_000);

  it('finds them on the inventory screen too, across every store (they matched nothing there before)', async () => {
    const { context, page } = await signedInOnVault(browser, DESKTOP);
    await openInventory(page);
    const tiles = 'main [data-store] button[data-item-hash]';
    const ids = await page.$$eval(tiles, (buttons) => buttons.filter((b) => !b.closest('dialog')).flatMap((b) => (b.getAttribute('data-item-id') ? [b.getAttribute('data-item-id')!] : [])));
    const world = new Map(((await (await fetch(`${simUrl()}/__sim/items`)).json()) as { items: { itemInstanceId: string | null; owner: string }[] }).items.map((i) => [i.itemInstanceId, i.owner]));
    const rolls = await simRolls(ids);
    // A trait plugged on items both in the vault and on a character.
    const traits = [...new Set([...rolls.values()].flatMap((r) => (r.sockets.length > 4 ? [r.sockets[3]!.active!.toLowerCase(), r.sockets[4]!.active!.toLowerCase()] : [])))];
    const trait = traits.find((t) => {
      const owners = new Set(withPerk(rolls, t).map((id) => world.get(id)));
      return owners.has('vault') && owners.size > 1;
    })!;
    expect(trait).toBeDefined();
    const expected = withPerk(rolls, trait);
    await box(page).fill(`perk:"${trait}"`);
    await waitForTiles(page, expected, tiles);

    const strong = withStat(rolls, 'Recovery', (n) => n >= 25);
    expect(strong.length).toBeGreaterThan(1);
    await box(page).fill('stat:recovery:>=25');
    await waitForTiles(page, strong, tiles);
    await context.close();
  }, MANIFEST_WAIT_MS + 60_000);
});
