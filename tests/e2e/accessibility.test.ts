import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, newContext, PHONE } from '../support/browser';
import { MANIFEST_WAIT_MS, openVaultOnceManifestIsIn } from '../support/inventory';
import { signIn } from '../support/sign-in';

const AXE = path.resolve(import.meta.dirname, '../../node_modules/axe-core/axe.min.js');
type Impact = 'minor' | 'moderate' | 'serious' | 'critical';
type Violation = { id: string; impact: Impact | null; help: string; nodes: { target: string[]; html: string; failureSummary?: string }[] };

/** Runs axe-core on the page as it is; returns its violations. */
async function axe(page: Page): Promise<Violation[]> {
  await page.addScriptTag({ path: AXE });
  // `axe` is the global the script defines in the page.
  const result = await page.evaluate(() => (window as unknown as { axe: { run(): Promise<{ violations: unknown[] }> } }).axe.run());
  return result.violations as Violation[];
}

function report(name: string, violations: Violation[]): Record<Impact, number> {
  const counts: Record<Impact, number> = { minor: 0, moderate: 0, serious: 0, critical: 0 };
  for (const v of violations) counts[v.impact ?? 'minor'] += v.nodes.length;
  console.log(`[axe] ${name}: ${JSON.stringify(counts)}${violations.length ? ` — ${violations.map((v) => `${v.id} (${v.impact}, ${v.nodes.length})`).join(', ')}` : ''}`);
  // The first offenders' markup, so a failure says what to fix.
  for (const v of violations) for (const n of v.nodes.slice(0, 2)) console.log(`[axe]   ${v.id}: ${n.html.slice(0, 300)} — ${n.failureSummary ?? ''}`);
  return counts;
}

function expectNoSeriousOrCritical(violations: Violation[]): void {
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`)).toEqual([]);
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
    const violations = await axe(page);
    report('/', violations);
    expectNoSeriousOrCritical(violations);
    await context.close();
  });

  it('the vault, a character page and /xur, signed in', async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await signIn(page);
    await openVaultOnceManifestIsIn(page);
    const vault = await axe(page);
    report('/vault', vault);

    const characterHref = await page.getByRole('navigation', { name: 'Vault and characters' }).locator('a[href^="/characters/"]').first().getAttribute('href');
    await page.goto(characterHref!);
    await page.locator('main h1').waitFor();
    const character = await axe(page);
    report('/characters/[id]', character);

    await page.goto('/xur');
    await page.locator('[data-xur], [data-problem]').first().waitFor();
    const xur = await axe(page);
    report('/xur', xur);

    expectNoSeriousOrCritical(vault);
    expectNoSeriousOrCritical(character);
    expectNoSeriousOrCritical(xur);
    await context.close();
  }, MANIFEST_WAIT_MS + 60_000);
});
