import 'server-only';
import { AppError } from '@/lib/http/errors';

/** Bungie allows one item action per 0.1 s per player. */
export const ACTION_SPACING_MS = 100;
/** More waiting actions than this for one player is a runaway client: refuse with 429. */
export const MAX_QUEUED_ACTIONS = 20;

type Lane = { tail: Promise<void>; pending: number; lastCallAt: number };
const lanes = new Map<string, Lane>();

/** Runs one Bungie call at the player's pace. */
export type Paced = <R>(call: () => Promise<R>) => Promise<R>;

/**
 * Runs `task` after every earlier action of the same player has finished, so two actions on one
 * item never interleave and the app stays under Bungie's per-player limit. `paced` (handed to the
 * task) starts a call no sooner than 0.1 s after the player's previous call was answered — counted
 * from the answer, so however long the trip, Bungie sees them at least 0.1 s apart.
 */
export function queueForPlayer<T>(userId: string, task: (paced: Paced) => Promise<T>): Promise<T> {
  let lane = lanes.get(userId);
  if (!lane) lanes.set(userId, (lane = { tail: Promise.resolve(), pending: 0, lastCallAt: 0 }));
  if (lane.pending >= MAX_QUEUED_ACTIONS) {
    return Promise.reject(new AppError('too_many_actions'));
  }
  const current = lane;
  current.pending += 1;
  const paced: Paced = async (call) => {
    const wait = current.lastCallAt + ACTION_SPACING_MS - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    try {
      return await call();
    } finally {
      current.lastCallAt = Date.now();
    }
  };
  const run = current.tail.then(() => task(paced));
  current.tail = run.then(
    () => undefined,
    () => undefined,
  );
  return run.finally(() => {
    current.pending -= 1;
    pruneIdleLanes();
  });
}

// An idle lane is kept a while: its last call time still spaces the player's next action.
function pruneIdleLanes(now = Date.now()): void {
  for (const [userId, lane] of lanes) if (lane.pending === 0 && now - lane.lastCallAt > 60_000) lanes.delete(userId);
}
