import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, e2eBaseUrl, launchChromium, newContext } from '../support/browser';
import { openVaultOnceManifestIsIn } from '../support/inventory';
import { signIn, simUrl } from '../support/sign-in';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

type Violation = { page: string; directive: string; blocked: string; element: string };

/** Records every CSP violation any page of the context reports (the DOM event and Chromium's console line). */
async function watchViolations(context: BrowserContext, page: Page): Promise<{ violations: Violation[]; consoleLines: string[] }> {
  const violations: Violation[] = [];
  await context.exposeBinding('__reportCspViolation', (_source, v: Violation) => void violations.push(v));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const element = e.target instanceof Element ? e.target.outerHTML.slice(0, 160) : String(e.target);
      (window as unknown as { __reportCspViolation: (v: unknown) => void }).__reportCspViolation({ page: location.pathname, directive: e.violatedDirective, blocked: e.blockedURI, element });
    });
  });
  const consoleLines: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) consoleLines.push(m.text());
  });
  return { violations, consoleLines };
}

/** The headers every page must carry, and the nonce of its CSP. */
function expectSecurityHeaders(response: Response | null, what: string): string {
  expect(response, what).not.toBeNull();
  const headers = response!.headers();
  const csp = headers['content-security-policy'] ?? '';
  expect(csp, what).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(csp, what).toContain(`img-src 'self' data: https://www.bungie.net ${new URL(simUrl()).origin}`);
  expect(csp, what).not.toContain('unsafe-inline');
  expect(headers['x-frame-options'], what).toBe('DENY');
  expect(headers['x-content-type-options'], what).toBe('nosniff');
  expect(headers['referrer-policy'], what).toBe('strict-origin-when-cross-origin');
  expect(headers['permissions-policy'], what).toContain('camera=()');
  // Tests run the production build over http://localhost: no HSTS there (it would pin localhost to https).
  expect(headers['strict-transport-security'], what).toBeUndefined();
  return /'nonce-([^']+)'/.exec(csp)![1]!;
}

/**
 * Every inline script Next rendered carries this response's nonce, and no script carries another;
 * chunks its scripts add later have none and run through 'strict-dynamic'.
 */
async function expectNoncedScripts(page: Page, nonce: string): Promise<void> {
  const scripts = await page.$$eval('script', (all) => all.map((s) => ({ inline: !s.src, nonce: s.nonce })));
  expect(scripts.filter((s) => s.inline).length).toBeGreaterThan(0);
  for (const s of scripts.filter((x) => x.inline)) expect(s.nonce).toBe(nonce);
  expect(new Set(scripts.map((s) => s.nonce).filter(Boolean))).toEqual(new Set([nonce]));
}

describe('security headers and the Content-Security-Policy (real browser)', () => {
  it('/, sign-in, /vault, a character, /xur and /admin: headers on each, no violation, icons load, sign-in works', async () => {
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    const { violations, consoleLines } = await watchViolations(context, page);
    const nonces = new Set<string>();

    const landing = await page.goto('/');
    nonces.add(expectSecurityHeaders(landing, '/'));
    await expectNoncedScripts(page, [...nonces][0]!);

    await signIn(page);
    await openVaultOnceManifestIsIn(page);
    const vault = await page.goto('/vault');
    nonces.add(expectSecurityHeaders(vault, '/vault'));
    // Item icons come from the simulator's origin (bungie.net's stand-in) and must load under the CSP.
    await page.waitForFunction(() => [...document.images].some((i) => i.complete && i.naturalWidth > 0 && i.src.includes('/common/destiny2_content/')), undefined, { timeout: 15_000 });

    const characterHref = await page.locator('a[href^="/characters/"]').first().getAttribute('href');
    for (const path of ['/xur', '/admin', characterHref!]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      const nonce = expectSecurityHeaders(response, path);
      await expectNoncedScripts(page, nonce);
      nonces.add(nonce);
    }
    // Client-side navigation (RSC fetches, SWR) and hydration ran under the policy too.
    await page.getByRole('navigation', { name: 'Vault and characters' }).locator('a[href="/vault"]').click();
    await page.waitForURL((url) => url.pathname === '/vault');
    await page.locator('[data-testid="vault-count"]').waitFor();

    expect(nonces.size, 'a fresh nonce per response').toBe(5);
    expect(violations).toEqual([]);
    expect(consoleLines).toEqual([]);
    await context.close();
  });

  it('the app cannot be framed by another page', async () => {
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    const refusals: string[] = [];
    page.on('console', (m) => {
      if (/frame-ancestors|Refused to (display|frame)/i.test(m.text())) refusals.push(m.text());
    });
    await page.goto(`${simUrl()}/__sim/state`);
    await page.setContent(`<iframe src="${e2eBaseUrl()}/" width="400" height="400"></iframe>`);
    await expect.poll(() => refusals.length, { timeout: 10_000 }).toBeGreaterThan(0);
    const frame = page.frames().find((f) => f !== page.mainFrame());
    const framedText = await frame?.evaluate(() => document.body?.innerText ?? '').catch(() => '');
    expect(framedText ?? '').not.toContain('Sign in with Bungie');
    await context.close();
  });

  it('API answers carry the headers too, and a wrong method is a JSON 405 from the real server', async () => {
    const status = await fetch(`${e2eBaseUrl()}/api/manifest/status`);
    expect(status.headers.get('x-content-type-options')).toBe('nosniff');
    expect(status.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const wrong = await fetch(`${e2eBaseUrl()}/api/items/lock`, { method: 'PUT', body: '{}' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST, OPTIONS');
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe('method_not_allowed');
  });
});

describe('server actions given hostile input (real server)', () => {
  it('an unknown action id or garbage form data gets no 5xx and no stack trace', async () => {
    const landing = await (await fetch(`${e2eBaseUrl()}/`)).text();
    const actionField = /name="(\$ACTION_ID_[0-9a-f]+)"/.exec(landing)?.[1];
    expect(actionField, 'the sign-in form names its server action').toBeDefined();
    const attempts: Array<[string, RequestInit]> = [
      ['an unknown action id', { headers: { 'next-action': 'f'.repeat(42), 'content-type': 'text/plain;charset=UTF-8', origin: e2eBaseUrl() }, body: '[]' }],
      ['arguments that are not JSON', { headers: { 'next-action': actionField!.replace('$ACTION_ID_', ''), 'content-type': 'text/plain;charset=UTF-8', origin: e2eBaseUrl() }, body: '{"__proto__":{"x":1}' }],
      ['arguments that are JSON but not a list', { headers: { 'next-action': actionField!.replace('$ACTION_ID_', ''), 'content-type': 'text/plain;charset=UTF-8', origin: e2eBaseUrl() }, body: '{"a":1}' }],
      ['garbage form data', { headers: { 'next-action': actionField!.replace('$ACTION_ID_', ''), 'content-type': 'multipart/form-data; boundary=zz', origin: e2eBaseUrl() }, body: '--zz\r\nContent-Disposition: form-data; name="1_$ACTION_REF_1"\r\n\r\n%%%\r\n--zz--\r\n' }],
      ['the sign-in form with extra fields', { headers: { 'content-type': 'application/x-www-form-urlencoded', origin: e2eBaseUrl() }, body: `${encodeURIComponent(actionField!)}=&redirectTo=https%3A%2F%2Fevil.example&provider=evil&%E0%A4%A=1` }],
      ['from another site', { headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' }, body: `${encodeURIComponent(actionField!)}=` }],
    ];
    for (const [name, init] of attempts) {
      const response = await fetch(`${e2eBaseUrl()}/`, { method: 'POST', redirect: 'manual', ...init });
      const text = await response.text();
      expect(response.status, `${name}: ${response.status} ${text.slice(0, 200)}`).toBeLessThan(500);
      expect(text, name).not.toMatch(/\n\s+at |node_modules|\.tsx?:\d+/);
      const location = response.headers.get('location');
      // A sign-in, however garbled the form, goes to Bungie's authorize page or stays here — never elsewhere.
      if (location) expect([new URL(simUrl()).origin, new URL(e2eBaseUrl()).origin]).toContain(new URL(location, e2eBaseUrl()).origin);
    }
  });
});
