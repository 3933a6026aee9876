import { describe, expect, it } from 'vitest';
import { monthlyLine, neonAwakeHours, playersAtLimit, type UnitCosts } from '@/bench/cost-model';

const zero = { redisCommands: 0, redisBytes: 0, qstashMessages: 0, invocations: 0, cpuSeconds: 0, postgresQueries: 0, bungieCalls: 0 };

describe('bench:cost arithmetic', () => {
  it('keeps Neon awake all month when every 5-minute check queries Postgres, and not at all when nothing does', () => {
    expect(neonAwakeHours(0, true, 'never')).toBe(720);
    expect(neonAwakeHours(50, false, 'never')).toBe(0);
  });

  it('counts an hour-long session as 65 awake minutes (5 idle minutes before suspending), overlaps once', () => {
    const one = neonAwakeHours(1, false, 'throughout');
    expect(one).toBeCloseTo((30 * 65) / 60, 0);
    const many = neonAwakeHours(200, false, 'throughout');
    expect(many).toBeGreaterThan(one * 10);
    expect(many).toBeLessThanOrEqual(720);
  });

  it('a session served from the session cache wakes Neon at its start and at the token refresh: 2 × 5 minutes', () => {
    expect(neonAwakeHours(1, false, 'start')).toBeCloseTo((30 * 10) / 60, 0);
    expect(neonAwakeHours(50, false, 'start')).toBeLessThan(neonAwakeHours(50, false, 'throughout') / 2);
  });

  it('scales units to a month: a poll costs 3,600 a month per player, a list read after a tag change 30, a check 8,640 less the weekly changed ones', () => {
    const costs: UnitCosts = { page: zero, coldStart: zero, marksPoll: zero, poll: { ...zero, redisCommands: 1 }, action: zero, checkUnchanged: { ...zero, redisCommands: 1 }, checkChanged: zero, digest: zero };
    const line = monthlyLine(costs, 'redisCommands');
    expect(line.perPlayer).toBe(3600);
    expect(line.fixed).toBeCloseTo(8640 - 30 / 7, 5);
    // The tags list is read when the poll names a new version, not every 30 s: one tag change a session.
    expect(monthlyLine({ ...costs, poll: zero, checkUnchanged: zero, marksPoll: { ...zero, redisCommands: 1 } }, 'redisCommands').perPlayer).toBe(30);
  });

  it('finds the first player count over a limit, 0 when the fixed part is already over, never when flat', () => {
    expect(playersAtLimit((n) => 1000 + 100 * n, 500_000)).toBe(4991);
    expect(playersAtLimit(() => 600_000, 500_000)).toBe(0);
    expect(playersAtLimit(() => 10, 500_000)).toBe('never');
  });
});
