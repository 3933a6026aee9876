import 'server-only';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ManifestStore, StoreLock } from './store';

/** The store lock that keeps two manifest refreshes from running at once. */
export const LEASE_NAME = 'manifest-refresh';

/**
 * How long the refresh lease lasts without renewal. Short, so a killed run blocks the next one for
 * at most this long; its holder renews it every third of it while the run lives.
 */
export const LEASE_TTL_MS = 30_000;

/** The refresh lost its lease (it was not renewed in time and another refresh may have taken over). */
export class ManifestLockLostError extends Error {
  override name = 'ManifestLockLostError';
}

/** A lease this process holds: renewed in the background until released. */
export type HeldLease = {
  /** Throws `ManifestLockLostError` once a renewal found the lease gone. */
  assertHeld(): void;
  /**
   * Leaves `text` (the refresh's progress) on the lease for every process to read. Writes at most
   * one note a second (`NOTE_INTERVAL_MS`) unless `now` (a new phase); a skipped one is superseded
   * by the next. Never throws: progress is shown, not relied on.
   */
  note(text: string, now?: boolean): void;
  /** Stops renewing and releases the lease (only if still ours: the store compares tokens). */
  release(): Promise<void>;
};

/** Least time between two progress notes on the lease (each is one store command). */
export const NOTE_INTERVAL_MS = 1000;

/**
 * Keeps `lock` alive while the run lives: renews it every `ttlMs / 3`. A dead process renews
 * nothing, so its lease lapses within `ttlMs` and the next run takes over.
 */
export function holdLease(lock: StoreLock, ttlMs: number): HeldLease {
  let lost = false;
  let renewing: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    renewing = renewing
      .then(async () => {
        if (!lost && !(await lock.extend(ttlMs))) lost = true;
      })
      // A failed renewal (store briefly down) is retried at the next tick; the lease may still lapse.
      .catch(() => undefined);
  }, Math.max(50, Math.floor(ttlMs / 3)));
  // The renewal alone must not keep a stopping process alive.
  timer.unref();
  let noting: Promise<unknown> = Promise.resolve();
  let lastNoteAt = -Infinity;
  return {
    assertHeld() {
      if (lost) throw new ManifestLockLostError('The manifest refresh lost its lease; stopping before the flip.');
    },
    note(text, now = false) {
      if (lost || (!now && Date.now() - lastNoteAt < NOTE_INTERVAL_MS)) return;
      lastNoteAt = Date.now();
      noting = noting.then(() => lock.note(text)).catch(() => undefined);
    },
    async release() {
      clearInterval(timer);
      await Promise.all([renewing, noting]);
      await lock.release();
    },
  };
}

// More than a round trip's jitter, less than a renewal's step (a third of the lease).
const RENEWAL_MARGIN_MS = 500;

/** Options of `takeLease`. */
export type TakeLeaseOptions = {
  ttlMs: number;
  /** How long to wait for a holder to show it is alive or let its lease lapse (default ttl + 2 s). */
  waitMs?: number;
  /** Time between looks at a held lease (default 1 s). */
  pollMs?: number;
};

/**
 * Takes the refresh lease. When someone holds it, watches it: a live holder renews it (its
 * lease's end moves later), and then this answers null ("already running"); a dead holder's lease
 * only runs down, and when it lapses this takes it over. Gives up (null) after `waitMs`.
 */
export async function takeLease(store: ManifestStore, options: TakeLeaseOptions): Promise<StoreLock | null> {
  const pollMs = options.pollMs ?? 1000;
  const deadline = Date.now() + (options.waitMs ?? options.ttlMs + 2000);
  // When the lease ends, on this process's clock: a dead holder's stays put, a renewal moves it on.
  let lowestEnd = Infinity;
  for (;;) {
    const lock = await store.acquireLock(LEASE_NAME, options.ttlMs);
    if (lock) return lock;
    const asked = Date.now();
    const state = await store.leaseState(LEASE_NAME);
    if (state) {
      const end = (asked + Date.now()) / 2 + state.remainingMs;
      if (end > lowestEnd + RENEWAL_MARGIN_MS) return null;
      lowestEnd = Math.min(lowestEnd, end);
    }
    const left = deadline - Date.now();
    if (left <= 0) return null;
    // Look again at the next poll, or just after the lease would lapse, whichever is sooner.
    await sleep(Math.min(pollMs, left, state ? state.remainingMs + 50 : 50));
  }
}

/** The message a run left behind by a dead process gets in its history row. */
export const LAPSED_RUN_ERROR =
  'Stopped before finishing: its process died or hung and its refresh lease lapsed; the next run took over.';
