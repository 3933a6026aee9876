/**
 * Two bugs the journey test met on character pages (issue #14), each reproduced on purpose here:
 * keys typed letter by letter into the search box on a slow machine (Chromium's CPU throttled
 * through CDP, while the page re-reads itself after an action), and moving between pages with
 * the app's own links after items moved (the screen is compared with the simulator's world).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, newContext, PHONE } from '../support/browser';
import { MANIFEST_WAIT_MS, openVaultOnceManifestIsIn, simControl } from '../support/inventory';
import { CLASS_NAMES, disagreements, readScreen, simWorld, type Context } from '../support/journey';
import { signIn, simUrl } from '../support/sign-in';

let browser: Browser;
beforeAll(async () => {
  await fetch(`${simUrl()}/__sim/world/save`, { method: 'POST' });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await fetch(`${simUrl()}/__sim/world/restore`, { method: 'POST' });
});

/** Waits (10 s at most) until the screen agrees with the simulated world; fails with what differs. */
async function screenAgrees(page: Page, ctx: Context, step: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  let problems: string[] = [];
  while (Date.now() < deadline) {
    problems = disagreements(await readScreen(page), await simWorld(), ctx);
    if (problems.length === 0) return;
    await page.waitForTimeout(250);
  }
  throw new Error(`after "${step}" the screen disagrees with the world:\n- ${problems.join('\n- ')}`);
}

/** Until React owns the search box (after a full load the server's HTML shows first). */
async function hydrated(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const box = document.querySelector('input[role="combobox"]');
    return box !== null && Object.keys(box).some((key) => key.startsWith('__reactProps'));
  });
}

/** Opens the sheet of an unequipped, unlocked-or-not item on the page and presses one of its actions. */
async function actOn(page: Page, label: RegExp): Promise<string | null> {
  const ids = await page.$$eval('main [data-group="slots"] button[data-item-id]:not([data-equipped])', (els) => els.map((e) => e.getAttribute('data-item-id')!));
  for (const id of ids) {
    await page.locator(`main button[data-item-id="${id}"]`).first().click();
    const sheet = page.getByTestId('item-sheet');
    await sheet.getByRole('heading', { level: 2 }).waitFor();
    const actions = sheet.getByRole('region', { name: 'Actions' });
    const button = actions.getByRole('button', { name: label }).first();
    if ((await button.count()) === 0) {
      await page.keyboard.press('Escape');
      continue;
    }
    await button.click();
    await expect.poll(async () => actions.getByRole('status').textContent(), { timeout: 15_000 }).not.toBe('Working…');
    await page.keyboard.press('Escape');
    await sheet.getByRole('heading', { level: 2 }).waitFor({ state: 'detached' });
    return id;
  }
  return null;
}

describe('character pages on a slow phone', () => {
  it('keeps every key typed letter by letter into the search box, in order, with no reload or server round trip', async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    // Every request the page makes for an address with a query in it (a router navigation or a reload).
    const withQuery: string[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname.startsWith('/characters/') && url.searchParams.has('q')) withQuery.push(`${r.headers()['rsc'] ? 'RSC' : r.resourceType()} ${url.search}`);
    });
    // Every write to the address (Next's router's and the search box's), so a failure names the last writer.
    await page.addInitScript(() => {
      const log: string[] = [];
      (window as unknown as { addressLog: string[] }).addressLog = log;
      for (const name of ['replaceState', 'pushState'] as const) {
        // On the prototype: Next's router patches the instance later, and the search box calls the prototype's.
        const original = History.prototype[name];
        History.prototype[name] = function (this: History, state: unknown, unused: string, url?: string | URL | null) {
          const routerState = Boolean(state && typeof state === 'object' && '__NA' in state);
          const caller = (new Error().stack ?? '').split('\n').slice(2, 5).map((l) => l.trim()).join(' < ');
          log.push(`${(performance.now() / 1000).toFixed(2)}s ${name} ${url ? new URL(url, location.href).search || '(no query)' : '(same)'} router-state:${routerState} ${caller}`);
          if (log.length > 60) log.shift();
          return original.call(this, state, unused, url);
        };
      }
    });
    const addressLog = async () => `\naddress writes, oldest first:\n${(await page.evaluate(() => (window as unknown as { addressLog?: string[] }).addressLog ?? [])).join('\n')}`;
    try {
      await signIn(page);
      await openVaultOnceManifestIsIn(page);
      const [titan] = (await simWorld()).characters;
      await page.goto(`/characters/${titan!.characterId}`);
      await page.locator('main header h1').waitFor();
      await hydrated(page);
      // A full reload of the page would take this mark with it.
      await page.evaluate(() => ((window as unknown as { journeyMark: number }).journeyMark = 1));
      const box = page.getByRole('combobox', { name: 'Search items' });
      const typed: string[] = [];
      const queries = ['is:locked', '-is:locked', 'is:weapon', 'power:>=1', 'is:legendary'];
      for (const query of queries) {
        // An answered action makes the page re-read itself (router.refresh) while the player types,
        // once with the last query still in the address.
        await actOn(page, /^(Lock|Unlock)$/);
        // A phone late in a long session: every script runs ten times slower.
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: 10 });
        await box.click();
        // In pieces, as the journey types (each piece focuses the box again), with pauses longer than
        // the box's 300 ms settle, so the address follows half-typed queries too.
        const cut = query.indexOf(':');
        for (const piece of [query.slice(0, cut), query.slice(cut, cut + 3), query.slice(cut + 3)]) {
          await box.pressSequentially(piece, { delay: 20 });
          await page.waitForTimeout(450);
        }
        typed.push(await box.inputValue());
        await expect.poll(() => page.evaluate(() => new URL(location.href).searchParams.get('q')), { timeout: 20_000 }).toBe(query);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
        await actOn(page, /^(Lock|Unlock)$/);
        expect(await box.inputValue()).toBe(query);
        await expect.poll(() => page.evaluate(() => new URL(location.href).searchParams.get('q')), { timeout: 20_000 }).toBe(query);
        await box.fill('');
        expect(await box.inputValue()).toBe('');
        await expect
          .poll(() => page.evaluate(() => new URL(location.href).searchParams.get('q')), { timeout: 20_000 })
          .toBe(null)
          .catch(async (e: Error) => {
            throw new Error(`${e.message}${await addressLog()}`);
          });
      }
      expect(typed).toEqual(queries);
      expect(await page.evaluate(() => (window as unknown as { journeyMark?: number }).journeyMark)).toBe(1);
      // The address follows the box; it never sends the page to the server.
      expect(withQuery).toEqual([]);
    } finally {
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 }).catch(() => undefined);
      await context.close();
    }
  }, MANIFEST_WAIT_MS + 240_000);

  it("a link taken while the page re-reads itself after an action shows the new character, and keeps showing it", async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    try {
      await signIn(page);
      await openVaultOnceManifestIsIn(page);
      const { characters } = await simWorld();
      const nav = () => page.getByRole('navigation', { name: 'Vault and characters' });
      // Bungie answers slowly: the re-read after an action is still on its way when the player moves on.
      await simControl({ latencyMs: 700 });
      const first = characters[0]!.characterId;
      await page.goto(`/characters/${first}`);
      await hydrated(page);
      for (const [n, i] of [1, 0, 2, 1, 2, 0].entries()) {
        const to = characters[i]!;
        const name = CLASS_NAMES[to.classType]!;
        // An answered action starts the page's re-read (router.refresh) …
        await actOn(page, n % 2 === 0 ? /^(Lock|Unlock)$/ : /^Move to vault$/);
        if (n % 3 !== 2) {
          // … or the player searched and cleared the box: its address update (300 ms after the last key) …
          const box = page.getByRole('combobox', { name: 'Search items' });
          await box.fill('is:weapon');
          await expect.poll(() => page.evaluate(() => new URL(location.href).searchParams.get('q'))).toBe('is:weapon');
          await box.fill('');
        }
        // … and the player takes a link at once.
        await nav().getByRole('link', { name: new RegExp(`^${name}`) }).click();
        await page.waitForURL((u) => u.pathname === `/characters/${to.characterId}`);
        const ctx = { home: to.characterId, searching: false, openId: null };
        await screenAgrees(page, ctx, `link ${n} to ${name}`);
        await expect.poll(() => page.title(), { timeout: 10_000 }).toBe(`${name} · Vault Raider`);
        // The late re-read of the page left behind must not paint over this one.
        await page.waitForTimeout(4000);
        await screenAgrees(page, ctx, `4 s after link ${n} to ${name}`);
        expect(await page.title()).toBe(`${name} · Vault Raider`);
      }
    } finally {
      await simControl({ latencyMs: 0 });
      await context.close();
    }
  }, MANIFEST_WAIT_MS + 240_000);

  it("moving with the app's own links shows each character's items as the world holds them, and its name in the tab", async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    try {
      await signIn(page);
      await openVaultOnceManifestIsIn(page);
      const { characters } = await simWorld();
      const nav = () => page.getByRole('navigation', { name: 'Vault and characters' });
      const visit = async (characterId: string, step: string) => {
        const name = CLASS_NAMES[characters.find((c) => c.characterId === characterId)!.classType]!;
        await nav().getByRole('link', { name: new RegExp(`^${name}`) }).click();
        await page.waitForURL((u) => u.pathname === `/characters/${characterId}`);
        await expect.poll(() => page.locator('main header h1').textContent(), { timeout: 10_000 }).toContain(name);
        await screenAgrees(page, { home: characterId, searching: false, openId: null }, step);
        await expect.poll(() => page.title(), { timeout: 10_000 }).toBe(`${name} · Vault Raider`);
      };
      const order = [0, 1, 0, 2, 1, 0, 2, 0, 1];
      for (const [n, i] of order.entries()) {
        const here = characters[i % characters.length]!.characterId;
        await visit(here, `link ${n} to ${here}`);
        // Something leaves (or changes on) this page before the next link is taken.
        const moved = await actOn(page, n % 2 === 0 ? /^Move to vault$/ : /^Move to (Titan|Hunter|Warlock)$/);
        if (moved) await screenAgrees(page, { home: here, searching: false, openId: null }, `moved ${moved} off ${here}`);
        if (n % 3 === 2) {
          await nav().getByRole('link', { name: /^Vault/ }).click();
          await page.waitForURL((u) => u.pathname === '/vault');
          await screenAgrees(page, { home: 'vault', searching: false, openId: null }, 'link to the vault');
        }
      }
    } finally {
      await context.close();
    }
  }, MANIFEST_WAIT_MS + 240_000);
});
