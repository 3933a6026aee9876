import type { AppErrorCode } from '@/lib/http/error-table';
import type { LoadProblem } from './types';

/** Each problem page's code in the error table (the Bungie one carries its own). */
const CODE_OF_KIND = {
  'not-found': 'not_found',
  'session-ended': 'session_ended',
  'no-destiny-account': 'no_destiny_account',
  'no-manifest': 'no_manifest',
  'manifest-unavailable': 'manifest_unavailable',
  'database-unavailable': 'database_unavailable',
  'rate-limited': 'rate_limited',
} as const satisfies Record<Exclude<LoadProblem['kind'], 'bungie-unavailable'>, AppErrorCode>;

/** A loader's problem as its error-table code: JSON routes answer it, problem pages show its sentence. */
export function problemCode(problem: LoadProblem): AppErrorCode {
  return problem.kind === 'bungie-unavailable' ? problem.code : CODE_OF_KIND[problem.kind];
}

/**
 * The problem page for an error-table code, or undefined when no page shows that code (the error
 * is then a bug for the loader, not a page). `message` is the sentence Bungie failures carry.
 */
export function problemOfCode(code: AppErrorCode, message: string): LoadProblem | undefined {
  switch (code) {
    case 'bungie_maintenance':
    case 'bungie_throttled':
    case 'bungie_unavailable':
    case 'bungie_refused':
      return { kind: 'bungie-unavailable', code, message };
    default: {
      const kind = (Object.keys(CODE_OF_KIND) as (keyof typeof CODE_OF_KIND)[]).find((k) => CODE_OF_KIND[k] === code);
      return kind ? { kind } : undefined;
    }
  }
}
