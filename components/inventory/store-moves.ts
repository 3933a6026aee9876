/**
 * Moves of the inventory screen beyond one item to one store, all made of the item routes' own
 * actions (`item-moves.ts`, so every refusal is the server's sentence, lib/actions/refusals.ts):
 * - an equipped item to another store: Destiny moves only unequipped items, so another item of
 *   its slot is equipped in its place first (or the player is told why none can be);
 * - a set of items (a search's result) to one store, one after the other, with progress and a
 *   per-item report.
 */
import type { CharacterSummary, ItemTile } from '@/lib/inventory/types';
import type { ActionOutcome } from './item-action-client';
import { canEquipOn, canMove, equipItem, moveItem, ownerOf, type OnActionChange } from './item-moves';

/** A store's name in a sentence: "your vault", "your Titan". */
export function storeName(owner: string, characters: readonly CharacterSummary[]): string {
  if (owner === 'vault') return 'your vault';
  const c = characters.find((x) => x.characterId === owner);
  return c ? `your ${c.className}` : 'a character';
}

/**
 * The item to equip in `tile`'s place so it can leave its character: an unequipped item of the
 * same slot the character's class can use. Non-exotics first (the game allows one exotic weapon
 * and one exotic armour piece equipped), each from the character's own inventory before the vault
 * (the equip route brings a vault item over), then the strongest. Null when there is none.
 */
export function replacementFor(tile: ItemTile, tiles: Iterable<ItemTile>, className: string): ItemTile | null {
  const owner = tile.location.characterId;
  // A second exotic may be refused (one exotic weapon, one exotic armour piece): a non-exotic from the vault beats one.
  const rank = (t: ItemTile) => (t.tier === 'exotic' ? 2 : 0) + (t.location.kind === 'inventory' ? 0 : 1);
  let best: ItemTile | null = null;
  for (const t of tiles) {
    if (t.key === tile.key || t.equipped || t.slotHash !== tile.slotHash || !canEquipOn(t, className)) continue;
    const here = t.location.kind === 'inventory' && t.location.characterId === owner;
    if (!here && t.location.kind !== 'vault') continue;
    if (!best || rank(t) < rank(best) || (rank(t) === rank(best) && (t.power ?? 0) > (best.power ?? 0))) best = t;
  }
  return best;
}

/** The result of a move of the inventory screen: the outcome, and a sentence that says what happened. */
export type StoreMoveResult = { ok: boolean; message: string; outcome?: ActionOutcome };

/**
 * Moves an item to the store `to` (or equips it there, `equip`). An equipped item first has
 * `replacementFor` equipped in its place on its character; with none, or when the game refuses
 * that, nothing moves and the sentence says why.
 */
export async function moveToStore(tile: ItemTile, to: string, equip: boolean, ctx: { tiles: Iterable<ItemTile>; characters: readonly CharacterSummary[]; onChange: OnActionChange }): Promise<StoreMoveResult> {
  const there = storeName(to, ctx.characters);
  const from = ownerOf(tile);
  let item = tile;
  let swapped = '';
  if (tile.equipped && from !== to) {
    const className = ctx.characters.find((c) => c.characterId === from)?.className ?? '';
    const here = storeName(from, ctx.characters);
    const replacement = replacementFor(tile, ctx.tiles, className);
    if (!replacement) {
      return { ok: false, message: `${tile.name} is equipped on ${here}, and Destiny moves only unequipped items: nothing in ${here}'s inventory or the vault can take its slot. Put another item for that slot on ${here}, then try again.` };
    }
    const first = await equipItem(replacement, from, ctx.onChange);
    if (!first.ok) return { ok: false, message: `To free ${tile.name}, ${replacement.name} had to be equipped on ${here} in its place, and that was refused: ${first.message}`, outcome: first };
    item = { ...tile, equipped: false, location: { kind: 'inventory', characterId: from, label: `In the inventory of ${here}` } };
    swapped = ` (${replacement.name} is equipped on ${here} in its place)`;
  }
  const outcome = equip ? await equipItem(item, to, ctx.onChange) : await moveItem(item, to, ctx.onChange);
  if (!outcome.ok) return { ok: false, message: swapped ? `${outcome.message} ${replacementNote(swapped)}` : outcome.message, outcome };
  return { ok: true, message: `${equip ? 'Equipped' : 'Moved'} ${tile.name} ${equip ? 'on' : 'to'} ${there}${swapped}.`, outcome };
}

const replacementNote = (swapped: string) => `${swapped.slice(2, -1).replace(/^./, (c) => c.toUpperCase())}.`;

/** Which of `tiles` a bulk move to `to` takes: movable items not already there. */
export function bulkMovable(tiles: readonly ItemTile[], to: string): ItemTile[] {
  return tiles.filter((t) => canMove(t) && ownerOf(t) !== to);
}

/** One line of a bulk move's report. */
export type BulkLine = { key: string; itemId?: string; name: string; ok: boolean; message: string };

/** Refusals that mean "not so fast" (our per-player limit, Bungie's throttling): wait, then the same item again. */
const SLOW_DOWN = new Set(['rate_limited', 'bungie_throttled']);
/** Waits longer than this are the player's to decide (the item is reported refused). */
const LONGEST_WAIT_S = 30;
/** How many times one item is tried again after a "not so fast". */
const RETRIES = 3;

/**
 * Moves `tiles` to `to` one after the other (the server serialises a player's actions anyway, and
 * each refusal concerns one item), reporting progress before each and every result as a line;
 * a refusal does not stop the rest. A "not so fast" (the app's limit of requests per player, which
 * a bulk move of more than ~25 items meets, or Bungie's throttling) is waited out — `onWait` says
 * for how long — and the same item tried again, rather than reported refused with the rest of
 * the set after it. Returns the report.
 */
export async function bulkMove(
  tiles: readonly ItemTile[],
  to: string,
  onChange: OnActionChange,
  onProgress: (done: number, line?: BulkLine) => void,
  onWait: (seconds: number) => void = () => {},
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<BulkLine[]> {
  const lines: BulkLine[] = [];
  for (const tile of tiles) {
    onProgress(lines.length);
    let outcome = await moveItem(tile, to, onChange);
    for (let retry = 0; retry < RETRIES && !outcome.ok && SLOW_DOWN.has(outcome.code); retry++) {
      const seconds = outcome.retryAfterSeconds ?? 2;
      if (seconds > LONGEST_WAIT_S) break;
      onWait(seconds);
      await sleep(seconds * 1000);
      onProgress(lines.length);
      outcome = await moveItem(tile, to, onChange);
    }
    const line: BulkLine = { key: tile.key, itemId: tile.instanceId, name: tile.name, ok: outcome.ok, message: outcome.ok ? 'Moved.' : outcome.message };
    lines.push(line);
    onProgress(lines.length, line);
  }
  return lines;
}
