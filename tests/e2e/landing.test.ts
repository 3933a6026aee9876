import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, newContext, PHONE, screenshotPath } from '../support/browser';

describe('landing page in Chromium at a phone viewport', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('renders the pitch and a "Sign in with Bungie" button that fits a 390 px screen', async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    const response = await page.goto('/');
    expect(response?.status()).toBe(200);

    await expect(page.title()).resolves.toBe('Vault Raider');
    const heading = page.getByRole('heading', { level: 1 });
    expect(await heading.textContent()).toMatch(/vault/i);

    const signIn = page.getByRole('button', { name: 'Sign in with Bungie' });
    expect(await signIn.isVisible()).toBe(true);
    const box = await signIn.boundingBox();
    expect(box).not.toBeNull();
    // A thumb-sized target, fully on screen without horizontal scrolling.
    expect(box!.height).toBeGreaterThanOrEqual(44);
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(390);

    const file = screenshotPath('landing-390x844');
    await page.screenshot({ path: file, fullPage: true });
    expect(fs.statSync(file).size).toBeGreaterThan(1000);
    await context.close();
  });

  it('answers an unknown page with a 404 page, not an error', async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    const response = await page.goto('/no-such-page');
    expect(response?.status()).toBe(404);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Nothing here');
    await context.close();
  });
});
