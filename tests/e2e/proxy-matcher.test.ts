import { describe, expect, it } from 'vitest';
import { e2eBaseUrl } from '../support/browser';

// On Vercel every request the proxy matches is a function invocation: static files must skip it.
describe('the proxy runs for pages and routes, not for static files', () => {
  it('sets the CSP on a page and on an API answer, and leaves the page’s static chunks alone', async () => {
    const page = await fetch(`${e2eBaseUrl()}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/nonce-/);
    const html = await page.text();
    const chunks = [...html.matchAll(/(?:src|href)="(\/_next\/static\/[^"]+)"/g)].map((m) => m[1]!);
    expect(chunks.length).toBeGreaterThan(0);
    for (const chunk of chunks.slice(0, 5)) {
      const asset = await fetch(`${e2eBaseUrl()}${chunk}`);
      expect(asset.status, chunk).toBe(200);
      expect(asset.headers.get('content-security-policy'), chunk).toBeNull();
    }
    // The icons of public/ (the web app manifest's, the favicon) are static files too.
    for (const icon of ['/favicon.ico', '/apple-touch-icon.png', '/icon-192.png', '/icon-512.png', '/icon-maskable-512.png']) {
      const asset = await fetch(`${e2eBaseUrl()}${icon}`);
      expect(asset.status, icon).toBe(200);
      expect(asset.headers.get('content-security-policy'), icon).toBeNull();
    }
    // A page whose name merely starts like an icon still gets the headers.
    expect((await fetch(`${e2eBaseUrl()}/icon-192.png/x`)).headers.get('content-security-policy')).toMatch(/nonce-/);
    const api = await fetch(`${e2eBaseUrl()}/api/profile`);
    expect(api.status).toBe(401);
    expect(api.headers.get('content-security-policy')).toMatch(/nonce-/);
    expect(api.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
