'use client';

import { startTransition, useEffect, useState } from 'react';
import type { Device } from '@/lib/http/device';

/**
 * How many tiles the server draws of an item page, in document order, for a desktop (or a tablet):
 * what the first screen of a 1920×1080 desktop shows (a phone gets `PHONE_FIRST_SCREEN_TILES`;
 * lib/http/device.ts tells them apart from the request). The browser draws the rest after
 * hydration, a few dozen tiles at a time (`useDrawnBeyondFirstScreen`). Sections start a new row,
 * so a budget counted in tiles reaches below the screen, never short of it.
 *
 * - An item browser (`/vault`, a character page), 12 tiles a row (4.5rem in the 5xl column) on a
 *   desktop, below ~280 px of header, search and headings: ~9 rows, about 110 tiles; a phone shows
 *   5 a row, ~40.
 * - The inventory screen, per store column (a phone shows one column, a desktop all four side by
 *   side): a character's 17rem column holds 5 tiles a row, and under its header and equipped row
 *   about 5 slots of 9 fit: ~60; the vault's column takes the remaining width (~20 a row at
 *   1920 px, 10 at 1440) and ~15 rows less its headings: ~240.
 */
export const FIRST_SCREEN_TILES = { browser: 120, firstColumn: 64, characterColumn: 64, vaultColumn: 240 } as const;

/**
 * What a phone's first screen shows, measured in Chromium at 390×844 on the server's HTML (README,
 * "First screen on the server"), with a row or more to spare below it:
 * - an item browser: 5 tiles a row (4.5rem), the first row 348 px down (header, search, headings),
 *   a row every 73 px: 7 rows on screen, 35 tiles (9 rows on a 430×932 phone); 50 is 10 rows. A
 *   character page's first tiles start below the screen (its header and tools fill it).
 * - the inventory screen shows one store column at a time, the first character's on load: its
 *   equipped row (up to 17 tiles, 6 a row of 2.9rem) from 526 px, then its slots, each starting a
 *   row under its heading: 21 tiles on screen; 40 reach ~650 px below it. The other columns are off
 *   screen until swiped to: their equipped rows only (drawn whole everywhere), the browser draws
 *   the rest right after hydration, the first column first.
 */
export const PHONE_FIRST_SCREEN_TILES = { browser: 50, firstColumn: 40, characterColumn: 0, vaultColumn: 0 } as const;

/**
 * A first screen's budget: an item browser's tiles; on the inventory screen a character's column,
 * the vault's, and the first column in page order (the one a phone shows on load) at least `firstColumn`.
 */
export type FirstScreenTiles = { browser: number; firstColumn: number; characterColumn: number; vaultColumn: number };

/** The budget for the device that asked (lib/http/device.ts): the server and the browser's first render use the same. */
export function firstScreenTiles(device: Device): FirstScreenTiles {
  return device === 'phone' ? PHONE_FIRST_SCREEN_TILES : FIRST_SCREEN_TILES;
}

/**
 * How many more tiles each step after hydration draws. One step (render, DOM, commit) must fit well
 * under a long task (50 ms) on a mid-range phone (CPU 4× slower than this machine's): a tile costs
 * about 0.4 ms there, so 40 tiles ≈ 16 ms, and the browser gets the input and a frame in between.
 */
export const DRAW_STEP_TILES = 40;

// Set by the first page that hydrated: later pages are rendered in the browser (client navigation,
// no server HTML to match), so they draw every tile at once.
let hydrated = false;

/**
 * How many tiles beyond the first screen to draw: 0 for the server's render and the browser's first
 * one (hydration must find the same markup), then `DRAW_STEP_TILES` more per step — each step a
 * transition started from its own task, so a tap or a keystroke meanwhile goes first and no step
 * is a long task — until `rest` (the tiles beyond the first screen) are all drawn; then Infinity
 * for good (items that arrive later are drawn at once). `whole` says every tile is drawn.
 */
export function useDrawnBeyondFirstScreen(rest: number): { extra: number; whole: boolean } {
  const [extra, setExtra] = useState(() => (hydrated ? Infinity : 0));
  const whole = extra >= rest;
  useEffect(() => {
    hydrated = true;
  }, []);
  useEffect(() => {
    if (extra === Infinity) return;
    const timer = setTimeout(() => startTransition(() => setExtra(whole ? Infinity : (e) => e + DRAW_STEP_TILES)), 0);
    return () => clearTimeout(timer);
  }, [whole, extra]);
  return { extra: whole ? Infinity : extra, whole };
}

/**
 * The first `budget` items of `lists` taken in order: each list cut where the budget runs out
 * (the same array where it is whole, empty after). For the lists of one page or one store column.
 */
export function firstOf<T>(lists: readonly (readonly T[])[], budget: number): (readonly T[])[] {
  let left = budget;
  return lists.map((list) => {
    const take = Math.min(left, list.length);
    left -= take;
    return take === list.length ? list : list.slice(0, take);
  });
}

/** What the tiles' container says about its drawing, for tests and tools: `all` once every tile is drawn. */
export function tilesState(whole: boolean): 'all' | 'first-screen' {
  return whole ? 'all' : 'first-screen';
}
