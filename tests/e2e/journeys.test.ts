/**
 * Journeys, not single clicks: a seeded random sequence of player actions through the UI (open a
 * sheet, move, equip, lock/unlock, pull, save and apply a loadout, search, change page; drag on a
 * desktop), and after every step the screen is compared with the simulator's world. The seed is
 * printed; `JOURNEY_SEED=<n>` replays a journey, `JOURNEY_STEPS` / `JOURNEY_DRAGS` change its length.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, docsScreenshotPath, launchChromium, newContext, PHONE, screenshotPath } from '../support/browser';
import { iconsLoaded, MANIFEST_WAIT_MS, openVaultOnceManifestIsIn } from '../support/inventory';
import { CLASS_NAMES, disagreements, prng, readScreen, simWorld, type Context } from '../support/journey';
import { signIn, simUrl } from '../support/sign-in';

// A fixed journey by default, so `npm test` is repeatable; `JOURNEY_SEED=random` (or any number) explores.
// Seeds that still fail are listed in the README (Development).
const SEED = process.env.JOURNEY_SEED === 'random' ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.JOURNEY_SEED ?? 1407860516);
const STEPS = Number(process.env.JOURNEY_STEPS ?? 200);
const DRAGS = Number(process.env.JOURNEY_DRAGS ?? 24);
/** How long the screen may take to catch up with an answered action (the next profile read). */
const SETTLE_MS = 10_000;
const QUERIES = ['is:weapon', 'is:locked', '-is:locked', 'is:exotic', 'is:armor', 'is:equipped', 'is:legendary', 'power:>=1'];

let browser: Browser;
beforeAll(async () => {
  // The other browser tests share this simulated world: it is put back as it was afterwards.
  await fetch(`${simUrl()}/__sim/world/save`, { method: 'POST' });
  browser = await launchChromium();
  console.log(`[journey] seed ${SEED} (replay with JOURNEY_SEED=${SEED}), ${STEPS} phone steps, ${DRAGS} desktop drags`);
});
afterAll(async () => {
  await browser?.close();
  await fetch(`${simUrl()}/__sim/world/restore`, { method: 'POST' });
});

/** Deletes the loadouts this journey saved, so other tests see the player's own list. */
async function deleteJourneyLoadouts(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const answer = (await (await fetch('/api/loadouts')).json()) as { loadouts?: { id: string; name: string }[] };
    for (const l of answer.loadouts ?? []) if (l.name.startsWith('Journey ')) await fetch(`/api/loadouts/${l.id}`, { method: 'DELETE' });
  });
}

/** One journey on one page: its random source, where it is, and what it did (for the failure message). */
class Journey {
  readonly rng;
  readonly ctx: Context = { home: 'vault', searching: false, openId: null };
  readonly log: string[] = [];
  readonly shots = new Set<string>();
  constructor(
    readonly page: Page,
    seed: number,
  ) {
    this.rng = prng(seed);
  }

  /** Waits until the screen agrees with the world; fails with every disagreement and the journey so far. */
  async settle(step: string): Promise<void> {
    this.log.push(step);
    const deadline = Date.now() + SETTLE_MS;
    let problems: string[] = [];
    while (Date.now() < deadline) {
      const [screen, world] = await Promise.all([readScreen(this.page), simWorld()]);
      problems = disagreements(screen, world, this.ctx);
      if (problems.length === 0) return;
      await this.page.waitForTimeout(250);
    }
    await this.page.screenshot({ path: screenshotPath(`journey-failure-seed-${SEED}`) });
    throw new Error(`journey seed ${SEED} (replay: JOURNEY_SEED=${SEED}) broke at step ${this.log.length} "${step}":\n- ${problems.join('\n- ')}\nlast steps: ${this.log.slice(-8).join(' → ')}`);
  }

  async shot(name: string): Promise<void> {
    if (this.shots.has(name)) return;
    this.shots.add(name);
    await this.page.screenshot({ path: screenshotPath(name) });
  }

  sheet() {
    return this.page.getByTestId('item-sheet');
  }

  async tileIds(selector = 'main button[data-item-id]'): Promise<string[]> {
    return this.page.$$eval(selector, (els) => els.filter((e) => !e.closest('dialog')).map((e) => e.getAttribute('data-item-id')!));
  }

  async open(): Promise<string> {
    if (this.ctx.openId) await this.close();
    const postmaster = await this.tileIds('main [data-group="postmaster"] button[data-item-id]');
    const ids = postmaster.length > 0 && this.rng.next() < 0.4 ? postmaster : await this.tileIds();
    if (ids.length === 0) return 'open: nothing to open';
    const id = this.rng.pick(ids);
    await this.page.locator(`main button[data-item-id="${id}"]`).first().click();
    await this.sheet().getByRole('heading', { level: 2 }).waitFor();
    this.ctx.openId = id;
    return `open ${id}`;
  }

  async act(): Promise<string> {
    const actions = this.sheet().getByRole('region', { name: 'Actions' });
    const labels = await actions.locator('button:not([disabled])').allTextContents();
    if (labels.length === 0) return 'act: no action offered';
    const label = this.rng.pick(labels);
    await actions.getByRole('button', { name: label, exact: true }).first().click();
    await expect.poll(async () => actions.getByRole('status').textContent(), { timeout: 15_000 }).not.toBe('Working…');
    const shot = label.startsWith('Move to') ? 'journey-sheet-moved-390x844' : label === 'Lock' ? 'journey-sheet-locked-390x844' : label.startsWith('Pull') ? 'journey-sheet-pulled-390x844' : null;
    if (shot) await this.shot(shot);
    return `${label} (${this.ctx.openId})`;
  }

  async close(): Promise<string> {
    const id = this.ctx.openId;
    // Only a tile on the page as the sheet closes can take the focus (one that left and is coming
    // back with the next read is not drawn yet).
    const onPage = id ? await this.page.locator(`main button[data-item-id="${id}"]`).count() : 0;
    await this.page.keyboard.press('Escape');
    await this.sheet().getByRole('heading', { level: 2 }).waitFor({ state: 'detached' });
    this.ctx.openId = null;
    if (onPage > 0) {
      const focused = () => this.page.evaluate(() => document.activeElement?.getAttribute('data-item-id') ?? document.activeElement?.tagName);
      await expect.poll(focused, { timeout: 2_000, message: `journey seed ${SEED}: closing the sheet must give the focus back to tile ${id}` }).toBe(id);
    }
    return `close ${id}`;
  }

  async go(): Promise<string> {
    if (this.ctx.openId) await this.close();
    const { characters } = await simWorld();
    const places = ['vault', ...characters.map((c) => c.characterId)].filter((p) => p !== this.ctx.home);
    const to = this.rng.pick(places);
    const nav = this.page.getByRole('navigation', { name: 'Vault and characters' });
    if (to === 'vault') {
      await nav.getByRole('link', { name: /^Vault/ }).click();
      await this.page.waitForURL((u) => u.pathname === '/vault');
      await this.page.getByTestId('vault-count').waitFor();
    } else {
      // The app's own link (a soft navigation), as a player moves; the tab must name the class.
      const name = CLASS_NAMES[characters.find((c) => c.characterId === to)!.classType]!;
      await nav.locator(`a[href="/characters/${to}"]`).click();
      await this.page.waitForURL((u) => u.pathname === `/characters/${to}`);
      await expect.poll(() => this.page.title(), { timeout: SETTLE_MS, message: `journey seed ${SEED}: the tab after the link to the ${name}` }).toBe(`${name} · Vault Raider`);
    }
    this.ctx.home = to;
    this.ctx.searching = false;
    return `go ${to}`;
  }

  async search(): Promise<string> {
    if (this.ctx.openId) await this.close();
    const query = this.rng.pick(QUERIES);
    const box = this.page.getByRole('combobox', { name: 'Search items' });
    const before = (await this.tileIds()).length;
    const cut = query.indexOf(':');
    await box.click();
    await box.pressSequentially(query.slice(0, cut), { delay: 20 });
    await this.page.waitForTimeout(120);
    // Half-typed ("is", "-is", "power"): the page keeps what it showed rather than emptying.
    const during = (await this.tileIds()).length;
    if (before > 0 && during === 0) throw new Error(`journey seed ${SEED}: typing "${query.slice(0, cut)}" on the way to "${query}" emptied the page`);
    await box.pressSequentially(query.slice(cut, cut + 3), { delay: 20 });
    await this.shot('journey-search-typing-390x844');
    await box.pressSequentially(query.slice(cut + 3), { delay: 20 });
    await box.blur();
    try {
      await this.page.waitForFunction((q) => new URL(location.href).searchParams.get('q') === q, query, { timeout: 10_000 });
    } catch {
      await this.page.screenshot({ path: screenshotPath('journey-search-stuck-390x844') });
      throw new Error(`journey seed ${SEED}: "${query}" typed, but the address says ${this.page.url()} and the box holds "${await box.inputValue()}"`);
    }
    this.ctx.searching = true;
    await this.settle(`search ${query}`);
    const shown = (await this.tileIds('main button[data-item-hash]')).length;
    const count = await this.page.getByTestId('search-count').textContent();
    if (!count?.startsWith(`${shown} of `)) throw new Error(`journey seed ${SEED}: "${query}" shows ${shown} tiles, the count says "${count}"`);
    await box.fill('');
    this.ctx.searching = false;
    return `search ${query} (${shown} shown) and clear`;
  }

  async loadout(): Promise<string> {
    if (this.ctx.openId) await this.close();
    const { characters } = await simWorld();
    const me = characters.find((c) => c.characterId === this.ctx.home)!;
    const name = `Journey ${CLASS_NAMES[me.classType]}`;
    const panel = this.page.getByTestId('loadouts');
    if ((await panel.getAttribute('open')) === null) await panel.locator('summary').click();
    const card = panel.locator('li[data-loadout-id]', { has: this.page.getByRole('heading', { name, exact: true }) });
    if ((await card.count()) === 0) {
      await panel.getByLabel(/^Save what your/).fill(name);
      await panel.getByRole('button', { name: 'Save', exact: true }).click();
      await card.waitFor({ timeout: 15_000 });
      return `save loadout ${name}`;
    }
    await card.getByRole('button', { name: 'Apply' }).click();
    await card.getByTestId('apply-report').waitFor({ timeout: 30_000 });
    const lines = await card.locator('[data-status] p:last-child').allTextContents();
    const doubled = lines.find((l) => /^(.+): \1\.$/.test(l));
    if (doubled) throw new Error(`journey seed ${SEED}: the apply report says "${doubled}"`);
    return `apply loadout ${name}`;
  }

  async drag(): Promise<string> {
    const ids = await this.page.$$eval('main button[data-item-id][draggable="true"]', (els) => els.map((e) => e.getAttribute('data-item-id')!));
    const zones = await this.page.$$eval('[data-drop-target]', (els) => els.map((e) => e.getAttribute('data-drop-target')!));
    if (ids.length === 0) return 'drag: nothing draggable';
    const id = this.rng.pick(ids);
    const zone = this.rng.pick(zones);
    await this.page.locator(`main button[data-item-id="${id}"]`).first().hover();
    await this.page.mouse.down();
    const box = (await this.page.locator(`[data-drop-target="${zone}"]`).boundingBox())!;
    await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 6 });
    await this.page.mouse.up();
    const status = this.page.getByTestId('drop-status');
    await expect.poll(async () => ((await status.textContent()) ?? '').endsWith('…'), { timeout: 15_000 }).toBe(false);
    return `drag ${id} onto ${zone}`;
  }
}

/** The next step for a phone, by what the screen offers now. */
async function phoneStep(j: Journey): Promise<string> {
  const roll = j.rng.next();
  if (j.ctx.openId) return roll < 0.7 ? j.act() : roll < 0.9 ? j.close() : j.open();
  const onCharacter = j.ctx.home !== 'vault';
  if (roll < 0.55) return j.open();
  if (roll < 0.75) return j.go();
  if (roll < 0.87) return j.search();
  return onCharacter ? j.loadout() : j.go();
}

describe('journeys: the screen stays true after every action', () => {
  it(`at 390×844: ${STEPS} random steps, each checked against the simulated world`, async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    try {
      await signIn(page);
      await openVaultOnceManifestIsIn(page);
      const icon = await page.request.get('/favicon.ico');
      expect([icon.status(), icon.headers()['content-type']]).toEqual([200, 'image/x-icon']);
      // A character page opened directly names its class in the tab, not "Character".
      const first = (await simWorld()).characters[0]!;
      await page.goto(`/characters/${first.characterId}`);
      expect(await page.title()).toBe(`${CLASS_NAMES[first.classType]} · Vault Raider`);
      await openVaultOnceManifestIsIn(page);
      const journey = new Journey(page, SEED);
      await journey.settle('start on the vault');
      // The README's phone picture: what a player sees first.
      await iconsLoaded(page);
      await page.screenshot({ path: docsScreenshotPath('vault-phone') });
      const started = Date.now();
      for (let i = 0; i < STEPS; i++) {
        await journey.settle(await phoneStep(journey));
        if ((i + 1) % 25 === 0) console.log(`[journey] ${i + 1} steps in ${((Date.now() - started) / 1000).toFixed(0)} s`);
      }
      // Every step was taken and checked (a search checks once more mid-way).
      expect(journey.log.length).toBeGreaterThanOrEqual(STEPS + 1);
    } finally {
      await deleteJourneyLoadouts(page).catch(() => undefined);
      await context.close();
    }
  }, MANIFEST_WAIT_MS + 240_000);

  it(`at 1440×900: ${DRAGS} random drags onto the stores dock`, async () => {
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    try {
      await signIn(page);
      await openVaultOnceManifestIsIn(page);
      const journey = new Journey(page, SEED + 1);
      await journey.settle('start on the vault');
      // The README's desktop picture: the vault with the stores dock.
      await iconsLoaded(page);
      await page.screenshot({ path: docsScreenshotPath('vault-desktop') });
      for (let i = 0; i < DRAGS; i++) await journey.settle(await (i % 6 === 5 ? journey.go() : journey.drag()));
      expect(journey.log.length).toBeGreaterThanOrEqual(DRAGS + 1);
    } finally {
      await context.close();
    }
  }, MANIFEST_WAIT_MS + 120_000);
});
