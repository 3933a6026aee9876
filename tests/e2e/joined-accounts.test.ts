import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eBaseUrl, launchChromium, newContext, PHONE } from '../support/browser';
import { simControl } from '../support/inventory';
import { openBungieAuthorize, sessionCookie, signIn } from '../support/sign-in';

// A second Bungie.net account the simulator's OAuth page can approve as (it has no Destiny account).
const OTHER_ACCOUNT = '29000777';
const OTHER_NAME = 'Visitor#0777';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await simControl({ approveAs: null });
  await browser?.close();
});

async function sessionUser(context: BrowserContext): Promise<{ name: string; isAdmin: boolean } | null> {
  const cookie = await sessionCookie(context);
  if (!cookie) return null;
  return sessionUserOf(cookie.value);
}

async function sessionUserOf(token: string): Promise<{ name: string; isAdmin: boolean } | null> {
  const response = await fetch(`${e2eBaseUrl()}/api/auth/session`, { headers: { cookie: `authjs.session-token=${token}` } });
  const session = (await response.json()) as { user: { name: string; isAdmin: boolean } } | null;
  return session?.user ?? null;
}

/** Approves on the simulator's Bungie page and waits to be back in the app. */
async function approveAndReturn(page: Page): Promise<void> {
  await page.getByRole('button', { name: /approve/i }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/en/OAuth'));
}

describe('one Bungie account per player (issue 17, finding 1)', () => {
  it('a second Bungie account approving in a browser whose player must sign in again gets its own player, never theirs', async () => {
    try {
      // Player A signs in, then A's Bungie authorization dies: the start page says "sign in again"
      // while A's session cookie stays.
      const shared = await newContext(browser, PHONE);
      const page = await shared.newPage();
      await signIn(page);
      const playerA = await sessionUser(shared);
      expect(playerA?.name).toMatch(/^Guardian#\d{4}$/);
      const cookieA = (await sessionCookie(shared))!.value;
      await simControl({ revokeAuthorization: true });
      await page.goto('/vault');
      await page.goto('/');
      expect(await page.getByRole('alert').first().textContent()).toMatch(/Bungie session has ended/);

      // In that browser another Bungie account (C) approves.
      await simControl({ approveAs: OTHER_ACCOUNT });
      await openBungieAuthorize(page);
      await approveAndReturn(page);
      // The browser now holds C's session, A's session is over, and C is not an admin (A is).
      expect((await sessionUser(shared))?.name).toBe(OTHER_NAME);
      expect((await sessionUser(shared))?.isAdmin).toBe(false);
      expect(await sessionUserOf(cookieA)).toBeNull();
      await shared.close();

      // C, from a clean browser, is C — not A with A's characters.
      const cleanC = await newContext(browser, PHONE);
      const pageC = await cleanC.newPage();
      await openBungieAuthorize(pageC);
      await approveAndReturn(pageC);
      expect((await sessionUser(cleanC))?.name).toBe(OTHER_NAME);
      await cleanC.close();

      // A re-authorizes with A's own account and is A again, with working tokens.
      await simControl({ approveAs: null });
      const cleanA = await newContext(browser, PHONE);
      const pageA = await cleanA.newPage();
      await signIn(pageA);
      expect(await sessionUser(cleanA)).toEqual(expect.objectContaining({ name: playerA!.name, isAdmin: true }));
      await pageA.goto('/');
      expect(new URL(pageA.url()).pathname).toBe('/inventory');
      await cleanA.close();
    } finally {
      await simControl({ approveAs: null });
    }
  });
});
