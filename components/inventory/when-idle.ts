/**
 * Runs `work` once the browser is idle (at the latest after `timeout` ms), for one-time work a
 * player's first input would otherwise pay; returns a cancel, for an effect's clean-up. Without
 * `requestIdleCallback` (Safari), after a zero-delay timer.
 */
export function whenIdle(work: () => void, timeout = 2000): () => void {
  if (typeof window.requestIdleCallback !== 'function') {
    const timer = setTimeout(work, 0);
    return () => clearTimeout(timer);
  }
  const id = window.requestIdleCallback(work, { timeout });
  return () => window.cancelIdleCallback(id);
}
