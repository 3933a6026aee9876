/** The monthly table `npm run bench:cost` prints, against each free tier (../shared/DESIGN.md "Free tiers"). */
import { monthlyLine, NEON, neonAwakeHours, playersAtLimit, PROFILE, type Metric, type SessionTouches, type UnitCosts } from './cost-model';

type Row = { what: string; limit: string; used: string; headroom: string; runsOutAt: string };

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const headroom = (used: number, limit: number) => `${fmt(((limit - used) / limit) * 100, 0)} %`;
const players = (n: number | 'never') => (n === 'never' ? 'never (not per player)' : fmt(n));

/** A tier limit on a metric that grows linearly with players: fixed + perPlayer × n. */
function linearRow(costs: UnitCosts, metric: Metric, what: string, limit: number, limitText: string, scale = 1, digits = 0): Row {
  const { fixed, perPlayer } = monthlyLine(costs, metric);
  const used = (n: number) => (fixed + perPlayer * n) * scale;
  return { what, limit: limitText, used: fmt(used(PROFILE.players), digits), headroom: headroom(used(PROFILE.players), limit), runsOutAt: players(playersAtLimit(used, limit)) };
}

function unlimitedRow(costs: UnitCosts, metric: Metric, what: string): Row {
  const { fixed, perPlayer } = monthlyLine(costs, metric);
  return { what, limit: 'no monthly quota', used: fmt(fixed + perPlayer * PROFILE.players), headroom: '—', runsOutAt: '—' };
}

/** Prints the profile, the per-unit costs and the monthly table (Markdown) to stdout. */
export function printTable(costs: UnitCosts, notes: { itemDefinitions?: number; failures: string[] }): void {
  const pgLine = (unit: keyof UnitCosts) => costs[unit].postgresQueries > 0;
  const checkTouches = pgLine('checkUnchanged');
  // Polls and actions that query Postgres keep it up all session; a session's start (page, cold instance) only then.
  // A list read after a tag change (`marksPoll`) follows the tag's write, which wakes Postgres itself, by at most one poll: no touch of its own.
  const sessionTouches: SessionTouches = pgLine('poll') || pgLine('action') ? 'throughout' : pgLine('page') || pgLine('coldStart') ? 'start' : 'never';
  const cuHours = (n: number) => neonAwakeHours(n, checkTouches, sessionTouches) * NEON.computeUnits;
  const rows: Row[] = [
    linearRow(costs, 'invocations', 'Vercel Hobby: function invocations (incl. proxy)', 1_000_000, '1,000,000 / month'),
    linearRow(costs, 'cpuSeconds', 'Vercel Hobby: active CPU, hours (≈, local CPU time, waits left out)', 4, '4 h / month', 1 / 3600, 2),
    linearRow(costs, 'redisCommands', 'Upstash Redis: commands', 500_000, '500,000 / month'),
    linearRow(costs, 'redisBytes', 'Upstash Redis: bandwidth, GB', 10, '10 GB / month', 1 / 1e9, 3),
    linearRow(costs, 'qstashMessages', 'QStash: messages a day (average)', 1_000, '1,000 / day', 1 / PROFILE.days, 1),
    { what: 'Neon: compute-unit-hours (0.25 CU awake)', limit: `${NEON.freeCuHours} CU-h / month`, used: fmt(cuHours(PROFILE.players), 1), headroom: headroom(cuHours(PROFILE.players), NEON.freeCuHours), runsOutAt: players(playersAtLimit(cuHours, NEON.freeCuHours, 2000)) },
    unlimitedRow(costs, 'postgresQueries', 'Postgres: queries'),
    unlimitedRow(costs, 'bungieCalls', 'Bungie API: calls'),
  ];
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  console.log(`\nProfile: ${PROFILE.players} players, ${PROFILE.sessionMinutes} min a day each (1 /vault + ${PROFILE.pollsPerSession} /api/profile polls, /api/annotations at the first and after each of ${PROFILE.tagChangesPerSession} tag change), ${PROFILE.actionsPerDay} actions a day each; a check every ${PROFILE.checkEveryMinutes} min; ${PROFILE.perWeek} manifest change and ${PROFILE.perWeek} Xûr digest a week; ${PROFILE.days}-day month.\n`);
  console.log(line(['unit', 'Redis cmds', 'Redis bytes', 'QStash msgs', 'invocations', 'CPU s', 'PG queries', 'Bungie calls']));
  console.log(line(Array(8).fill('---')));
  for (const [unit, c] of Object.entries(costs)) {
    console.log(line([unit, fmt(c.redisCommands, 1), fmt(c.redisBytes), fmt(c.qstashMessages, 1), fmt(c.invocations, 1), fmt(c.cpuSeconds, 2), fmt(c.postgresQueries, 1), fmt(c.bungieCalls, 1)]));
  }
  console.log(`\n${line(['free tier', 'limit', `a month at ${PROFILE.players} players`, 'headroom', 'runs out at (players)'])}`);
  console.log(line(Array(5).fill('---')));
  for (const row of rows) console.log(line([row.what, row.limit, row.used, row.headroom, row.runsOutAt]));
  const sessionWords = { throughout: 'query it throughout', start: `query it at their start and when the access token is refreshed (minute ${PROFILE.tokenRefreshMinute})`, never: 'do not query it' };
  console.log(`\nNeon timeline: checks ${checkTouches ? 'query' : 'do not query'} Postgres; sessions ${sessionWords[sessionTouches]}.`);
  if (notes.itemDefinitions !== undefined) console.log(`The changed check ingested the simulator's manifest (${fmt(notes.itemDefinitions)} item definitions); a real one has ~35,000–60,000, so its Redis bytes scale up.`);
  if (notes.failures.length > 0) console.log(`\nFailures during the run (${notes.failures.length}):\n${notes.failures.slice(0, 10).map((f) => `- ${f}`).join('\n')}`);
}
