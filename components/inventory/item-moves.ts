/**
 * The one client path of an item action, shared by the phone action sheet and desktop drag and
 * drop: show the expected place at once (optimistic), then the place the server confirms, or put
 * the item back when Bungie refuses. Callers show the outcome's sentence.
 */
import type { ItemTile } from '@/lib/inventory/types';
import { postItemAction, type ActionOutcome, type ItemPlace, type SuggestedMove } from './item-action-client';

/** What an action changed, so the page can move the tile (or put it back). */
export type ActionChange = {
  key: string;
  place: ItemPlace | null;
  /** Read the profile again although nothing moved: the item was not where the page showed it. */
  refresh?: boolean;
  /** The optimistic guess, before Bungie answered: nothing to re-read yet. */
  pending?: boolean;
};

/** Refusals that mean the page's view of the inventory is out of date. */
const STALE_VIEW = new Set(['item_gone', 'item_moved', 'unknown_item']);
/** Called at once with the expected place (optimistic), and again with the real one or `null` to roll back. */
export type OnActionChange = (change: ActionChange) => void;

const CLASS_NAMES = ['Titan', 'Hunter', 'Warlock'];

/** Where the tile's item is, as the routes name places: "vault", a character id, or "profile" (account-wide). */
export function ownerOf(tile: ItemTile): string {
  return tile.location.kind === 'vault' ? 'vault' : tile.location.characterId ?? 'profile';
}

/** The route's item id: the instance id, or "0" for a stack. */
export function itemIdOf(tile: ItemTile): string {
  return tile.instanceId ?? '0';
}

/** The place the tile will have once the action works. */
export function expectedPlace(tile: ItemTile, owner: string, equipped = false): ItemPlace {
  return { itemId: itemIdOf(tile), itemHash: tile.hash, owner, equipped, locked: tile.locked };
}

/** Whether a character of this class can equip the item (class items, armour). */
export function canEquipOn(tile: ItemTile, className: string): boolean {
  return Boolean(tile.instanceId) && tile.itemType !== 0 && (tile.classType === 3 || CLASS_NAMES[tile.classType] === className);
}

/** Whether the item can be moved between stores at all (the sheet offers "Move to …" for it). */
export function canMove(tile: ItemTile): boolean {
  return !tile.equipped && (tile.location.kind === 'vault' || tile.location.kind === 'inventory');
}

/** Runs one action optimistically: `expected` now, then the confirmed place, or a roll-back. */
export async function applyAction(tile: ItemTile, expected: ItemPlace, request: () => Promise<ActionOutcome>, onChange: OnActionChange): Promise<ActionOutcome> {
  onChange({ key: tile.key, place: expected, pending: true });
  const outcome = await request();
  if (outcome.ok) {
    onChange({ key: tile.key, place: outcome.items[0] ?? expected });
  } else {
    // A partial move left the item in the vault: show it there rather than where it started.
    onChange({ key: tile.key, place: outcome.partial ? { ...expected, owner: outcome.nowIn ?? 'vault', equipped: false } : null, refresh: STALE_VIEW.has(outcome.code) });
  }
  return outcome;
}

/**
 * Moves the item to the vault or a character; a stack moves `quantity` of its items (all by
 * default). Part of a stack is not shown moved at once: the page reads the profile again instead.
 * A move the server made first to free a space (the player's "make room" setting) moves that tile too.
 */
export async function moveItem(tile: ItemTile, to: string, onChange: OnActionChange, quantity?: number): Promise<ActionOutcome> {
  const body = { itemId: itemIdOf(tile), itemHash: tile.hash, from: ownerOf(tile), to, ...(quantity !== undefined ? { quantity } : {}) };
  let outcome: ActionOutcome;
  if (quantity !== undefined && quantity < tile.quantity) {
    outcome = await postItemAction('transfer', body);
    onChange({ key: tile.key, place: null, refresh: true });
  } else {
    outcome = await applyAction(tile, expectedPlace(tile, to), () => postItemAction('transfer', body), onChange);
  }
  if (outcome.ok && outcome.madeRoom) {
    const { move } = outcome.madeRoom;
    onChange({ key: move.itemId, place: { itemId: move.itemId, itemHash: move.itemHash, owner: move.to, equipped: false, locked: false } });
  }
  return outcome;
}

/** Equips the item on a character (the server moves it there first when it is elsewhere). */
export function equipItem(tile: ItemTile, characterId: string, onChange: OnActionChange): Promise<ActionOutcome> {
  return applyAction(tile, expectedPlace(tile, characterId, true), () => postItemAction('equip', { characterId, items: [{ itemId: itemIdOf(tile), itemHash: tile.hash }] }), onChange);
}

/** Makes the one move the server suggested to free a space — that move and nothing else. */
export async function makeSuggestedMove(suggestion: SuggestedMove, onChange: OnActionChange): Promise<ActionOutcome> {
  const { move } = suggestion;
  const outcome = await postItemAction('transfer', move);
  // Tiles are keyed by instance id: the moved item leaves this page (or shows up on the next read).
  if (outcome.ok) onChange({ key: move.itemId, place: outcome.items[0] ?? { itemId: move.itemId, itemHash: move.itemHash, owner: move.to, equipped: false, locked: false } });
  return outcome;
}
