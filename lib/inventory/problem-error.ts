import 'server-only';
import { AppError } from '@/lib/http/errors';
import { problemCode } from './problem-code';
import type { LoadProblem } from './types';

/** A loader's problem as the error a JSON route answers with (the pages show the same code's sentence). */
export function problemError(problem: LoadProblem): AppError {
  return new AppError(problemCode(problem), problem.kind === 'bungie-unavailable' ? problem.message : undefined);
}
