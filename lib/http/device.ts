/**
 * Which device asked for a page, as far as the first screen goes: a phone (one narrow column, a
 * few dozen tiles in view) or anything wider (a desktop, a laptop, a tablet). The server draws a
 * page's first screen for it (components/inventory/use-first-screen.ts) and hands the answer to
 * the browser, so the browser's first render draws the same tiles.
 */
export type Device = 'phone' | 'desktop';

/** The request headers this reads: a `Headers`, or Next's `headers()`. */
type HeaderReader = { get(name: string): string | null };

/**
 * A phone by its User-Agent: an iPhone or iPod, or any browser that says "Mobile"/"Mobi" (Chrome and
 * Firefox on an Android phone do; on an Android tablet they do not). An iPad's Safari says
 * "Mobile/…" too, so an iPad is named and counted as a desktop (since iPadOS 13 it sends a Mac's
 * User-Agent by default anyway).
 */
export function isPhoneUserAgent(userAgent: string): boolean {
  if (/\biPad\b/i.test(userAgent)) return false;
  return /\b(iPhone|iPod)\b/i.test(userAgent) || /\bMobi/i.test(userAgent);
}

/**
 * The device of a request: Chromium's client hint `Sec-CH-UA-Mobile` when sent (`?1` a phone, `?0`
 * not — Chrome on an Android tablet, or a phone asking for the desktop site), else the User-Agent
 * (Safari and Firefox send no client hints).
 */
export function deviceOf(headers: HeaderReader): Device {
  const hint = headers.get('sec-ch-ua-mobile')?.trim();
  if (hint === '?1') return 'phone';
  if (hint === '?0') return 'desktop';
  return isPhoneUserAgent(headers.get('user-agent') ?? '') ? 'phone' : 'desktop';
}
