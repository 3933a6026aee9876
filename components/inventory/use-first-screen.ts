'use client';

import { startTransition, useEffect, useState } from 'react';

/**
 * How many tiles the server draws of an item page, in document order: what the first screen of a
 * 1920×1080 desktop shows, and more than a phone's (390×844). The browser draws the rest right after
 * hydration. Sections start a new row, so a budget counted in tiles reaches below the screen, never
 * short of it.
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

// Set by the first page that hydrated: later pages are rendered in the browser (client navigation,
// no server HTML to match), so they draw every tile at once.
let hydrated = false;

/**
 * False for the server's render and the browser's first one (hydration must find the same markup),
 * then true: everything is drawn in a transition, so a tap or a keystroke meanwhile is not held up.
 */
export function useWholePage(): boolean {
  const [whole, setWhole] = useState(hydrated);
  useEffect(() => {
    hydrated = true;
    startTransition(() => setWhole(true));
  }, []);
  return whole;
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
