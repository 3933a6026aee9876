import 'server-only';
import { AppError } from '@/lib/http/errors';
import { DATABASE_DOWN_MESSAGE, MANIFEST_DOWN_MESSAGE } from '@/lib/http/outage-messages';
import type { LoadProblem } from './types';

/** A loader's problem as the error a JSON route answers with (the pages show the same sentence). */
export function problemError(problem: LoadProblem): AppError {
  switch (problem.kind) {
    case 'not-found':
      return new AppError('not_found', 404, 'There is nothing here.');
    case 'session-ended':
      return new AppError('session_ended', 401, 'Your Bungie session has ended — sign in again.');
    case 'no-destiny-account':
      return new AppError('no_destiny_account', 404, 'This Bungie.net account has no Destiny 2 characters yet.');
    case 'no-manifest':
      return new AppError('no_manifest', 503, 'The item database is still loading. Try again in a minute.');
    case 'manifest-unavailable':
      return new AppError('manifest_unavailable', 503, MANIFEST_DOWN_MESSAGE);
    case 'database-unavailable':
      return new AppError('database_unavailable', 503, DATABASE_DOWN_MESSAGE);
    case 'bungie-refused':
      return new AppError('bungie_refused', 502, problem.message);
    case 'bungie-unavailable':
      if (problem.reason === 'maintenance') return new AppError('bungie_maintenance', 503, problem.message);
      if (problem.reason === 'throttled') return new AppError('bungie_throttled', 429, problem.message);
      return new AppError('bungie_unavailable', 503, problem.message);
  }
}
