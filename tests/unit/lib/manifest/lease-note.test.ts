import { afterEach, describe, expect, it, vi } from 'vitest';
import { holdLease, NOTE_INTERVAL_MS } from '@/lib/manifest/lease';
import type { StoreLock } from '@/lib/manifest/store';

/** A lock that records the notes written to it; `held` false plays a lease lost to another run. */
function fakeLock(held = true) {
  const notes: string[] = [];
  const lock: StoreLock = {
    release: vi.fn(async () => undefined),
    extend: vi.fn(async () => held),
    note: vi.fn(async (text: string) => {
      notes.push(text);
      return held;
    }),
  };
  return { lock, notes };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('progress notes on the refresh lease', () => {
  it('writes at most one note a second, but every new phase at once; release waits for the last write', async () => {
    vi.useFakeTimers();
    const { lock, notes } = fakeLock();
    const lease = holdLease(lock, 30_000);
    lease.note('writing 250', true);
    for (let n = 500; n <= 2500; n += 250) lease.note(`writing ${n}`);
    lease.note('activating', true);
    vi.advanceTimersByTime(NOTE_INTERVAL_MS);
    lease.note('pruning 2500');
    await lease.release();
    expect(notes).toEqual(['writing 250', 'activating', 'pruning 2500']);
    expect(lock.release).toHaveBeenCalledOnce();
  });

  it('stops noting once a renewal found the lease lost, and a failed write never throws', async () => {
    vi.useFakeTimers();
    const { lock, notes } = fakeLock(false);
    const lease = holdLease(lock, 300);
    await vi.advanceTimersByTimeAsync(150);
    expect(() => lease.assertHeld()).toThrow(/lost its lease/);
    lease.note('writing 250', true);
    expect(notes).toEqual([]);

    const failing = fakeLock();
    vi.mocked(failing.lock.note).mockRejectedValue(new Error('Redis is down'));
    const other = holdLease(failing.lock, 30_000);
    other.note('downloading', true);
    await expect(other.release()).resolves.toBeUndefined();
  });
});
