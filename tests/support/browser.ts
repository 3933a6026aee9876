import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

/** The app under test, started by `npm test` (dev/test/run.ts). */
export function e2eBaseUrl(): string {
  const url = process.env.E2E_BASE_URL;
  if (!url) throw new Error('E2E_BASE_URL is not set: run browser tests through `npm test`, which builds and starts the app.');
  return url;
}

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Debian's Chromium through playwright-core (never a downloaded browser). */
export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) throw new Error(`Chromium not found at ${executablePath}: apt-get install -y chromium.`);
  return chromium.launch({ executablePath, args: FLAGS, headless: true });
}

/**
 * What Chrome on an Android phone (a Pixel) sends as its User-Agent: the reduced form every Chrome
 * sends since 2023 ("Android 10; K", a major version only). With it Chromium also sends
 * `Sec-CH-UA-Mobile: ?1`, as a real phone does, so the server takes the phone's path (lib/http/device.ts).
 */
export const PHONE_USER_AGENT = 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36';

/** A mid-range phone: 390×844 CSS pixels, touch, and a phone's User-Agent (the server draws a phone's first screen). */
export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, userAgent: PHONE_USER_AGENT } as const;
export const DESKTOP = { viewport: { width: 1440, height: 900 } } as const;

/** A fresh browser context at the given viewport, with the app's origin as base URL. */
export async function newContext(browser: Browser, device: typeof PHONE | typeof DESKTOP): Promise<BrowserContext> {
  return browser.newContext({ ...device, baseURL: e2eBaseUrl() });
}

/** Where screenshots go: `test-results/<name>.png`. */
export function screenshotPath(name: string): string {
  const dir = path.resolve(import.meta.dirname, '../../test-results');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, `${name}.png`);
}

/** Where the README's screenshots go (`docs/screenshots/<name>.png`): the browser tests that take them refresh them. */
export function docsScreenshotPath(name: string): string {
  const dir = path.resolve(import.meta.dirname, '../../docs/screenshots');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, `${name}.png`);
}
