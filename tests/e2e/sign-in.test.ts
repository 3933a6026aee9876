import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eBaseUrl, launchChromium, newContext, PHONE, screenshotPath } from '../support/browser';
import { issuedTokens, openBungieAuthorize, sessionCookie, signIn } from '../support/sign-in';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function sessionJson(cookie?: string): Promise<string> {
  const response = await fetch(`${e2eBaseUrl()}/api/auth/session`, { headers: cookie ? { cookie } : {} });
  return response.text();
}

describe('sign in with Bungie (real browser, phone viewport)', () => {
  it('goes to Bungie, approves, and comes back signed in with the name in the header', async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await signIn(page);
    const player = page.getByTestId('player');
    expect(await player.textContent()).toMatch(/^Guardian#\d{4}Steam$/);
    expect(await page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);

    const cookie = await sessionCookie(context);
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    await page.screenshot({ path: screenshotPath('sign-in-390x844'), fullPage: true });

    // Signed in, the start page leads to the inventory screen (every store at once).
    await page.goto('/');
    expect(new URL(page.url()).pathname).toBe('/inventory');
    await context.close();
  });

  it('never sends a token to the browser or writes one to the server log', async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await signIn(page);
    const cookie = await sessionCookie(context);
    const tokens = await issuedTokens();
    expect(tokens.length).toBeGreaterThan(0);

    const seen = [await page.content(), await sessionJson(`authjs.session-token=${cookie!.value}`)];
    for (const route of ['/', '/vault']) {
      seen.push(await (await fetch(`${e2eBaseUrl()}${route}`, { headers: { cookie: `authjs.session-token=${cookie!.value}` } })).text());
    }
    const session = JSON.parse(seen[1]!) as { user: { name: string; isAdmin: boolean } };
    expect(session.user.name).toMatch(/^Guardian#/);
    // npm test lists the simulated player in ADMIN_MEMBERSHIP_IDS.
    expect(session.user.isAdmin).toBe(true);
    const log = fs.readFileSync(path.resolve(import.meta.dirname, '../../test-results/app-server.log'), 'utf8');
    for (const token of tokens) {
      for (const text of [...seen, log]) expect(text.includes(token)).toBe(false);
    }
    await context.close();
  });

  it('signs out by deleting the session on the server, so the old cookie is worthless', async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await signIn(page);
    const before = await sessionCookie(context);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    expect(await page.getByRole('button', { name: 'Sign in with Bungie' }).isVisible()).toBe(true);
    expect(await sessionCookie(context)).toBeUndefined();
    // Replaying the old cookie: the row is gone, so nobody is signed in.
    expect(await sessionJson(`authjs.session-token=${before!.value}`)).toBe('null');
    await context.close();
  });
});

describe('sign-in failures create no session', () => {
  it('a tampered state: error page, no session', async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await openBungieAuthorize(page);
    await page.locator('input[name="state"]').evaluate((input: HTMLInputElement) => {
      input.value = `${input.value.slice(0, -4)}AAAA`;
    });
    await page.getByRole('button', { name: /approve/i }).click();
    await page.waitForURL((url) => url.pathname === '/auth/error');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Sign-in failed');
    expect(await sessionCookie(context)).toBeUndefined();
    await context.close();
  });

  it('a callback with no state: error page, no session', async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await page.goto('/api/auth/callback/bungie?code=made-up-code');
    expect(new URL(page.url()).pathname).toBe('/auth/error');
    expect(await page.locator('main').getByRole('alert').textContent()).toMatch(/could not be completed/);
    expect(await sessionCookie(context)).toBeUndefined();
    await context.close();
  });

  it('a forged session cookie is nobody: the vault sends it to the start page', async () => {
    const context = await newContext(browser, PHONE);
    await context.addCookies([{ name: 'authjs.session-token', value: 'forged-0000-1111-2222', url: e2eBaseUrl() }]);
    const page = await context.newPage();
    await page.goto('/vault');
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.getByRole('button', { name: 'Sign in with Bungie' }).isVisible()).toBe(true);
    expect(await sessionJson('authjs.session-token=forged-0000-1111-2222')).toBe('null');
    await context.close();
  });
});
