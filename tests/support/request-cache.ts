/**
 * React's per-request `cache()` as one page render sees it, for integration tests of server code
 * that keeps things for the request (the session's account row, lib/auth/session-account.ts):
 *
 *   vi.mock('react', async (original) => (await import('@/tests/support/request-cache')).withRequestCache(await original()));
 *
 * Everything cached stays until `onePageRender.memo.clear()` (a new request), which tests call before each case.
 */
export const onePageRender = { memo: new Map<unknown, unknown>() };

/** React's exports with `cache` memoising each function for the current "request" (`onePageRender`). */
export function withRequestCache<T extends object>(react: T): T {
  return {
    ...react,
    cache: <R>(fn: () => R) => (): R => {
      if (!onePageRender.memo.has(fn)) onePageRender.memo.set(fn, fn());
      return onePageRender.memo.get(fn) as R;
    },
  };
}
