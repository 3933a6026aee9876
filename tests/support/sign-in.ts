import type { BrowserContext, Page } from 'playwright-core';

/** The simulator that `npm test` started next to the app. */
export function simUrl(): string {
  const url = process.env.E2E_SIM_URL;
  if (!url) throw new Error('E2E_SIM_URL is not set: run browser tests through `npm test`.');
  return url;
}

/** Starts sign-in from the landing page and stops at the simulator's "Authorize" page. */
export async function openBungieAuthorize(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByRole('button', { name: 'Sign in with Bungie' }).click();
  await page.waitForURL((url) => url.pathname === '/en/OAuth/Authorize');
}

/** The whole round trip: landing → Bungie (simulated) → approve → back in the app. */
export async function signIn(page: Page): Promise<void> {
  await openBungieAuthorize(page);
  await page.getByRole('button', { name: /approve/i }).click();
  await page.waitForURL((url) => url.pathname === '/vault');
}

/** The Auth.js session cookie of a context (http: no `__Secure-` prefix). */
export async function sessionCookie(context: BrowserContext) {
  return (await context.cookies()).find((c) => c.name === 'authjs.session-token');
}

/** Every access and refresh token the simulator has issued so far. */
export async function issuedTokens(): Promise<string[]> {
  const answer = (await (await fetch(`${simUrl()}/__sim/issued-tokens`)).json()) as { access: string[]; refresh: string[] };
  return [...answer.access, ...answer.refresh];
}
