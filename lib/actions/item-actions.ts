import 'server-only';
import { loadPageDefinitions } from '@/lib/inventory/definitions';
import type { ItemAction, ItemActionAnswers, ItemActionInput } from '@/lib/bungie/item-actions';
import { AppError, classifyError } from '@/lib/http/errors';
import type { ItemDefinition } from '@/lib/manifest/types';
import { forgetInventoryIndex, openActionSession, type ActionSession } from './action-client';
import { POSTMASTER_BUCKET, type IndexedItem } from './inventory-index';
import { queueForPlayer } from './player-queue';
import { ActionRefusedError, explainRefusal, type Attempt, type ItemLookup } from './refusals';
import type { EquipInput, LockInput, PullInput, TransferInput } from './schemas';

/** Where an item ended up after an action. */
export type ItemPlace = { itemId: string; itemHash: number; owner: string; equipped: boolean; locked: boolean };
/** A successful action's answer. */
export type ActionResult = { ok: true; items: ItemPlace[] };

const lookup: ItemLookup = async (hashes) => (await loadPageDefinitions({ items: hashes }))?.items ?? new Map<number, ItemDefinition>();
const place = (i: IndexedItem): ItemPlace => ({ itemId: i.itemId, itemHash: i.itemHash, owner: i.owner, equipped: i.equipped, locked: i.locked });

/** Runs `work` in the player's queue with a session, turning Bungie's refusals into sentences. */
function withSession<T>(userId: string, work: (s: ActionSession) => Promise<T>): Promise<T> {
  return queueForPlayer(userId, async (turn) => work(await openActionSession(userId, turn)));
}

type ItemRef = { itemId: string; itemHash: number; owner?: string };

/**
 * The player's items, or a 404 when one is not theirs (nothing is sent to Bungie's actions). An id
 * the index lacks gets one profile re-read first, at most once per `MIN_READ_GAP_MS` per player.
 */
async function ownItems(s: ActionSession, refs: ItemRef[]): Promise<IndexedItem[]> {
  const look = () => refs.map((r) => s.index.find(r.itemId, r.itemHash, r.owner));
  let found = look();
  if (found.some((i) => !i) && (await s.rereadForUnknown())) found = look();
  if (found.some((i) => !i)) throw new AppError('unknown_item');
  return found as IndexedItem[];
}

async function ownItem(s: ActionSession, itemId: string, itemHash: number, owner?: string): Promise<IndexedItem> {
  return (await ownItems(s, [{ itemId, itemHash, owner }]))[0]!;
}

function ownCharacter(s: ActionSession, characterId: string): void {
  if (!s.index.hasCharacter(characterId)) throw new AppError('unknown_character');
}

/** One Bungie call for `attempt`; a refusal becomes an ActionRefusedError (and "gone" re-reads the profile). */
export async function step<A extends ItemAction>(s: ActionSession, attempt: Attempt, action: A, body: ItemActionInput<A>): Promise<ItemActionAnswers[A]> {
  try {
    return await s.post(action, body);
  } catch (error) {
    const explained = await explainRefusal(error, attempt, s.index, lookup);
    if (explained instanceof ActionRefusedError && explained.code === 'item_gone') await s.reload().catch(() => undefined);
    throw explained;
  }
}

/** Moves an item from its character to the vault (one TransferItem); refusals explained. */
export async function toVault(s: ActionSession, item: IndexedItem, quantity: number): Promise<void> {
  await step(s, { kind: 'transfer', item, to: 'vault' }, 'TransferItem', { itemReferenceHash: item.itemHash, stackSize: quantity, transferToVault: true, itemId: item.itemId, characterId: item.owner });
  item.owner = 'vault';
}

/** Moves an item from the vault to a character (one TransferItem); refusals explained. */
export async function toCharacter(s: ActionSession, item: IndexedItem, characterId: string, quantity: number): Promise<void> {
  await step(s, { kind: 'transfer', item, to: characterId }, 'TransferItem', { itemReferenceHash: item.itemHash, stackSize: quantity, transferToVault: false, itemId: item.itemId, characterId });
  item.owner = characterId;
}

/**
 * The second of two moves (character → vault → character) failed: the refusal, or any failure a
 * player can meet (throttling, maintenance), worded by `say` so it tells where the item is now —
 * the vault — with `partial` and `nowIn` for the page. A bug passes through unchanged.
 */
function inVaultNow(error: unknown, item: IndexedItem, say: (message: string) => string): unknown {
  const known = classifyError(error);
  if (!known) return error;
  return new ActionRefusedError(known.code, say(known.message), { ...known.details, partial: true, nowIn: 'vault', itemId: item.itemId });
}

/** Moves an item between the vault and the characters (character → character goes through the vault). */
export function transferItem(userId: string, input: TransferInput): Promise<ActionResult> {
  return withSession(userId, async (s) => {
    for (const p of [input.from, input.to]) if (p !== 'vault') ownCharacter(s, p);
    const item = await ownItem(s, input.itemId, input.itemHash, input.from);
    if (input.from === input.to) throw new AppError('same_place');
    if (item.owner !== input.from) throw new ActionRefusedError('item_moved', `That item is in ${s.index.placeName(item.owner)} now, not where you moved it from.`);
    if (item.bucketHash === POSTMASTER_BUCKET) throw new ActionRefusedError('in_postmaster');
    if (item.equipped) throw new ActionRefusedError('item_equipped');
    const quantity = Math.min(input.quantity ?? item.quantity, item.quantity);
    if (input.from !== 'vault') await toVault(s, item, quantity);
    if (input.to !== 'vault') {
      try {
        await toCharacter(s, item, input.to, quantity);
      } catch (error) {
        if (input.from === 'vault') throw error;
        // The first step worked: say where the item is now, not just that the move failed.
        throw inVaultNow(error, item, (message) => `Moved to your vault, but not on to ${s.index.placeName(input.to)}: ${message}`);
      }
    }
    // Part of a stack moved: the index's one entry for it cannot say where the rest is now.
    if (quantity < item.quantity) forgetInventoryIndex(userId);
    return { ok: true, items: [place(item)] };
  });
}

/** Equips items on a character, moving each there first when it is elsewhere. */
export function equipItems(userId: string, input: EquipInput): Promise<ActionResult> {
  return withSession(userId, async (s) => {
    ownCharacter(s, input.characterId);
    const items = await ownItems(s, input.items);
    const from = items.map((i) => i.owner);
    if (items.some((i) => i.itemId === '0')) throw new AppError('not_equippable');
    for (const item of items) {
      if (item.owner === input.characterId) continue;
      if (item.equipped) throw new ActionRefusedError('item_equipped', `That item is equipped on ${s.index.placeName(item.owner)}. Equip something else there first.`);
      const twoMoves = item.owner !== 'vault';
      if (twoMoves) await toVault(s, item, 1);
      try {
        await toCharacter(s, item, input.characterId, 1);
      } catch (error) {
        if (!twoMoves) throw error;
        // Character → vault → character, refused half-way: the item is in the vault now, neither
        // where the player left it nor where it was going. Say so, and let the page show it there.
        throw inVaultNow(error, item, (message) => `${message} It is in your vault now.`);
      }
    }
    const attempt: Attempt = { kind: 'equip', item: items[0]!, to: input.characterId };
    if (items.length === 1) {
      const moved = from[0] !== input.characterId;
      try {
        await step(s, attempt, 'EquipItem', { itemId: items[0]!.itemId, characterId: input.characterId });
      } catch (error) {
        if (!moved || !(error instanceof AppError)) throw error;
        // The move worked and the equip did not: say where the item is now, as a partial move does.
        throw new ActionRefusedError(error.code, error.message, { ...error.details, partial: true, nowIn: input.characterId });
      }
    } else {
      const answer = await step(s, attempt, 'EquipItems', { itemIds: items.map((i) => i.itemId), characterId: input.characterId });
      const failed = answer.equipResults.filter((r) => r.equipStatus !== 1);
      if (failed.length > 0) {
        throw new ActionRefusedError('partly_equipped', `${items.length - failed.length} of ${items.length} items were equipped; the game refused the rest.`, { failed: failed.map((r) => ({ itemId: r.itemInstanceId, code: r.equipStatus })) });
      }
    }
    for (const item of items) item.equipped = true;
    // The items they replaced are unequipped now, which the cached index cannot know: read it again next time.
    forgetInventoryIndex(userId);
    return { ok: true, items: items.map(place) };
  });
}

/** Locks or unlocks an instanced item. */
export function setLockState(userId: string, input: LockInput): Promise<ActionResult> {
  return withSession(userId, async (s) => {
    const item = await ownItem(s, input.itemId, input.itemHash);
    if (item.itemId === '0') throw new AppError('not_lockable');
    // Bungie wants a character even for a vault item: any of the player's will do.
    const characterId = item.owner === 'vault' || item.owner === 'profile' ? s.index.anyCharacter() : item.owner;
    if (!characterId) throw new AppError('no_destiny_account');
    await step(s, { kind: 'lock', item }, 'SetLockState', { state: input.locked, itemId: item.itemId, characterId });
    item.locked = input.locked;
    return { ok: true, items: [place(item)] };
  });
}

/** Takes an item out of a character's postmaster onto that character. */
export function pullFromPostmaster(userId: string, input: PullInput): Promise<ActionResult> {
  return withSession(userId, async (s) => {
    ownCharacter(s, input.characterId);
    const item = await ownItem(s, input.itemId, input.itemHash, input.characterId);
    if (item.bucketHash !== POSTMASTER_BUCKET || item.owner !== input.characterId) throw new ActionRefusedError('not_in_postmaster', `That item is not at ${s.index.placeName(input.characterId)}'s postmaster.`);
    const quantity = Math.min(input.quantity ?? item.quantity, item.quantity);
    await step(s, { kind: 'pull', item, to: input.characterId }, 'PullFromPostmaster', { itemReferenceHash: item.itemHash, stackSize: quantity, itemId: item.itemId, characterId: input.characterId });
    item.bucketHash = 0;
    return { ok: true, items: [place(item)] };
  });
}
