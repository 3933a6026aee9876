/**
 * Which tiles of the inventory screen are drawn (use-first-screen.ts): the server draws each store
 * column's first screen; the browser then draws the rest a step at a time, store by store in page
 * order — the first character's column, the one a phone shows on load, first — so every step is a
 * few dozen tiles and the store in view is whole before the ones beside it.
 */
import type { ItemTile as Tile } from '@/lib/inventory/types';
import type { InventoryColumns, LaidSection } from './inventory-layout';
import { firstOf, type FirstScreenTiles } from './use-first-screen';

/** One store column's shown lists in page order, and how many of their tiles its first screen draws. */
export type ColumnPlan = { lists: Tile[][]; first: number; total: number };

/**
 * Each column's plan under `budget` (the device's, use-first-screen.ts): a character's equipped row
 * is drawn whole (at most 17 tiles, on every first screen) and counts against its budget; then its
 * slots and postmaster; the vault's sections.
 */
export function columnPlans(columns: InventoryColumns, shownMap: ReadonlyMap<LaidSection, Tile[]>, matches: ((tile: Tile) => boolean) | null, budget: FirstScreenTiles): ColumnPlan[] {
  const plan = (sections: LaidSection[], first: number): ColumnPlan => {
    const lists = sections.map((s) => shownMap.get(s) ?? []);
    return { lists, first, total: lists.reduce((n, l) => n + l.length, 0) };
  };
  // The first column in page order is the one a phone shows on load: at least `firstColumn`.
  const of = (column: number, index: number) => (index === 0 ? Math.max(column, budget.firstColumn) : column);
  return [
    ...columns.characters.map((c, i) => {
      const equipped = matches ? c.equipped.filter(matches).length : c.equipped.length;
      return plan([...c.slots, c.postmaster], Math.max(0, of(budget.characterColumn, i) - equipped));
    }),
    plan(columns.vault.groups.flatMap((g) => g.sections), of(budget.vaultColumn, columns.characters.length)),
  ];
}

/** How many tiles lie beyond the columns' first screens. */
export function tilesBeyond(plans: readonly ColumnPlan[]): number {
  return plans.reduce((n, p) => n + Math.max(0, p.total - p.first), 0);
}

/**
 * What each shown list draws: every column's first screen, plus `extra` tiles given out column by
 * column in page order. By shown list (a section's, keyed by the array itself).
 */
export function drawnOf(plans: readonly ColumnPlan[], extra: number): Map<Tile[], readonly Tile[]> {
  const drawn = new Map<Tile[], readonly Tile[]>();
  let left = extra;
  for (const p of plans) {
    const more = Math.min(left, Math.max(0, p.total - p.first));
    left -= more;
    firstOf(p.lists, p.first + more).forEach((cut, i) => drawn.set(p.lists[i]!, cut));
  }
  return drawn;
}
