/**
 * The arithmetic of `npm run bench:cost`: the usage profile, per-unit costs measured against the
 * emulators scaled to a month, Neon's awake time from a query timeline, and the table.
 */

/** The stated usage profile (a 30-day month). */
export const PROFILE = {
  players: 50,
  /** Each player: one session a day, an hour with the vault open. */
  sessionMinutes: 60,
  /**
   * /vault opened once per session; then its SWR hook polls /api/profile every 30 s. Each poll names
   * the version of the player's tags and notes (`X-Marks-Version`): the page reads /api/annotations
   * at its first poll (counted in `page`) and again only when the version changed.
   */
  pollsPerSession: 120,
  /**
   * Changes of the player's tags and notes a session's page sees (each one list read, `marksPoll`):
   * a tag set on this device or another. The profile states no tag edits, and the version,
   * set at the session's first read, lives an hour — past the 60-minute session — so without edits
   * the page reads the list only at its start; one change a session is allowed for.
   */
  tagChangesPerSession: 1,
  actionsPerDay: 20,
  checkEveryMinutes: 5,
  days: 30,
  /** One manifest change and one Xûr digest a week. */
  perWeek: 1,
  /**
   * Bungie's access tokens live 60 minutes and are refreshed a minute before they end: a session
   * that reads its session and token from Postgres only when its cache lacks them (its start)
   * does so again at this minute, when the cached token ends.
   */
  tokenRefreshMinute: 59,
} as const;

/**
 * Units the bench measures, one cost figure each per metric. `coldStart`: the first poll and
 * action of an instance (their routes' code loaded and compiled), counted once per session — as
 * if every session landed on a cold instance, which overstates it when players overlap.
 */
export type Unit = 'page' | 'coldStart' | 'poll' | 'marksPoll' | 'action' | 'checkUnchanged' | 'checkChanged' | 'digest';
export type Metric = 'redisCommands' | 'redisBytes' | 'qstashMessages' | 'invocations' | 'cpuSeconds' | 'postgresQueries' | 'bungieCalls';
export type UnitCosts = Record<Unit, Record<Metric, number>>;

const WEEKS = PROFILE.days / 7;
const CHECKS = (PROFILE.days * 24 * 60) / PROFILE.checkEveryMinutes;

/** How many of each unit a month holds: a per-player part and a fixed part. */
export function monthlyUnits(): { perPlayer: Record<Unit, number>; fixed: Record<Unit, number> } {
  const none = { page: 0, coldStart: 0, poll: 0, marksPoll: 0, action: 0, checkUnchanged: 0, checkChanged: 0, digest: 0 };
  return {
    perPlayer: { ...none, page: PROFILE.days, coldStart: PROFILE.days, poll: PROFILE.days * PROFILE.pollsPerSession, marksPoll: PROFILE.days * PROFILE.tagChangesPerSession, action: PROFILE.days * PROFILE.actionsPerDay },
    fixed: { ...none, checkUnchanged: CHECKS - PROFILE.perWeek * WEEKS, checkChanged: PROFILE.perWeek * WEEKS, digest: PROFILE.perWeek * WEEKS },
  };
}

/** A metric's monthly amount as fixed + perPlayer × players. */
export function monthlyLine(costs: UnitCosts, metric: Metric): { fixed: number; perPlayer: number } {
  const { perPlayer, fixed } = monthlyUnits();
  const sum = (counts: Record<Unit, number>) => (Object.keys(counts) as Unit[]).reduce((n, unit) => n + counts[unit] * costs[unit][metric], 0);
  return { fixed: sum(fixed), perPlayer: sum(perPlayer) };
}

/** Neon suspends compute after 5 idle minutes; the free plan's smallest compute is 0.25 CU. */
export const NEON = { idleMinutes: 5, computeUnits: 0.25, freeCuHours: 100 } as const;

/** A small seeded PRNG (mulberry32), so the timeline is the same each run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * How a player's session queries Postgres: `throughout` (its polls or actions do), `start` (only
 * the first page and the token refresh — `PROFILE.tokenRefreshMinute` — do; the rest is served
 * from the session cache), `never`.
 */
export type SessionTouches = 'throughout' | 'start' | 'never';

/**
 * Hours a month Neon's compute is awake, from a minute timeline: every event that queries
 * Postgres keeps it up for `idleMinutes` after. Checks touch it when `checkTouches`; each
 * player's session (a start minute drawn per day) touches it as `sessionTouches` says.
 */
export function neonAwakeHours(players: number, checkTouches: boolean, sessionTouches: SessionTouches): number {
  const minutes = PROFILE.days * 24 * 60;
  const awake = new Uint8Array(minutes + NEON.idleMinutes + PROFILE.sessionMinutes);
  const touch = (from: number, to: number) => awake.fill(1, from, to + NEON.idleMinutes);
  if (checkTouches) for (let m = 0; m < minutes; m += PROFILE.checkEveryMinutes) touch(m, m);
  if (sessionTouches !== 'never') {
    const next = random(15);
    for (let day = 0; day < PROFILE.days; day++) {
      for (let p = 0; p < players; p++) {
        const start = day * 1440 + Math.floor(next() * 1440);
        if (sessionTouches === 'throughout') touch(start, start + PROFILE.sessionMinutes);
        else for (let m = 0; m < PROFILE.sessionMinutes; m += PROFILE.tokenRefreshMinute) touch(start + m, start + m);
      }
    }
  }
  let total = 0;
  for (let m = 0; m < minutes; m++) total += awake[m]!;
  return total / 60;
}

/** Players at which `used(players)` first exceeds `limit` (bisection; used grows with players). */
export function playersAtLimit(used: (players: number) => number, limit: number, max = 1_000_000): number | 'never' {
  if (used(0) > limit) return 0;
  if (used(max) <= limit) return 'never';
  let low = 0;
  let high = max;
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (used(mid) > limit) high = mid;
    else low = mid;
  }
  return high;
}
