import 'server-only';
import crypto from 'node:crypto';
import { AppError } from '@/lib/http/errors';
import { log } from '@/lib/server/log';
import { sharedState } from '@/lib/server/shared-state';

/** Bungie allows one item action per 0.1 s per player. */
export const ACTION_SPACING_MS = 100;
/** More waiting actions than this for one player (in one instance) is a runaway client: refuse with 429. */
export const MAX_QUEUED_ACTIONS = 20;
/** A player's lock lives this long unless its holder renews it (every third of it): a killed instance frees it. */
export const LOCK_TTL_MS = 15_000;
/** Longest wait for another instance to finish the player's earlier action before answering 429. */
export const LOCK_WAIT_MS = 30_000;
/** How long the player's last call time and last profile read are kept. */
const MARK_TTL_MS = 60_000;

/** Runs one Bungie call at the player's pace. */
export type Paced = <R>(call: () => Promise<R>) => Promise<R>;

/** The player's last profile read attempt, as every instance sees it (the flood guard's memory). */
export type ReadMark = { triedAt: number; failed?: string };

/** What a task holds while it is the player's turn, in every instance. */
export type PlayerTurn = {
  /** Starts a call no sooner than 0.1 s after the player's previous call was answered (by any instance). */
  paced: Paced;
  /** The player's last profile read attempt (any instance), if under a minute ago. */
  readonly lastRead: ReadMark | undefined;
  /** Records a profile read attempt; written to the shared state when the turn ends. */
  markRead(mark: ReadMark): void;
};

type Lane = { tail: Promise<void>; pending: number; lastCallAt: number };
const lanes = new Map<string, Lane>();

const keysOf = (userId: string) => ({ lock: `vr:player:${userId}:lock`, lastCall: `vr:player:${userId}:last-call`, lastRead: `vr:player:${userId}:last-read` });
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Runs `task` after every earlier action of the same player has finished — in this instance (an
 * in-process lane) and in every other (a lock in the shared state, see lib/server/shared-state.ts)
 * — so two actions on one item never interleave and the app stays under Bungie's per-player
 * limit. The turn's `paced` starts a call no sooner than 0.1 s after the player's previous call
 * was answered, counted from the answer and read from the shared state, so however long the trip
 * and whichever instance made it, Bungie sees them at least 0.1 s apart.
 */
export function queueForPlayer<T>(userId: string, task: (turn: PlayerTurn) => Promise<T>): Promise<T> {
  let lane = lanes.get(userId);
  if (!lane) lanes.set(userId, (lane = { tail: Promise.resolve(), pending: 0, lastCallAt: 0 }));
  if (lane.pending >= MAX_QUEUED_ACTIONS) {
    return Promise.reject(new AppError('too_many_actions'));
  }
  const current = lane;
  current.pending += 1;
  const run = current.tail.then(() => takeTurn(userId, current, task));
  current.tail = run.then(
    () => undefined,
    () => undefined,
  );
  return run.finally(() => {
    current.pending -= 1;
    pruneIdleLanes();
  });
}

async function takeTurn<T>(userId: string, lane: Lane, task: (turn: PlayerTurn) => Promise<T>): Promise<T> {
  const state = sharedState();
  const keys = keysOf(userId);
  const token = crypto.randomBytes(12).toString('base64url');
  let held = false;
  let lastCallAt = lane.lastCallAt;
  let lastRead: ReadMark | undefined;
  let readChanged = false;
  try {
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (let pause = 20; ; pause = Math.min(pause * 2, 200)) {
      const { acquired, values } = await state.acquire(keys.lock, token, LOCK_TTL_MS, [keys.lastCall, keys.lastRead]);
      if (acquired) {
        held = true;
        lastCallAt = Math.max(lastCallAt, Number(values[0] ?? 0) || 0);
        lastRead = parseReadMark(values[1]);
        break;
      }
      if (Date.now() + pause > deadline) throw new AppError('too_many_actions', 'Your earlier item actions are still running. Wait for them to finish, then try again.');
      await sleep(pause);
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    // The shared state is down: this instance's lane still orders and paces the player's actions.
    log.warn(`Player lock unavailable (${describe(error)}); the action runs paced by this instance only.`);
  }
  const renewal = held
    ? setInterval(() => {
        state.renew(keys.lock, token, LOCK_TTL_MS).then(
          (still) => still || log.warn('A player lock expired while its action was still running.'),
          (error: unknown) => log.warn(`Player lock renewal failed (${describe(error)}).`),
        );
      }, LOCK_TTL_MS / 3)
    : undefined;
  const turn: PlayerTurn = {
    paced: async (call) => {
      const wait = lastCallAt + ACTION_SPACING_MS - Date.now();
      if (wait > 0) await sleep(wait);
      try {
        return await call();
      } finally {
        lastCallAt = lane.lastCallAt = Date.now();
      }
    },
    get lastRead() {
      return lastRead;
    },
    markRead(mark) {
      lastRead = mark;
      readChanged = true;
    },
  };
  try {
    return await task(turn);
  } finally {
    clearInterval(renewal);
    const writes: [string, string][] = [];
    if (lastCallAt > 0) writes.push([keys.lastCall, String(lastCallAt)]);
    if (readChanged && lastRead) writes.push([keys.lastRead, JSON.stringify(lastRead)]);
    if (held || writes.length > 0) {
      await state.release(keys.lock, held ? token : '', writes, MARK_TTL_MS).catch((error: unknown) => log.warn(`Player lock release failed (${describe(error)}); it expires by itself.`));
    }
  }
}

function parseReadMark(raw: string | null | undefined): ReadMark | undefined {
  if (!raw) return undefined;
  try {
    const mark = JSON.parse(raw) as Partial<ReadMark>;
    if (typeof mark.triedAt !== 'number') return undefined;
    return { triedAt: mark.triedAt, ...(typeof mark.failed === 'string' ? { failed: mark.failed } : {}) };
  } catch {
    return undefined;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message.slice(0, 200)}` : 'error';
}

// An idle lane is kept a while: its last call time still spaces the player's next action.
function pruneIdleLanes(now = Date.now()): void {
  for (const [userId, lane] of lanes) if (lane.pending === 0 && now - lane.lastCallAt > 60_000) lanes.delete(userId);
}
