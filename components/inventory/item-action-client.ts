/** The item action routes as the browser calls them, and what they answer. */
import type { ActionResult, ItemPlace } from '@/lib/actions/item-actions';
import type { Suggestion } from '@/lib/actions/refusals';
import type { EquipInput, LockInput, PullInput, TransferInput } from '@/lib/actions/schemas';
import type { MadeRoom } from '@/lib/tools/types';
import { tryFetchJson } from '@/components/fetch-json';

export type { ItemPlace };

/** A move the server suggests to make room; the player decides. */
export type SuggestedMove = Suggestion;

/** What each action route takes. */
type Bodies = { transfer: TransferInput; equip: EquipInput; lock: LockInput; pull: PullInput };

export type ActionOutcome =
  /** `madeRoom`: the move made first to free a space (the player's "make room" setting), to announce. */
  | { ok: true; items: ItemPlace[]; madeRoom?: MadeRoom & { message: string } }
  /** `retryAfterSeconds`: with `rate_limited` or `bungie_throttled`, how long to wait before trying again. */
  | { ok: false; code: string; message: string; suggestion?: SuggestedMove; partial?: boolean; nowIn?: string; retryAfterSeconds?: number };

/** Posts one item action; every failure (network included) comes back as a sentence, never a throw. */
export async function postItemAction<R extends keyof Bodies>(route: R, body: Bodies[R]): Promise<ActionOutcome> {
  const outcome = await tryFetchJson<ActionResult & { madeRoom?: MadeRoom & { message: string } }>(`/api/items/${route}`, { method: 'POST', body });
  if (outcome.ok) {
    if (Array.isArray(outcome.data.items)) return { ok: true, items: outcome.data.items, ...(outcome.data.madeRoom ? { madeRoom: outcome.data.madeRoom } : {}) };
    return { ok: false, code: 'unexpected', message: 'Something went wrong (HTTP 200). Try again.' };
  }
  const { code, message, details } = outcome.error;
  // The refusal's facts (lib/actions/refusals.ts, item-actions.ts): a move that would make room, a half-done move.
  const facts = details as { suggestion?: SuggestedMove; partial?: boolean; nowIn?: string; retryAfterSeconds?: unknown };
  const retryAfterSeconds = typeof facts.retryAfterSeconds === 'number' && facts.retryAfterSeconds > 0 ? facts.retryAfterSeconds : undefined;
  return { ok: false, code, message, suggestion: facts.suggestion, partial: facts.partial, nowIn: facts.nowIn, ...(retryAfterSeconds ? { retryAfterSeconds } : {}) };
}
