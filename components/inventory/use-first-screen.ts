'use client';

import { startTransition, useEffect, useState } from 'react';

/**
 * How many tiles the server draws of an item page, in document order: what the first screen of a
 * 1920×1080 desktop shows, and more than a phone's (390×844). The browser draws the rest after
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
export const FIRST_SCREEN_TILES = { browser: 120, characterColumn: 64, vaultColumn: 240 } as const;

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
