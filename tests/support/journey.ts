import type { Page } from 'playwright-core';
import { allTilesDrawn, simVault } from './inventory';
import { simCharacters, type SimCharacter } from './item-moves';
import { simUrl } from './sign-in';

/** One item as the simulated world holds it (`GET /__sim/items`). */
export type SimItem = { itemHash: number; itemInstanceId: string | null; owner: string; bucketHash: number; homeBucketHash?: number; equipped: boolean; locked: boolean };

/** Bungie's Lost Items bucket: the postmaster. */
export const POSTMASTER_BUCKET = 215593132;
export const CLASS_NAMES = ['Titan', 'Hunter', 'Warlock'];

/** The world now: every item and the characters. */
export async function simWorld(): Promise<{ items: SimItem[]; characters: SimCharacter[]; vaultCount: number }> {
  const [answer, characters, vault] = await Promise.all([fetch(`${simUrl()}/__sim/items`).then((r) => r.json() as Promise<{ items: SimItem[] }>), simCharacters(), simVault()]);
  return { items: answer.items, characters, vaultCount: vault.items.length };
}

/** A seeded PRNG (mulberry32): the same seed replays the same journey. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick<T>(list: readonly T[]): T {
      if (list.length === 0) throw new Error('pick from an empty list');
      return list[Math.floor(next() * list.length)]!;
    },
  };
}

/** What the page shows, read in one evaluation. */
export type Screen = {
  path: string;
  tiles: { id: string | null; hash: number; group: string; bucket: number; equipped: boolean; locked: boolean }[];
  sections: { group: string; bucket: number; count: string; tiles: number }[];
  vaultCount: string | null;
  headerPower: string | null;
  navPowers: Record<string, string>;
  dockPowers: Record<string, string>;
  sheet: null | { where: string | null; buttons: string[]; details: number; heading: string | null };
  searchCount: string | null;
};

/** Reads the screen: tiles, section counts, the vault count, powers in nav, header and dock, the open sheet. */
export async function readScreen(page: Page): Promise<Screen> {
  await allTilesDrawn(page);
  return page.evaluate(() => {
    const tiles = [...document.querySelectorAll<HTMLElement>('main button[data-item-hash]')]
      .filter((b) => !b.closest('dialog'))
      .map((b) => ({
        id: b.getAttribute('data-item-id'),
        hash: Number(b.getAttribute('data-item-hash')),
        group: b.closest('[data-group]')?.getAttribute('data-group') ?? '',
        bucket: Number(b.closest('[data-bucket-hash]')?.getAttribute('data-bucket-hash') ?? -1),
        equipped: b.hasAttribute('data-equipped'),
        locked: b.hasAttribute('data-locked'),
      }));
    const sections = [...document.querySelectorAll<HTMLElement>('main section[data-bucket-hash]')].map((s) => ({
      group: s.closest('[data-group]')?.getAttribute('data-group') ?? '',
      bucket: Number(s.getAttribute('data-bucket-hash')),
      count: s.querySelector('[data-testid="section-count"]')?.textContent ?? '',
      tiles: s.querySelectorAll('button[data-item-hash]').length,
    }));
    const powers = (selector: string) =>
      Object.fromEntries([...document.querySelectorAll<HTMLElement>(selector)].map((el) => [el.textContent?.replace(/[\d\s]+$/, '').trim() ?? '', (el.textContent?.match(/(\d+)\s*$/) ?? [])[1] ?? '']));
    const dialog = document.querySelector<HTMLDialogElement>('dialog[data-testid="item-sheet"]');
    let sheet: Screen['sheet'] = null;
    if (dialog?.open) {
      const terms = [...dialog.querySelectorAll('[data-testid="item-facts"] dt')];
      const whereTerm = terms.find((dt) => dt.textContent === 'Where');
      sheet = {
        where: whereTerm?.nextElementSibling?.textContent ?? null,
        buttons: [...dialog.querySelectorAll<HTMLButtonElement>('section[aria-label="Actions"] button')].filter((b) => !b.disabled).map((b) => b.textContent?.trim() ?? ''),
        details: dialog.querySelectorAll('[data-testid="item-details"], [data-testid="item-details-loading"]').length,
        heading: dialog.querySelector('h2')?.textContent ?? null,
      };
    }
    return {
      path: location.pathname,
      tiles,
      sections,
      vaultCount: document.querySelector('[data-testid="vault-count"]')?.textContent ?? null,
      headerPower: document.querySelector('main header [aria-label^="Power"]')?.textContent?.trim() ?? null,
      navPowers: powers('nav[aria-label="Vault and characters"] a[href^="/characters/"]'),
      dockPowers: Object.fromEntries(
        [...document.querySelectorAll<HTMLElement>('[data-drop-target^="move:"]:not([data-drop-target="move:vault"])')].map((el) => [el.querySelector('.font-semibold')?.textContent ?? '', el.querySelector('.tabular-nums')?.textContent ?? '']),
      ),
      sheet,
      searchCount: document.querySelector('[data-testid="search-count"]')?.textContent ?? null,
    };
  });
}

/** Where the screen is: the vault page or a character's, what is searched, which item's sheet is open. */
export type Context = { home: string; searching: boolean; openId: string | null };

function placeLabel(item: SimItem, characters: SimCharacter[]): string {
  if (item.owner === 'vault') return 'Vault';
  if (item.owner === 'profile') return 'Account-wide inventory';
  const who = `your ${CLASS_NAMES[characters.find((c) => c.characterId === item.owner)?.classType ?? -1] ?? '?'}`;
  if (item.bucketHash === POSTMASTER_BUCKET) return `At the postmaster for ${who}`;
  return item.equipped ? `Equipped on ${who}` : `In the inventory of ${who}`;
}

const firstNumber = (text: string | null) => Number((text ?? '').match(/\d+/)?.[0] ?? NaN);

/**
 * Every way the screen disagrees with the world (empty when it tells the truth): each tile's place,
 * equipped and lock marks; with no search, exactly the world's items on the page, section counts
 * and the vault count; the same power in navigation, header and dock; the open sheet's place and actions.
 */
export function disagreements(screen: Screen, world: Awaited<ReturnType<typeof simWorld>>, ctx: Context): string[] {
  const problems: string[] = [];
  const byId = new Map(world.items.filter((i) => i.itemInstanceId).map((i) => [i.itemInstanceId!, i]));
  const here = (i: SimItem) => (ctx.home === 'vault' ? i.owner === 'vault' || i.owner === 'profile' : i.owner === ctx.home);
  for (const tile of screen.tiles) {
    if (!tile.id) continue;
    const item = byId.get(tile.id);
    if (!item) {
      problems.push(`tile ${tile.id} is on the page but not in the world`);
      continue;
    }
    if (!here(item)) problems.push(`tile ${tile.id} is shown here but the world has it at ${item.owner}`);
    else if (ctx.home !== 'vault' && (tile.group === 'postmaster') !== (item.bucketHash === POSTMASTER_BUCKET)) problems.push(`tile ${tile.id} is in group ${tile.group}, the world has it in bucket ${item.bucketHash}`);
    if (tile.equipped !== item.equipped) problems.push(`tile ${tile.id} shows equipped=${tile.equipped}, the world says ${item.equipped}`);
    if (tile.locked !== item.locked) problems.push(`tile ${tile.id} shows locked=${tile.locked}, the world says ${item.locked}`);
  }
  if (!ctx.searching) {
    const shown = new Set(screen.tiles.flatMap((t) => (t.id ? [t.id] : [])));
    const missing = [...byId.values()].filter((i) => here(i) && !shown.has(i.itemInstanceId!)).map((i) => i.itemInstanceId);
    if (missing.length > 0) problems.push(`the world has ${missing.length} item(s) here the page does not show: ${missing.slice(0, 5).join(', ')}`);
    for (const s of screen.sections) if (firstNumber(s.count) !== s.tiles) problems.push(`section ${s.group}/${s.bucket} says ${s.count} but shows ${s.tiles} tiles`);
    if (ctx.home === 'vault' && firstNumber(screen.vaultCount) !== world.vaultCount) problems.push(`the vault count says ${screen.vaultCount}, the world's vault holds ${world.vaultCount}`);
  } else {
    for (const s of screen.sections) if (!/^\d+ of \d+$/.test(s.count) || firstNumber(s.count) !== s.tiles) problems.push(`during a search section ${s.group}/${s.bucket} says "${s.count}" and shows ${s.tiles} tiles`);
  }
  const me = world.characters.find((c) => c.characterId === ctx.home);
  if (me && screen.headerPower !== null && screen.navPowers[CLASS_NAMES[me.classType]!] !== screen.headerPower) problems.push(`the header says power ${screen.headerPower}, the navigation ${JSON.stringify(screen.navPowers)}`);
  for (const [name, power] of Object.entries(screen.dockPowers)) if (screen.navPowers[name] !== power) problems.push(`the dock says ${name} ${power}, the navigation ${screen.navPowers[name]}`);
  if (ctx.openId && screen.sheet) {
    const item = byId.get(ctx.openId);
    const sheet = screen.sheet;
    if (item) {
      const label = placeLabel(item, world.characters);
      if (sheet.where !== label) problems.push(`the sheet says "${sheet.where}", the world has the item at "${label}"`);
      const ownClass = CLASS_NAMES[world.characters.find((c) => c.characterId === item.owner)?.classType ?? -1];
      if (ownClass && sheet.buttons.includes(`Move to ${ownClass}`)) problems.push(`the sheet offers "Move to ${ownClass}" for an item already there`);
      const atPostmaster = item.bucketHash === POSTMASTER_BUCKET;
      const movable = item.owner !== 'vault' && item.owner !== 'profile' && !item.equipped && !atPostmaster;
      if (sheet.buttons.includes('Move to vault') !== movable) problems.push(`the sheet ${movable ? 'lacks' : 'offers'} "Move to vault" (world: ${item.owner}, equipped ${item.equipped})`);
      if (sheet.buttons.includes('Pull from postmaster') !== atPostmaster) problems.push(`the sheet ${atPostmaster ? 'lacks' : 'offers'} "Pull from postmaster"`);
      if (!atPostmaster && !sheet.buttons.includes(item.locked ? 'Unlock' : 'Lock')) problems.push(`the sheet's lock button does not say "${item.locked ? 'Unlock' : 'Lock'}" (buttons: ${sheet.buttons.join(', ')})`);
    }
    if (sheet.details > 1) problems.push(`the sheet shows stats and perks ${sheet.details} times`);
  }
  return problems;
}
