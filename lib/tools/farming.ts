import 'server-only';
import { forgetInventoryIndex, openActionSession, type ActionSession } from '@/lib/actions/action-client';
import type { IndexedItem } from '@/lib/actions/inventory-index';
import { step } from '@/lib/actions/item-actions';
import { queueForPlayer } from '@/lib/actions/player-queue';
import { keptAmong } from '@/lib/annotations/annotations';
import { AppError, classifyError } from '@/lib/http/errors';
import { isKnownCharacter, rememberCharacters } from '@/lib/inventory/known-characters';
import { loadItemFacts } from '@/lib/loadouts/item-facts';
import { movedSentence } from './farming-words';
import type { FarmedItem, FarmingReport } from './types';

/** Bungie's Engrams bucket (a character's, 10 places; full, new engrams go to the postmaster). */
export const ENGRAMS_BUCKET = 375726501;
/** Bungie's Consumables bucket (account-wide in today's game, 50 stacks). */
export const CONSUMABLES_BUCKET = 1469714392;
/**
 * Moves per turn at most: 20 transfers at Bungie's 0.1 s pace keep one request within a few
 * seconds; anything left waits for the next turn.
 */
export const MAX_MOVES_PER_TURN = 20;

/**
 * One turn of farming mode for a character (DIM's): in the player's action queue, one GetProfile,
 * then every engram on the character — and, with `consumables`, every consumable stack of the
 * account's Consumables bucket (or one a character still holds, in older profiles) — goes to the
 * vault, one TransferItem each at the player's pace, so the character never fills while they play.
 * Never a locked item, nor one tagged favourite or keep. The first refusal (vault full,
 * throttling, maintenance, an ended sign-in) ends the turn and farming, with its sentence; what
 * moved before it is reported. A failure before anything could move (the profile read) is the
 * route's error.
 */
export async function farmOnce(userId: string, characterId: string, { consumables = false } = {}): Promise<FarmingReport> {
  // An id this process knows is not the player's costs no profile read (and no place in the queue).
  if (isKnownCharacter(userId, characterId) === false) throw new AppError('unknown_character');
  return queueForPlayer(userId, async (paced) => {
    const s = await openActionSession(userId, paced, { fresh: true });
    rememberCharacters(userId, s.index.characters.keys());
    if (!s.index.hasCharacter(characterId)) throw new AppError('unknown_character');
    const candidates = s.index.items.filter((i) => !i.equipped && (isEngram(i, characterId) || (consumables && isConsumable(i, characterId))));
    const kept = await keptAmong(userId, candidates.flatMap((i) => (i.itemId === '0' ? [] : [i.itemId])));
    const movable = candidates.filter((i) => !i.locked && !kept.has(i.itemId));
    const turn = movable.slice(0, MAX_MOVES_PER_TURN);
    const facts = await loadItemFacts([...new Set(turn.map((i) => i.itemHash))]);
    const moved: FarmedItem[] = [];
    let stopped: FarmingReport['stopped'];
    try {
      for (const item of turn) {
        const quantity = item.quantity;
        try {
          await toVaultFrom(s, item, characterId);
        } catch (error) {
          stopped = stopSentence(error);
          break;
        }
        const { name, iconUrl } = facts(item.itemHash);
        moved.push({ itemId: item.itemId, itemHash: item.itemHash, name, iconUrl, quantity, kind: item.bucketHash === ENGRAMS_BUCKET ? 'engram' : 'consumable' });
      }
    } finally {
      // Items moved (the index holds them in place): the next action reads the profile again.
      if (moved.length > 0) forgetInventoryIndex(userId);
    }
    return {
      ok: true,
      characterId,
      moved,
      kept: candidates.length - movable.length,
      waiting: stopped ? movable.length - moved.length : movable.length - turn.length,
      summary: summaryOf(moved),
      ...(stopped ? { stopped } : {}),
    };
  });
}

function isEngram(i: IndexedItem, characterId: string): boolean {
  return i.owner === characterId && i.bucketHash === ENGRAMS_BUCKET;
}

function isConsumable(i: IndexedItem, characterId: string): boolean {
  return (i.owner === 'profile' || i.owner === characterId) && i.bucketHash === CONSUMABLES_BUCKET;
}

/** One TransferItem to the vault; an account-wide stack names the farming character (Bungie needs one). */
async function toVaultFrom(s: ActionSession, item: IndexedItem, characterId: string): Promise<void> {
  await step(s, { kind: 'transfer', item, to: 'vault' }, 'TransferItem', { itemReferenceHash: item.itemHash, stackSize: item.quantity, transferToVault: true, itemId: item.itemId, characterId });
  item.owner = 'vault';
}

/** The refusal that ends farming, in a player's words; a bug is not a refusal and goes on up. */
function stopSentence(error: unknown): FarmingReport['stopped'] {
  const known = classifyError(error);
  if (!known) throw error;
  // The no-room refusal offers a move the player would make by hand; farming only says why it stopped.
  if (known.code === 'no_room') return { code: known.code, message: 'Farming stopped: your vault is full. Make room there, then turn farming on again.' };
  return { code: known.code, message: `Farming stopped: ${known.message}` };
}

function summaryOf(moved: readonly FarmedItem[]): string {
  const engrams = moved.filter((m) => m.kind === 'engram').length;
  return movedSentence(engrams, moved.length - engrams);
}
