import 'server-only';
import { forgetInventoryIndex, openActionSession, type ActionSession } from '@/lib/actions/action-client';
import type { IndexedItem } from '@/lib/actions/inventory-index';
import { step } from '@/lib/actions/item-actions';
import { queueForPlayer } from '@/lib/actions/player-queue';
import { keptAmong } from '@/lib/annotations/annotations';
import { AppError, classifyError } from '@/lib/http/errors';
import { isKnownCharacter, rememberCharacters } from '@/lib/inventory/known-characters';
import { loadItemFacts } from '@/lib/loadouts/item-facts';
import { LOADOUT_BUCKETS } from '@/lib/loadouts/slots';
import { movedSentence } from './farming-words';
import { RoomMaker } from './least-valuable';
import type { FarmedItem, FarmingReport } from './types';

/**
 * Bungie's Engrams bucket (a character's, 10 places; full, new engrams go to the postmaster). Its
 * bucket definition says `hasTransferDestination: false`: the game never lets engrams into the
 * vault, so farming only reports how full it is.
 */
export const ENGRAMS_BUCKET = 375726501;
/** Bungie's Consumables bucket (account-wide in today's game, 50 stacks; it can go to the vault). */
export const CONSUMABLES_BUCKET = 1469714392;
/** Places in each weapon and armour bucket and in the Engrams bucket (`itemCount` in Bungie's bucket table), the equipped item included. */
export const BUCKET_PLACES = 10;
/** The weapon and armour buckets farming keeps one place free in: kinetic, energy, power, helmet, gauntlets, chest, legs, class item. */
export const FARMED_BUCKETS: readonly number[] = [1498876634, 2465295065, 953998645, 3448274439, 3551918588, 14239492, 20886954, 1585787867];
/**
 * Moves per turn at most: 20 transfers at Bungie's 0.1 s pace keep one request within a few
 * seconds; anything left waits for the next turn.
 */
export const MAX_MOVES_PER_TURN = 20;

/**
 * One turn of farming mode for a character (DIM's, as it works in Destiny 2): in the player's
 * action queue, one GetProfile, then in each weapon and armour bucket of the character that is
 * full, the least valuable item that may leave (the postmaster sweep's choice: never locked,
 * equipped, or tagged favourite or keep) goes to the vault, so one place stays free and decrypted
 * drops land on the character rather than at the postmaster. With `consumables`, the account's
 * Consumables stacks go to the vault too. Engrams stay (the game refuses to move them); the report
 * says how full their bucket is. The first refusal (vault full, throttling, maintenance, an ended
 * sign-in) ends the turn and farming, with its sentence; what moved before it is reported. A
 * failure before anything could move (the profile read) is the route's error.
 */
export async function farmOnce(userId: string, characterId: string, { consumables = false } = {}): Promise<FarmingReport> {
  // An id this process knows is not the player's costs no profile read (and no place in the queue).
  if (isKnownCharacter(userId, characterId) === false) throw new AppError('unknown_character');
  return queueForPlayer(userId, async (paced) => {
    const s = await openActionSession(userId, paced, { fresh: true });
    rememberCharacters(userId, s.index.characters.keys());
    if (!s.index.hasCharacter(characterId)) throw new AppError('unknown_character');
    const mine = s.index.items.filter((i) => i.owner === characterId);
    const stacks = consumables ? s.index.items.filter((i) => isConsumable(i, characterId) && !i.equipped && !i.locked) : [];
    const kept = await keptAmong(userId, mine.flatMap((i) => (FARMED_BUCKETS.includes(i.bucketHash) && i.itemId !== '0' ? [i.itemId] : [])));
    const facts = await loadItemFacts([...new Set([...mine, ...stacks].map((i) => i.itemHash))]);
    const rooms = new RoomMaker(s, facts);
    const moved: FarmedItem[] = [];
    const stuck: string[] = [];
    let waiting = 0;
    let stopped: FarmingReport['stopped'];
    /** One item to the vault: 'later' past this turn's moves, 'stopped' on a refusal. */
    const move = async (item: IndexedItem, kind: FarmedItem['kind'], slot?: string): Promise<'moved' | 'later' | 'stopped'> => {
      if (moved.length >= MAX_MOVES_PER_TURN) {
        waiting++;
        return 'later';
      }
      const quantity = item.quantity;
      try {
        await toVaultFrom(s, item, characterId);
      } catch (error) {
        stopped = stopSentence(error);
        return 'stopped';
      }
      const { name, iconUrl } = facts(item.itemHash);
      moved.push({ itemId: item.itemId, itemHash: item.itemHash, name, iconUrl, quantity, kind, ...(slot ? { slot } : {}) });
      return 'moved';
    };
    try {
      turn: for (const bucket of FARMED_BUCKETS) {
        const slot = LOADOUT_BUCKETS.get(bucket) ?? 'slot';
        // Full (the equipped item counts): free places until one is free.
        const over = s.index.items.filter((i) => i.owner === characterId && i.bucketHash === bucket).length - (BUCKET_PLACES - 1);
        for (let n = 0; n < over; n++) {
          const spare = await rooms.leastValuable(characterId, bucket, (i) => kept.has(i.itemId));
          if (!spare) {
            stuck.push(slot);
            break;
          }
          const outcome = await move(spare, 'room', slot);
          if (outcome === 'stopped') break turn;
          if (outcome === 'later') break;
        }
      }
      for (const stack of stopped ? [] : stacks) if ((await move(stack, 'consumable')) === 'stopped') break;
    } finally {
      // Items moved (the index holds them in place): the next action reads the profile again.
      if (moved.length > 0) forgetInventoryIndex(userId);
    }
    const made = moved.filter((m) => m.kind === 'room').length;
    return {
      ok: true,
      characterId,
      moved,
      stuck,
      engrams: { count: s.index.items.filter((i) => i.owner === characterId && i.bucketHash === ENGRAMS_BUCKET).length, capacity: BUCKET_PLACES },
      waiting,
      summary: movedSentence(made, moved.length - made),
      ...(stopped ? { stopped } : {}),
    };
  });
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
