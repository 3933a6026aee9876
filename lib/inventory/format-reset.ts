// Server-formatted in UTC on purpose: the reset is 17:00 UTC everywhere, and the same text on
// server and client avoids a hydration mismatch across time zones.
const FORMAT = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });

/** e.g. "Friday 4 December, 17:00 UTC". */
export function formatReset(iso: string): string {
  return `${FORMAT.format(new Date(iso)).replace(' at ', ', ')} UTC`;
}
