import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launchChromium, newContext, PHONE, screenshotPath } from '../support/browser';
import { iconsLoaded, MANIFEST_WAIT_MS, openVaultOnceManifestIsIn, scrollsSideways, simControl } from '../support/inventory';
import { signIn } from '../support/sign-in';

const DAY = 86_400_000;

/** The latest `weekday` (0 Sunday … 6 Saturday) 12:00 UTC before now: in the past, so tokens stay valid. */
function lastWeekdayNoon(weekday: number): string {
  const now = new Date();
  let at = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 12);
  while (new Date(at).getUTCDay() !== weekday || at > now.getTime()) at -= DAY;
  return new Date(at).toISOString();
}
// Xûr stays from Friday 17:00 to Tuesday 17:00 UTC (by the simulator's clock).
const PRESENT = lastWeekdayNoon(6);
const ABSENT = lastWeekdayNoon(3);

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
// Back to the real clock, whatever a test did.
afterEach(async () => {
  await simControl({ now: null });
});

async function openXur(page: Page): Promise<string> {
  const response = await page.goto('/xur');
  expect(response?.status()).toBe(200);
  await page.locator('[data-xur], [data-problem]').first().waitFor();
  return (await page.locator('[data-xur]').getAttribute('data-xur')) ?? 'problem';
}

describe.each([
  { name: '390x844', device: PHONE },
  { name: '1440x900', device: DESKTOP },
] as const)('/xur at $name, signed in', ({ name, device }) => {
  it('shows his stock with costs and when he leaves, reached from the header', async () => {
    const context = await newContext(browser, device);
    const page = await context.newPage();
    await signIn(page);
    await openVaultOnceManifestIsIn(page);
    await simControl({ now: PRESENT });
    await page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Xûr' }).click();
    await page.waitForURL((url) => url.pathname === '/xur');
    await page.locator('[data-xur]').waitFor();
    expect(await page.locator('[data-xur]').getAttribute('data-xur')).toBe('present');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Xûr');
    // The per-character call: an exotic weapon plus one armour piece per class.
    const offers = page.getByTestId('xur-offers').locator(':scope > li');
    expect(await offers.count()).toBe(4);
    expect(await offers.first().textContent()).toMatch(/29 Legendary Shards/);
    expect(await page.locator('main').textContent()).toMatch(/Here until Tuesday \d+ \w+, 17:00 UTC/);
    if (device === PHONE) expect(await scrollsSideways(page)).toBe(false);
    await iconsLoaded(page);
    await page.screenshot({ path: screenshotPath(`xur-present-${name}`), fullPage: true });
    await context.close();
  }, MANIFEST_WAIT_MS + 60_000);

  it('says he is not here and when he is back', async () => {
    const context = await newContext(browser, device);
    const page = await context.newPage();
    await signIn(page);
    await simControl({ now: ABSENT });
    expect(await openXur(page)).toBe('absent');
    expect(await page.locator('main').textContent()).toMatch(/Xûr is not here — back Friday \d+ \w+, 17:00 UTC/);
    await page.screenshot({ path: screenshotPath(`xur-absent-${name}`) });
    await context.close();
  });
});

// Visitors see the public preview; once is enough, the layout is the same.
describe('/xur at 390x844 for a visitor', () => {
  it('shows the public preview when he is here, and says what signing in adds', async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await simControl({ now: PRESENT });
    expect(await openXur(page)).toBe('present');
    expect(await page.getByTestId('xur-offers').locator(':scope > li').count()).toBe(1);
    expect(await page.locator('main').textContent()).toMatch(/public preview/);
    await page.screenshot({ path: screenshotPath('xur-visitor-present-390x844'), fullPage: true });
    await context.close();
  });

  it('says the preview has no Xûr and when he returns', async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await simControl({ now: ABSENT });
    expect(await openXur(page)).toBe('absent');
    expect(await page.locator('main').textContent()).toMatch(/sometimes Xûr himself/);
    await page.screenshot({ path: screenshotPath('xur-visitor-absent-390x844') });
    await context.close();
  });
});
