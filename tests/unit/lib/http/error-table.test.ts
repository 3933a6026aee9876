import { describe, expect, it } from 'vitest';
import { SessionEndedError } from '@/lib/auth/access-token';
import { BungieError, BungieOAuthError, BungieUnavailableError } from '@/lib/bungie/errors';
import { DatabaseUnavailableError } from '@/lib/db/unavailable';
import { APP_ERROR_CODES, ERROR_TABLE } from '@/lib/http/error-table';
import { AppError, classifyError, describeError, errorResponse } from '@/lib/http/errors';
import { problemCode, problemOfCode } from '@/lib/inventory/problem-code';
import { problemError } from '@/lib/inventory/problem-error';
import { problemOf } from '@/lib/inventory/problem-of';
import type { LoadProblem } from '@/lib/inventory/types';
import { ManifestUnavailableError } from '@/lib/manifest/unavailable';

const bungie = (code: number, httpStatus = 200) => new BungieError(code, 'Status', '/Destiny2/3/Profile/1/', httpStatus, 0, 'Bungie says no.');

describe('the error table', () => {
  it('has one entry per code, more than forty of them', () => {
    expect(APP_ERROR_CODES.length).toBeGreaterThanOrEqual(43);
    expect(new Set(APP_ERROR_CODES).size).toBe(APP_ERROR_CODES.length);
  });

  it.each(APP_ERROR_CODES)('%s: a 4xx/5xx status, a sentence, and that status is what describeError answers', (code) => {
    const { status, message } = ERROR_TABLE[code];
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(600);
    expect(message).toMatch(/^[A-Z].{9,}[.!]$/);
    const error = new AppError(code);
    expect(error.status).toBe(status);
    expect(describeError(error)).toEqual({ status, body: { error: { code, message } } });
  });

  it('keeps a throw site’s sentence when it says more, never its own status', () => {
    const error = new AppError('no_room', 'There is no room in your Hunter for this item.', { suggestion: { label: 'x' } });
    expect(describeError(error)).toEqual({ status: 409, body: { error: { code: 'no_room', message: 'There is no room in your Hunter for this item.', suggestion: { label: 'x' } } } });
  });

  it('answers a Retry-After header when the error says how long to wait (the rate limit’s shape)', async () => {
    const response = errorResponse(new AppError('rate_limited', undefined, { retryAfterSeconds: 7.2 }));
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('8');
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    expect(errorResponse(new AppError('not_found')).headers.get('retry-after')).toBeNull();
  });
});

describe('classifyError: one sorting for routes and pages', () => {
  it.each<[string, unknown, string]>([
    ['an ended session', new SessionEndedError(), 'session_ended'],
    ['a refused token refresh', new BungieOAuthError('invalid_grant', 'AuthorizationRecordRevoked', 400), 'session_ended'],
    ['a token Bungie still refuses after the refresh', bungie(2111 /* AccessTokenHasExpired */, 401), 'session_ended'],
    ['maintenance', bungie(5 /* SystemDisabled */), 'bungie_maintenance'],
    ['throttling', bungie(36 /* ThrottleLimitExceededMomentarily */), 'bungie_throttled'],
    ['an outage page', new BungieUnavailableError('/Destiny2/Manifest/', 502, 'not JSON'), 'bungie_unavailable'],
    ['another refusal', bungie(1623 /* DestinyItemNotFound */), 'bungie_refused'],
    ['the manifest store down', new ManifestUnavailableError('redis down'), 'manifest_unavailable'],
    ['the database down', new DatabaseUnavailableError(), 'database_unavailable'],
  ])('%s → %s, the same code on a route and on a page', (_name, error, code) => {
    expect(classifyError(error)?.code).toBe(code);
    const { status, body } = describeError(error);
    expect(body.error.code).toBe(code);
    expect(status).toBe(ERROR_TABLE[code as keyof typeof ERROR_TABLE].status);
    // The page shows the problem for this code, and /api/profile answers it with the same code and sentence.
    const problem = problemOf(error, 'Test page');
    expect(problemCode(problem)).toBe(code);
    expect(describeError(problemError(problem))).toEqual({ status, body });
  });

  it('leaves bugs alone: undefined, a logged 500 on a route, thrown on by a page', () => {
    const bug = new TypeError('x is undefined');
    expect(classifyError(bug)).toBeUndefined();
    expect(describeError(bug)).toEqual({ status: 500, body: { error: { code: 'internal', message: ERROR_TABLE.internal.message } } });
    expect(() => problemOf(bug, 'Test page')).toThrow(bug);
    // A route-only error (a bad body) is no page's problem either.
    expect(() => problemOf(new AppError('invalid_body'), 'Test page')).toThrow(AppError);
  });

  it.each<LoadProblem>([
    { kind: 'not-found' },
    { kind: 'session-ended' },
    { kind: 'no-destiny-account' },
    { kind: 'no-manifest' },
    { kind: 'manifest-unavailable' },
    { kind: 'database-unavailable' },
    { kind: 'bungie-unavailable', code: 'bungie_throttled', message: 'Bungie.net asked us to slow down. Try again in a few seconds.' },
  ])('problem $kind maps to one code and back', (problem) => {
    const code = problemCode(problem);
    expect(problemOfCode(code, 'message' in problem ? problem.message : ERROR_TABLE[code].message)).toEqual(problem);
    expect(problemError(problem).status).toBe(ERROR_TABLE[code].status);
  });
});

describe('Bungie throttling with ThrottleSeconds', () => {
  it('answers 429 with the seconds Bungie asked for, in the body and as Retry-After', async () => {
    const error = new BungieError(36, 'ThrottleLimitExceededMomentarily', '/Destiny2/Actions/Items/TransferItem/', 200, 3, 'Slow down.');
    const response = errorResponse(error);
    expect(response.status).toBe(429);
    expect(response.headers.get('Retry-After')).toBe('3');
    expect(((await response.json()) as { error: { code: string; retryAfterSeconds: number } }).error).toMatchObject({ code: 'bungie_throttled', retryAfterSeconds: 3 });
    // Without ThrottleSeconds, no wait is made up.
    expect(errorResponse(bungie(36)).headers.get('Retry-After')).toBeNull();
  });
});
