import 'server-only';
import { ErrorCode } from '@/lib/bungie/error-codes';
import { BungieError } from '@/lib/bungie/errors';
import { AppError } from '@/lib/http/errors';
import type { ItemDefinition } from '@/lib/manifest/types';
import type { IndexedItem, InventoryIndex } from './inventory-index';

/** Looks up item definitions (names, slots) for messages; one batched read. */
export type ItemLookup = (hashes: number[]) => Promise<ReadonlyMap<number, ItemDefinition>>;

/** A move the player may make to clear the way; offered, never made without asking. */
export type Suggestion = { label: string; move: { itemId: string; itemHash: number; from: string; to: string } };

/** What the action was trying to do when Bungie refused, for the message. */
export type Attempt = { kind: 'transfer' | 'equip' | 'lock' | 'pull'; item: IndexedItem; to?: string };

/** Bungie refused an item action the way the game would; `code` is stable for the UI. */
export class ActionRefusedError extends AppError {
  override name = 'ActionRefusedError';
}

/**
 * Turns Bungie's refusal of an item action into a sentence a player understands (and, for a full
 * slot, one specific move that makes room). Other errors pass through unchanged.
 */
export async function explainRefusal(error: unknown, attempt: Attempt, index: InventoryIndex, lookup: ItemLookup): Promise<unknown> {
  if (!(error instanceof BungieError)) return error;
  const where = attempt.to ? index.placeName(attempt.to) : index.placeName(attempt.item.owner);
  switch (error.code) {
    case ErrorCode.DestinyItemNotFound:
      return new ActionRefusedError('item_gone', 'That item is not where Vault Raider last saw it (it may have moved in the game). Your inventory will refresh; try again.');
    case ErrorCode.DestinyNoRoomInDestination: {
      const suggestion = attempt.to ? await makeRoom(index, attempt.to, attempt.item, lookup) : undefined;
      const hint = suggestion ? ` ${suggestion.label} to make room?` : ' Make room there first.';
      return new ActionRefusedError('no_room', `There is no room in ${where} for this item.${hint}`, suggestion ? { suggestion } : undefined);
    }
    case ErrorCode.DestinyItemUniqueEquipRestricted:
      return new ActionRefusedError('exotic_conflict');
    case ErrorCode.DestinyCannotPerformActionAtThisLocation:
    case ErrorCode.DestinyCharacterNotInTower:
      return new ActionRefusedError('not_in_orbit', `${capitalise(where)} is in an activity. Equipping works only in orbit or a social space: go to orbit and try again.`);
    case ErrorCode.DestinyCannotPerformActionOnEquippedItem:
      return new ActionRefusedError('item_equipped');
    case ErrorCode.DestinyItemActionForbidden:
    case ErrorCode.DestinyItemNotTransferrable:
      return new ActionRefusedError('not_movable');
    default:
      return error;
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * One move that frees a space where `incoming` should go: for a character slot, an unequipped,
 * unlocked item of the same slot there goes to the vault; for the vault, an unlocked vault item goes
 * to a character. Undefined when no single move does it.
 */
async function makeRoom(index: InventoryIndex, destination: string, incoming: IndexedItem, lookup: ItemLookup): Promise<Suggestion | undefined> {
  const hashes = [...new Set(index.items.map((i) => i.itemHash))];
  const defs = await lookup(hashes).catch(() => new Map<number, ItemDefinition>());
  const slot = (item: IndexedItem) => defs.get(item.itemHash)?.bucketTypeHash;
  const name = (item: IndexedItem) => defs.get(item.itemHash)?.name || 'an item';
  const movable = (i: IndexedItem) => !i.equipped && !i.locked && i.itemId !== '0' && i.itemId !== incoming.itemId;
  if (destination === 'vault') {
    const to = index.anyCharacter();
    const candidate = index.items.find((i) => i.owner === 'vault' && movable(i) && slot(i) !== undefined);
    if (!candidate || !to) return undefined;
    return { label: `Move ${name(candidate)} from your vault to ${index.placeName(to)}`, move: { itemId: candidate.itemId, itemHash: candidate.itemHash, from: 'vault', to } };
  }
  const wanted = slot(incoming);
  const candidate = index.items.find((i) => i.owner === destination && movable(i) && wanted !== undefined && slot(i) === wanted);
  if (!candidate) return undefined;
  return { label: `Move ${name(candidate)} from ${index.placeName(destination)} to the vault`, move: { itemId: candidate.itemId, itemHash: candidate.itemHash, from: destination, to: 'vault' } };
}
