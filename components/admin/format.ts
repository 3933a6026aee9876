/** A short date and time in UTC ("27 Nov, 21:53 UTC"): the same on the server and in the browser, so hydration matches. */
export function formatWhen(iso: string): string {
  return `${new Date(iso).toLocaleString('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' })} UTC`;
}

/** Milliseconds as "850 ms" or "12.3 s". */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}
