import fs from 'node:fs';
import path from 'node:path';
import type { Page, Response } from 'playwright-core';
import { expect } from 'vitest';

/** Stops or starts Redis or PostgreSQL under the running app (dev/test/fault-stack.ts). */
export async function serviceSwitch(service: 'redis' | 'postgres', action: 'stop' | 'start'): Promise<void> {
  const base = process.env.FAULTS_CONTROL_URL;
  if (!base) throw new Error('FAULTS_CONTROL_URL is not set: run the fault tests through `npm run test:faults` (or `npm test`).');
  const response = await fetch(`${base}/${service}/${action}`, { method: 'POST' });
  if (response.status !== 204) throw new Error(`${service} ${action} failed: ${await response.text()}`);
}

/** One row of the fault table. */
export type FaultRow = { fault: string; injected: string; saw: string; recovered: string };

/** Writes the table as Markdown to test-results/faults.md (the runner prints it). */
export function writeFaultTable(rows: readonly FaultRow[]): void {
  const dir = path.resolve(import.meta.dirname, '../../test-results');
  fs.mkdirSync(dir, { recursive: true });
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
  const lines = [
    '| fault | injected with | what the player saw | recovered by itself? |',
    '| --- | --- | --- | --- |',
    ...rows.map((r) => `| ${cell(r.fault)} | ${cell(r.injected)} | ${cell(r.saw)} | ${cell(r.recovered)} |`),
  ];
  fs.writeFileSync(path.join(dir, 'faults.md'), `${lines.join('\n')}\n`);
}

// A Node stack frame ("    at fn (file.js:1:2)") or Next's bare error page.
const STACK_TRACE = /\n\s*at [^\n]+:\d+:\d+|Internal Server Error|Application error: a server-side exception/;

/**
 * The page answered without a 500 and without a stack trace; returns its main text (what the
 * player reads). Waits for the streamed content: the vault, or a problem, or a notice.
 */
export async function expectPlainAnswer(page: Page, response: Response | null): Promise<string> {
  expect(response?.status(), 'HTTP status').toBeLessThan(500);
  await page.locator('main [data-testid="vault-count"], main [data-problem]').first().waitFor({ timeout: 30_000 });
  const text = (await page.locator('main').innerText()).trim();
  expect(await page.content()).not.toMatch(STACK_TRACE);
  return text;
}

/** The main alert's heading and sentence, as the player reads them. */
export async function alertText(page: Page): Promise<string> {
  const alert = page.locator('main [role="alert"]');
  return `${(await alert.locator('h1').innerText()).trim()} — ${(await alert.locator('p').first().innerText()).trim()}`;
}

/** Reloads `url` until `ready` holds (the app notices a fault or its end by itself); returns the seconds it took. */
export async function reloadUntil(page: Page, url: string, ready: () => Promise<boolean>, timeoutMs = 30_000): Promise<number> {
  const started = Date.now();
  for (;;) {
    await expectPlainAnswer(page, await page.goto(url));
    if (await ready()) return (Date.now() - started) / 1000;
    if (Date.now() - started > timeoutMs) throw new Error(`${url} did not reach the expected state within ${timeoutMs / 1000} s`);
    await page.waitForTimeout(500);
  }
}
