import 'server-only';
import { transferItem, type ActionResult } from '@/lib/actions/item-actions';
import { ActionRefusedError, type Suggestion } from '@/lib/actions/refusals';
import type { TransferInput } from '@/lib/actions/schemas';
import { AppError } from '@/lib/http/errors';
import { readSettings } from './settings';
import type { MadeRoom } from './types';

/** A transfer's answer, with the move made first to free a space when one was. */
export type TransferResult = ActionResult & { madeRoom?: MadeRoom & { message: string } };

/**
 * `POST /api/items/transfer` with the player's "make room" setting: the move as asked, and when the
 * game answers "no room" (1642, `no_room`) with one suggested move — and ONLY if the player turned
 * the setting on — that one move, then the asked move again (from the vault when a character →
 * character move stopped half-way). The answer announces the extra move; with the setting off the
 * refusal goes back as before, its move offered as a button. The setting is read only on a refusal.
 */
export async function transferMakingRoom(userId: string, input: TransferInput): Promise<TransferResult> {
  try {
    return await transferItem(userId, input);
  } catch (error) {
    const suggestion = roomSuggestion(error);
    if (!suggestion || !(await readSettings(userId)).autoMakeRoom) throw error;
    const partial = (error as AppError).details?.partial === true;
    try {
      await transferItem(userId, suggestion.move);
    } catch (second) {
      const why = second instanceof AppError ? second.message : 'the game refused it.';
      throw new ActionRefusedError('no_room', `There is no room for this item, and making room failed (${suggestion.label}): ${why}`, (error as AppError).details);
    }
    const madeRoom = { ...suggestion, message: `${suggestion.label} to make room, as your settings ask.` };
    try {
      return { ...(await transferItem(userId, partial ? { ...input, from: 'vault' } : input)), madeRoom };
    } catch (third) {
      if (!(third instanceof AppError)) throw third;
      // The room was made: say so, and where the item is, with the refusal.
      throw new ActionRefusedError(third.code, `${suggestion.label} to make room, but then: ${third.message}`, { ...third.details, madeRoom, ...(partial ? { partial: true, nowIn: 'vault' } : {}) });
    }
  }
}

function roomSuggestion(error: unknown): Suggestion | undefined {
  if (!(error instanceof ActionRefusedError) || error.code !== 'no_room') return undefined;
  const suggestion = error.details?.suggestion as Suggestion | undefined;
  return suggestion?.move ? suggestion : undefined;
}
