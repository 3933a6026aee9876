/**
 * Which items compare with which: weapons of one type (all Hand Cannons), armour of one slot and
 * class (Titan helmets). Pure functions over tiles.
 */
import type { ItemTile } from '@/lib/inventory/types';

/** Most items side by side: more do not fit a phone's screen, even scrolled. */
export const MAX_COMPARED = 6;

// Bungie DestinyItemType.
const ITEM_TYPE_ARMOR = 2;
const ITEM_TYPE_WEAPON = 3;

/** The group an item compares within, or null for items without stats to compare (stacks, emblems, unknown). */
export function compareGroup(tile: ItemTile): string | null {
  if (!tile.instanceId || !tile.known) return null;
  if (tile.itemType === ITEM_TYPE_WEAPON && tile.typeName) return `weapon:${tile.typeName}`;
  if (tile.itemType === ITEM_TYPE_ARMOR && tile.slotHash) return `armor:${tile.slotHash}:${tile.classType}`;
  return null;
}

/** What the compare view is titled: "Hand Cannon", "Helmet". */
export function compareTitle(tile: ItemTile): string {
  return tile.typeName || 'items';
}

/**
 * `base` first, then the other items of its group among `tiles`, strongest first, at most
 * `MAX_COMPARED` in all. Just `[base]` when nothing else compares.
 */
export function compareSet(base: ItemTile, tiles: Iterable<ItemTile>): ItemTile[] {
  const group = compareGroup(base);
  if (!group) return [base];
  const others = [...tiles].filter((t) => t.key !== base.key && compareGroup(t) === group);
  others.sort((a, b) => (b.power ?? 0) - (a.power ?? 0) || a.name.localeCompare(b.name));
  return [base, ...others.slice(0, MAX_COMPARED - 1)];
}

/**
 * A search's matches as a compare set: the items of the first comparable match's group, strongest
 * first (at most `MAX_COMPARED`); empty when fewer than two compare.
 */
export function compareFromSearch(matches: readonly ItemTile[]): ItemTile[] {
  const first = matches.find((t) => compareGroup(t) !== null);
  if (!first) return [];
  const group = compareGroup(first);
  const same = matches.filter((t) => compareGroup(t) === group);
  same.sort((a, b) => (b.power ?? 0) - (a.power ?? 0) || a.name.localeCompare(b.name));
  return same.length >= 2 ? same.slice(0, MAX_COMPARED) : [];
}

/** "+4", "−3" or "" for no difference (the typographic minus, as the game writes it). */
/** Stats the game shows in milliseconds, where less is better: Charge Time (fusion rifles), Draw Time (bows). */
export const LOWER_IS_BETTER: ReadonlySet<number> = new Set([2961396640, 447667954]);

/** Whether `value` beats `base` for a stat (`statHash`; Power when absent): more is better but for `LOWER_IS_BETTER`. */
export function isBetter(value: number, base: number, statHash?: number): boolean {
  return statHash !== undefined && LOWER_IS_BETTER.has(statHash) ? value < base : value > base;
}

export function difference(value: number, base: number): string {
  const d = value - base;
  return d === 0 ? '' : d > 0 ? `+${d}` : `\u2212${-d}`;
}
