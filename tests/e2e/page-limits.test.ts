import crypto from 'node:crypto';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '@/dev/services/stack';
import { launchChromium, PHONE } from '@/tests/support/browser';
import { sessionCookie, signIn } from '@/tests/support/sign-in';

// Its own app, with a small player budget (the shared test app raises the limits: every browser
// test file signs in as one player). The built app must exist: `npm test` builds it.
const root = path.resolve(import.meta.dirname, '../..');
const PLAYER_BUDGET = 5;
let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  stack = await startStack({
    log: () => undefined,
    database: `vr_page_limits_${crypto.randomBytes(4).toString('hex')}`,
    app: {
      authSecret: 'page-limits-secret-page-limits-secret-01',
      logFile: path.join(root, 'test-results/page-limits.log'),
      env: { RATE_LIMIT_PLAYER: String(PLAYER_BUDGET), RATE_LIMIT_IP: '1000' },
      manifestTimeoutMs: 180_000,
    },
  });
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
}, 60_000);

describe('pages that spend a Bungie call share the player’s rate limit with the JSON routes', () => {
  it('answers /vault loads past the budget with the "one moment" page, without asking Bungie', async () => {
    const context = await browser.newContext({ ...PHONE, baseURL: stack.appUrl });
    const page = await context.newPage();
    await signIn(page);
    const cookie = await sessionCookie(context);
    await context.close();
    expect(cookie).toBeDefined();
    // Let the sign-in's own reads leave the sliding window (it spans two 10 s windows).
    await new Promise((r) => setTimeout(r, 20_000));

    const profilesBefore = stack.sim.stats.byEndpoint.GetProfile ?? 0;
    const pages = await Promise.all(
      Array.from({ length: 12 }, async () => {
        const response = await fetch(`${stack.appUrl}/vault`, { headers: { cookie: `${cookie!.name}=${cookie!.value}` } });
        expect(response.status).toBe(200);
        return response.text();
      }),
    );
    const limited = pages.filter((html) => html.includes('data-problem="rate-limited"'));
    const served = pages.filter((html) => html.includes('data-testid="vault-count"'));
    expect(limited.length + served.length).toBe(12);
    expect(served.length).toBeGreaterThan(0);
    // The budget per 10 s; a burst that straddles two windows may get one or two more through.
    expect(served.length).toBeLessThanOrEqual(PLAYER_BUDGET + 2);
    expect(limited[0]).toContain('Bungie limits how often Vault Raider may ask it for your items');
    // A refused page asked Bungie nothing.
    expect((stack.sim.stats.byEndpoint.GetProfile ?? 0) - profilesBefore).toBeLessThanOrEqual(served.length);
  });
});
