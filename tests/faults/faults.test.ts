import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, newContext, PHONE, screenshotPath } from '../support/browser';
import { alertText, expectPlainAnswer, reloadUntil, serviceSwitch, writeFaultTable, type FaultRow } from '../support/faults';
import { allTilesDrawn, openVaultOnceManifestIsIn, simControl } from '../support/inventory';
import { signIn } from '../support/sign-in';

// One player, one browser session for every fault: each must clear without signing in again
// (but the revoked token, where signing in again is the only way back).
let browser: Browser;
let context: BrowserContext;
let page: Page;
const rows: FaultRow[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  context = await newContext(browser, PHONE);
  page = await context.newPage();
  await signIn(page);
  await openVaultOnceManifestIsIn(page);
}, 180_000);

afterAll(async () => {
  writeFaultTable(rows);
  await browser?.close();
});

const vaultShown = async () => (await page.getByTestId('vault-count').count()) === 1;
const backupBanner = () => page.getByTestId('manifest-backup-notice');

/** `/api/profile` as the page's own refresh asks it, with the same session. */
async function profileAnswer(): Promise<{ status: number; code?: string; fromBackup?: boolean }> {
  const response = await page.request.get('/api/profile', { headers: { Accept: 'application/json' } });
  const body = (await response.json()) as { error?: { code: string; message: string }; manifest?: { fromBackup: boolean } };
  return { status: response.status(), code: body.error?.code, fromBackup: body.manifest?.fromBackup };
}

/** Injects a simulator fault, checks the page and the JSON route, clears it, checks the page recovers. */
async function bungieFault(row: Omit<FaultRow, 'saw' | 'recovered'>, patch: Record<string, unknown>, clear: Record<string, unknown>, expected: { message: RegExp; status: number; code: string }) {
  await simControl(patch);
  let saw: string;
  try {
    await expectPlainAnswer(page, await page.goto('/vault'));
    expect(await page.locator('main [role="alert"]').getAttribute('data-problem')).toBe('bungie-unavailable');
    saw = await alertText(page);
    expect(saw).toMatch(expected.message);
    expect(await profileAnswer()).toMatchObject({ status: expected.status, code: expected.code });
    await page.screenshot({ path: screenshotPath(`fault-${row.fault.toLowerCase().replace(/\W+/g, '-')}`) });
  } finally {
    await simControl(clear);
  }
  const seconds = await reloadUntil(page, '/vault', vaultShown);
  rows.push({ ...row, saw, recovered: `yes — the vault on the next load (${seconds.toFixed(1)} s)` });
}

describe('faults: each injected under the running app, then cleared, in one browser session', () => {
  it('Bungie down (an HTML outage page)', async () => {
    await bungieFault({ fault: 'Bungie down', injected: 'simulator outage: HTML page, HTTP 503' }, { outage: true }, { outage: false }, {
      message: /not answering/,
      status: 503,
      code: 'bungie_unavailable',
    });
  });

  it('Bungie throttling', async () => {
    await bungieFault({ fault: 'Bungie throttling', injected: 'ErrorCode 36, ThrottleSeconds 10, HTTP 429' }, { throttle: true }, { throttle: false }, {
      message: /slow down/,
      status: 429,
      code: 'bungie_throttled',
    });
  });

  it('Bungie maintenance', async () => {
    await bungieFault({ fault: 'Bungie maintenance', injected: 'ErrorCode 5 SystemDisabled, HTTP 503' }, { maintenance: true }, { maintenance: false }, {
      message: /down for maintenance/,
      status: 503,
      code: 'bungie_maintenance',
    });
  });

  it('Bungie slow (5 s a call): the skeleton streams at once, then the vault', async () => {
    await simControl({ latencyMs: 5_000 });
    let skeletonAfter: number;
    let vaultAfter: number;
    try {
      const started = Date.now();
      const response = await page.goto('/vault', { waitUntil: 'commit' });
      expect(response?.status()).toBe(200);
      await page.locator('main [aria-busy="true"]').waitFor({ timeout: 20_000 });
      skeletonAfter = (Date.now() - started) / 1000;
      // Streamed: the skeleton is there while Bungie has not answered yet.
      expect(await page.getByTestId('vault-count').count()).toBe(0);
      await page.getByTestId('vault-count').waitFor({ timeout: 30_000 });
      vaultAfter = (Date.now() - started) / 1000;
      expect(vaultAfter).toBeGreaterThanOrEqual(4.9);
      expect(skeletonAfter).toBeLessThan(vaultAfter);
      expect(await page.content()).not.toMatch(/Internal Server Error/);
    } finally {
      await simControl({ latencyMs: 0 });
    }
    const seconds = await reloadUntil(page, '/vault', vaultShown);
    rows.push({
      fault: 'Bungie slow (5 s)',
      injected: 'simulator latency 5,000 ms per call',
      saw: `the page skeleton after ${skeletonAfter.toFixed(1)} s, the vault after ${vaultAfter.toFixed(1)} s`,
      recovered: `yes — full speed on the next load (${seconds.toFixed(1)} s)`,
    });
  });

  it('Bungie slower than the 8 s limit: a message instead of a hanging page', async () => {
    await bungieFault({ fault: 'Bungie very slow (9 s)', injected: 'simulator latency 9,000 ms (the app gives up after 8 s)' }, { latencyMs: 9_000 }, { latencyMs: 0 }, {
      message: /taking too long/,
      status: 503,
      code: 'bungie_unavailable',
    });
  });

  it('a token revoked mid-session: "sign in again", and signing in brings the vault back', async () => {
    await simControl({ revokeAuthorization: true });
    await expectPlainAnswer(page, await page.goto('/vault'));
    expect(await page.locator('main [role="alert"]').getAttribute('data-problem')).toBe('session-ended');
    const saw = await alertText(page);
    expect(saw).toMatch(/^Your Bungie session has ended — sign in again/);
    expect(await page.getByRole('button', { name: 'Sign in with Bungie' }).isVisible()).toBe(true);
    expect((await profileAnswer()).status).toBe(401);
    const started = Date.now();
    await signIn(page);
    await page.getByTestId('vault-count').waitFor();
    rows.push({
      fault: 'Token revoked mid-session',
      injected: 'simulator revokes every token of the sign-in',
      saw: `${saw} (with the sign-in button)`,
      recovered: `after signing in again, as it must (${((Date.now() - started) / 1000).toFixed(1)} s); nothing else breaks`,
    });
  });

  it('Redis down: pages are served from the in-process copy with a banner, then from Redis again', async () => {
    await expectPlainAnswer(page, await page.goto('/vault'));
    await serviceSwitch('redis', 'stop');
    let saw: string;
    try {
      // The app notices when it next asks Redis: at once for a hash it never read, else once the
      // current-version pointer it trusts for 15 s is due again.
      const noticedAfter = await reloadUntil(page, '/vault', async () => (await backupBanner().count()) === 1);
      expect(await vaultShown()).toBe(true);
      // A phone's first screen holds 50 tiles; the browser draws the rest after hydration.
      await allTilesDrawn(page);
      expect(await page.locator('main button[data-known="true"]').count()).toBeGreaterThan(100);
      saw = `the vault, with the banner “${(await backupBanner().innerText()).trim()}” (noticed within ${noticedAfter.toFixed(1)} s)`;
      expect(await profileAnswer()).toMatchObject({ status: 200, fromBackup: true });
      await page.screenshot({ path: screenshotPath('fault-redis-down') });
    } finally {
      await serviceSwitch('redis', 'start');
    }
    const seconds = await reloadUntil(page, '/vault', async () => (await backupBanner().count()) === 0 && (await vaultShown()));
    expect(await profileAnswer()).toMatchObject({ status: 200, fromBackup: false });
    rows.push({ fault: 'Redis down', injected: 'redis-server stopped behind the Upstash bridge', saw, recovered: `yes — banner gone, reads from Redis again after ${seconds.toFixed(1)} s, no restart` });
  });

  it('the database down: a clear page and 503 JSON, and the same session works once it is back', async () => {
    await serviceSwitch('postgres', 'stop');
    let saw: string;
    try {
      await expectPlainAnswer(page, await page.goto('/vault'));
      expect(await page.locator('main [role="alert"]').getAttribute('data-problem')).toBe('database-unavailable');
      saw = await alertText(page);
      expect(saw).toMatch(/database is not answering/);
      expect(await profileAnswer()).toMatchObject({ status: 503, code: 'database_unavailable' });
      await page.screenshot({ path: screenshotPath('fault-database-down') });
    } finally {
      await serviceSwitch('postgres', 'start');
    }
    const seconds = await reloadUntil(page, '/vault', vaultShown);
    rows.push({ fault: 'Database down', injected: 'PostgreSQL stopped (fast shutdown)', saw, recovered: `yes — the vault, still signed in, ${seconds.toFixed(1)} s after it restarted` });
  });
});
