import 'server-only';
import { classifyError, ERROR_TABLE } from '@/lib/http/errors';
import { log } from '@/lib/server/log';
import { problemOfCode } from './problem-code';
import type { LoadProblem } from './types';

/**
 * Turns the failures a player can do something about (or wait out) into a problem page, sorted by
 * the same `classifyError` the JSON routes answer through; anything else is a bug and is thrown
 * on. `page` names what was loading, for the log line.
 */
export function problemOf(error: unknown, page: string): LoadProblem {
  const known = classifyError(error);
  const problem = known ? problemOfCode(known.code, known.message) : undefined;
  if (!known || !problem) throw error;
  if (problem.kind === 'session-ended') return problem;
  // A database error's message may hold the connection string: never logged.
  log.warn(`${page}: ${problem.kind === 'database-unavailable' || !(error instanceof Error) ? ERROR_TABLE[known.code].message : error.message}`);
  return problem;
}
