import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { CachedPlayer } from './session-cache';

// The cached player of the request being handled (a route handler's async context).
const current = new AsyncLocalStorage<CachedPlayer>();

/** Runs a route handler with the player its session cache entry described (nothing when none). */
export function withCachedPlayer<T>(player: CachedPlayer | undefined, run: () => T): T {
  return player ? current.run(player, run) : run();
}

/**
 * The cached facts about `userId` for this request (membership, encrypted access token), when the
 * request's session came from the session cache — so the handler's Bungie calls need no database read.
 */
export function cachedPlayerOf(userId: string): CachedPlayer | undefined {
  const player = current.getStore();
  return player?.userId === userId ? player : undefined;
}
