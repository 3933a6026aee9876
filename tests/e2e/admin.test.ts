import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eBaseUrl, launchChromium, newContext, PHONE, screenshotPath } from '../support/browser';
import { signIn, simUrl } from '../support/sign-in';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('/admin (real browser, phone viewport)', () => {
  it('shows the version, refreshes on "Refresh now" after Bungie publishes, and shows the new version', async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await signIn(page);
    await page.goto('/admin');
    const version = page.getByTestId('manifest-version');
    const before = (await version.textContent())?.trim();
    expect(before).toMatch(/\d/);

    const published = (await (await fetch(`${simUrl()}/__sim/control`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ publishManifest: { add: 3, modify: 2, remove: 1 } }),
    })).json()) as { manifest: { version: string } };
    expect(published.manifest.version).not.toBe(before);

    await page.getByRole('button', { name: 'Refresh now' }).click();
    await expect.poll(async () => (await version.textContent())?.trim(), { timeout: 60_000, interval: 500 }).toBe(published.manifest.version);
    await expect.poll(async () => page.getByRole('cell', { name: '+3 ~2 −1' }).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await page.screenshot({ path: screenshotPath('admin-390x844'), fullPage: true });
    await context.close();
  });

  it('sends a signed-out visitor to the start page, and a forged session cookie gets a 404', async () => {
    const signedOut = await fetch(`${e2eBaseUrl()}/admin`, { redirect: 'manual' });
    expect([303, 307]).toContain(signedOut.status);
    expect(new URL(signedOut.headers.get('location') ?? '', e2eBaseUrl()).pathname).toBe('/');
    const forged = await fetch(`${e2eBaseUrl()}/admin`, { redirect: 'manual', headers: { cookie: 'authjs.session-token=forged' } });
    expect(forged.status).not.toBe(200);
  });

  it('refuses a cross-site "refresh now" even with the admin’s cookie', async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await signIn(page);
    const cookie = (await context.cookies()).find((c) => c.name === 'authjs.session-token')!;
    const response = await fetch(`${e2eBaseUrl()}/api/manifest/revalidate`, {
      method: 'POST',
      headers: { cookie: `${cookie.name}=${cookie.value}`, origin: 'https://evil.example', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(403);
    await context.close();
  });
});
