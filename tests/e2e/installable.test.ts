import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SNAPSHOT_KEY } from '@/components/offline/vault-snapshot';
import { e2eBaseUrl, launchChromium, newContext, PHONE, screenshotPath } from '../support/browser';
import { MANIFEST_WAIT_MS, openVaultOnceManifestIsIn } from '../support/inventory';
import { signIn } from '../support/sign-in';

// Issue 19, point 7: installable on a phone — the web app manifest, its icons and the favicon are
// served as a browser's install check reads them; the service worker serves the offline shell with
// the last vault this browser saw when the network is cut.
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const get = (path: string) => fetch(new URL(path, e2eBaseUrl()));

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): [number, number] {
  expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

type WebManifest = { name: string; short_name: string; start_url: string; display: string; theme_color: string; background_color: string; icons: { src: string; sizes: string; type: string; purpose?: string }[] };

describe('installable', () => {
  it('serves the web app manifest, every icon it names at its stated size, the favicon, and the page links them', async () => {
    const answer = await get('/manifest.webmanifest');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^application\/manifest\+json/);
    const manifest = (await answer.json()) as WebManifest;
    expect(manifest).toMatchObject({ name: 'Vault Raider', short_name: 'Vault Raider', start_url: '/vault', display: 'standalone', theme_color: '#0f1115', background_color: '#0f1115' });
    // What Chrome's installability check wants: a 192 px and a 512 px PNG; and a maskable one for Android.
    expect(manifest.icons.map((i) => `${i.sizes}/${i.purpose ?? 'any'}`).sort()).toEqual(['192x192/any', '512x512/any', '512x512/maskable']);
    for (const icon of manifest.icons) {
      const file = await get(icon.src);
      expect(file.status, icon.src).toBe(200);
      expect(file.headers.get('content-type')).toBe('image/png');
      const [width, height] = pngSize(Buffer.from(await file.arrayBuffer()));
      expect(`${width}x${height}`).toBe(icon.sizes);
    }
    const favicon = await get('/favicon.ico');
    expect(favicon.status).toBe(200);
    expect(Buffer.from(await favicon.arrayBuffer()).readUInt16LE(2)).toBe(1); // an icon resource
    const apple = await get('/apple-touch-icon.png');
    expect(pngSize(Buffer.from(await apple.arrayBuffer()))).toEqual([180, 180]);

    const html = await (await get('/')).text();
    expect(html).toMatch(/<link rel="manifest" href="\/manifest.webmanifest"/);
    expect(html).toMatch(/<meta name="theme-color" content="#0f1115"/);
    expect(html).toMatch(/<link rel="apple-touch-icon" href="\/apple-touch-icon.png"/);

    const worker = await get('/serwist/sw.js');
    expect(worker.status).toBe(200);
    expect(worker.headers.get('content-type')).toMatch(/javascript/);
    expect(worker.headers.get('service-worker-allowed')).toBe('/');
    const source = await worker.text();
    // The precache list is injected: Next's static chunks and the icons, never a page or an API answer.
    expect(source).toContain('/_next/static/');
    expect(source).toContain('/icon-512.png');
    expect(source).not.toMatch(/"\/api\//);
  });

  it('with the network cut, any page opens the offline shell: the last vault seen, as of its time, read-only', async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await signIn(page);
    await openVaultOnceManifestIsIn(page);
    const onlineCount = await page.getByTestId('vault-count').textContent();
    const tileCount = await page.locator('[data-group] button[data-item-hash]').count();
    expect(tileCount).toBeGreaterThan(10);
    // The worker is active, controls the page, and holds the shell.
    await page.waitForFunction(async () => {
      const registration = await navigator.serviceWorker.ready;
      const shell = await caches.open('vault-raider-offline-shell').then((c) => c.match('/offline'));
      return Boolean(registration.active && shell);
    }, undefined, { timeout: 60_000 });
    const snapshot = JSON.parse((await page.evaluate((key) => localStorage.getItem(key), SNAPSHOT_KEY)) ?? 'null') as { asOf: number; groups: { sections: { tiles: Record<string, unknown>[] }[] }[] } | null;
    expect(snapshot).not.toBeNull();
    // Only what the shell draws: no definitions, icons, hashes or instance ids.
    const tileKeys = new Set(snapshot!.groups.flatMap((g) => g.sections.flatMap((s) => s.tiles.flatMap((t) => Object.keys(t)))));
    expect([...tileKeys].sort()).toEqual(['equipped', 'locked', 'name', 'power', 'quantity', 'tier']);

    await context.setOffline(true);
    for (const path of ['/vault', '/characters/anything', '/']) {
      await page.goto(path);
      const shell = page.getByTestId('offline-shell');
      await shell.waitFor();
      await expect.poll(() => page.getByTestId('vault-count').textContent()).toBe(onlineCount);
      expect(await shell.getByRole('status').textContent()).toMatch(/You are offline/);
      expect(await page.getByTestId('as-of').textContent()).toMatch(/^As of .+\(read-only\)$/);
      expect(await page.getByTestId('as-of').locator('time').getAttribute('datetime')).toBe(new Date(snapshot!.asOf).toISOString());
      // Every tile, and every one disabled: no action can start.
      const tiles = shell.locator('li button');
      expect(await tiles.count()).toBe(tileCount);
      expect(await shell.locator('li button:not([disabled])').count()).toBe(0);
      // The shell was fetched without the session: no player's name in it.
      expect(await page.getByTestId('player').count()).toBe(0);
    }
    await page.screenshot({ path: screenshotPath('offline-shell-390x844') });

    await context.setOffline(false);
    await expect.poll(() => page.getByTestId('offline-shell').getByRole('status').textContent()).toMatch(/The network is back/);
    await page.goto('/vault');
    await page.getByTestId('vault-count').waitFor();
    expect(await page.getByTestId('offline-shell').count()).toBe(0);
    await context.close();
  }, MANIFEST_WAIT_MS + 120_000);
});
