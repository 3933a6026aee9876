import 'server-only';
import { asPlayer } from '@/lib/auth/as-player';
import { ITEM_ACTIONS, type ItemAction, type ItemActionAnswers, type ItemActionBodies, type ItemActionInput } from '@/lib/bungie/item-actions';
import type { DestinyMembership } from '@/lib/bungie/types';
import { destinyMembershipOf, fetchProfile } from '@/lib/inventory/fetch-profile';
import { profileKey } from '@/lib/inventory/known-characters';
import { AppError, classifyError } from '@/lib/http/errors';
import { APP_ERROR_CODES, type AppErrorCode } from '@/lib/http/error-table';
import { ACTION_COMPONENTS, InventoryIndex } from './inventory-index';
import type { Paced, PlayerTurn } from './player-queue';

/** Longest `ThrottleSeconds` we wait out inside one request; longer ones go back to the player. */
const MAX_THROTTLE_WAIT_SECONDS = 10;
/** How long a player's inventory index is trusted before it is read again. */
const INDEX_TTL_MS = 30_000;
/**
 * At most one profile read per player this often on account of an unknown item id or a failed
 * read: a flood of forged ids (or of taps while Bungie is down) cannot become a flood of
 * GetProfile calls. (A read after Bungie itself said an item is gone is not limited: it follows
 * an action on a real item.)
 */
export const MIN_READ_GAP_MS = 10_000;

/** The last good index of a player's profile (and when it was read), and the last read attempt; by `profileKey`. */
type Cached = { index?: InventoryIndex; at: number; triedAt: number; error?: unknown };
const indexes = new Map<string, Cached>();
/** When this instance last forgot a player's index: shared read marks from before it are ignored. */
const forgotten = new Map<string, number>();

/** What every action of one player needs: who, where their items are, and how to call Bungie. */
export type ActionSession = {
  userId: string;
  membership: DestinyMembership;
  index: InventoryIndex;
  /** Posts one item action, spaced, retried once after a token refresh or a short throttle wait. */
  post<A extends ItemAction>(action: A, body: ItemActionInput<A>): Promise<ItemActionAnswers[A]>;
  /** Reads the profile again (after Bungie said an item is not where we thought). */
  reload(): Promise<InventoryIndex>;
  /**
   * For an id the index does not know (an item just acquired, or a forged id): reads the profile
   * again unless this player's last read was under `MIN_READ_GAP_MS` ago. True when it read.
   */
  rereadForUnknown(): Promise<boolean>;
};

/**
 * Opens an action session in the player's turn (see player-queue.ts): `turn.paced` keeps Bungie's
 * pace between calls, and `turn.lastRead` is the player's last profile read in ANY instance, so
 * the flood guard holds across instances: a read that failed a moment ago elsewhere is answered
 * the same here, and an unknown id re-reads only when no instance read in the last 10 s.
 */
export async function openActionSession(userId: string, turn: PlayerTurn, { fresh = false } = {}): Promise<ActionSession> {
  const membership = await destinyMembershipOf(userId);
  if (!membership) throw new AppError('no_destiny_account');
  // Per Destiny profile: a player who switched profiles has the other one's items in the old index.
  const key = profileKey(userId, membership);
  const load = async () => {
    const last = indexes.get(key);
    const triedAt = Date.now();
    indexes.set(key, { index: last?.index, at: last?.at ?? 0, triedAt });
    turn.markRead({ triedAt });
    try {
      const index = new InventoryIndex(await fetchProfile(userId, membership, ACTION_COMPONENTS));
      indexes.set(key, { index, at: Date.now(), triedAt });
      return index;
    } catch (error) {
      indexes.set(key, { ...indexes.get(key)!, error });
      turn.markRead({ triedAt, failed: classifyError(error)?.code ?? 'bungie_unavailable' });
      throw error;
    }
  };
  // A read made before this instance forgot the index says nothing about it any more.
  const sharedRead = () => (turn.lastRead && turn.lastRead.triedAt > (forgotten.get(userId) ?? 0) ? turn.lastRead : undefined);
  const lastTriedAt = () => Math.max(indexes.get(key)?.triedAt ?? 0, sharedRead()?.triedAt ?? 0);
  const cached = indexes.get(key);
  const shared = sharedRead();
  const now = Date.now();
  let index: InventoryIndex;
  if (!fresh && cached?.index && now - cached.at < INDEX_TTL_MS) index = cached.index;
  // The last read failed a moment ago: answer the same rather than ask Bungie again at once.
  else if (!fresh && cached?.error !== undefined && now - cached.triedAt < MIN_READ_GAP_MS && cached.triedAt >= (shared?.triedAt ?? 0)) throw cached.error;
  // ... in another instance: its error code, in this one's words.
  else if (!fresh && shared?.failed !== undefined && now - shared.triedAt < MIN_READ_GAP_MS && isAppErrorCode(shared.failed)) throw new AppError(shared.failed);
  else index = await load();
  const session: ActionSession = {
    userId,
    membership,
    index,
    post: (action, body) => postAction(userId, action, { ...body, membershipType: membership.membershipType } as ItemActionBodies[typeof action], turn.paced),
    reload: async () => (session.index = await load()),
    rereadForUnknown: async () => {
      if (Date.now() - lastTriedAt() < MIN_READ_GAP_MS) return false;
      session.index = await load();
      return true;
    },
  };
  return session;
}

/** Forgets a player's index: the next action reads the profile again. */
export function forgetInventoryIndex(userId: string): void {
  for (const key of indexes.keys()) if (key.startsWith(`${userId}/`)) indexes.delete(key);
  if (forgotten.size > 10_000) forgotten.clear();
  forgotten.set(userId, Date.now());
}

function postAction<A extends ItemAction>(userId: string, action: A, body: ItemActionBodies[A], paced: Paced): Promise<ItemActionAnswers[A]> {
  const send = ITEM_ACTIONS[action];
  return asPlayer(userId, (token) => paced(() => send(token, body)), { waitOutThrottleUpTo: MAX_THROTTLE_WAIT_SECONDS });
}

function isAppErrorCode(code: string): code is AppErrorCode {
  return (APP_ERROR_CODES as string[]).includes(code);
}
