import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, reportAxe, seriousOrCritical, type AxeViolation } from '../support/axe';
import { launchChromium, newContext, PHONE } from '../support/browser';
import { MANIFEST_WAIT_MS, signedInOnVault } from '../support/inventory';

function expectNoSeriousOrCritical(violations: AxeViolation[]): void {
  expect(seriousOrCritical(violations)).toEqual([]);
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('axe-core at 390x844: no serious or critical violations', () => {
  it('the start page, signed out', async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await page.goto('/');
    const violations = await axeViolations(page);
    reportAxe('/', violations);
    expectNoSeriousOrCritical(violations);
    await context.close();
  });

  it('the vault, a character page and /xur, signed in', async () => {
    const { context, page } = await signedInOnVault(browser, PHONE);
    const vault = await axeViolations(page);
    reportAxe('/vault', vault);

    const characterHref = await page.getByRole('navigation', { name: 'Vault and characters' }).locator('a[href^="/characters/"]').first().getAttribute('href');
    await page.goto(characterHref!);
    await page.locator('main h1').waitFor();
    const character = await axeViolations(page);
    reportAxe('/characters/[id]', character);

    await page.goto('/xur');
    await page.locator('[data-xur], [data-problem]').first().waitFor();
    const xur = await axeViolations(page);
    reportAxe('/xur', xur);

    expectNoSeriousOrCritical(vault);
    expectNoSeriousOrCritical(character);
    expectNoSeriousOrCritical(xur);
    await context.close();
  }, MANIFEST_WAIT_MS + 60_000);
});
