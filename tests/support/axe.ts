import path from 'node:path';
import type { Page } from 'playwright-core';

const AXE = path.resolve(import.meta.dirname, '../../node_modules/axe-core/axe.min.js');

export type AxeImpact = 'minor' | 'moderate' | 'serious' | 'critical';
/** One axe-core rule the page breaks, with the elements that break it. */
export type AxeViolation = { id: string; impact: AxeImpact | null; help: string; nodes: { target: string[]; html: string; failureSummary?: string }[] };

/** Runs axe-core on the page as it is (or only inside the `within` selector); returns its violations. */
export async function axeViolations(page: Page, within?: string): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: AXE });
  // `axe` is the global the script defines in the page.
  const result = await page.evaluate(
    (selector) => (window as unknown as { axe: { run(context: string | Document): Promise<{ violations: unknown[] }> } }).axe.run(selector ?? document),
    within,
  );
  return result.violations as AxeViolation[];
}

/** The serious and critical ones, as "rule: help at target" lines (an empty list is a pass). */
export function seriousOrCritical(violations: AxeViolation[]): string[] {
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`);
}

/** axe-core's serious and critical violations on the page as it is (or inside `within`), as "rule: help at target" lines. */
export async function seriousAxeViolations(page: Page, within?: string): Promise<string[]> {
  return seriousOrCritical(await axeViolations(page, within));
}

/** Logs the counts by impact and the first offenders' markup, so a failure says what to fix. */
export function reportAxe(name: string, violations: AxeViolation[]): Record<AxeImpact, number> {
  const counts: Record<AxeImpact, number> = { minor: 0, moderate: 0, serious: 0, critical: 0 };
  for (const v of violations) counts[v.impact ?? 'minor'] += v.nodes.length;
  console.log(`[axe] ${name}: ${JSON.stringify(counts)}${violations.length ? ` — ${violations.map((v) => `${v.id} (${v.impact}, ${v.nodes.length})`).join(', ')}` : ''}`);
  for (const v of violations) for (const n of v.nodes.slice(0, 2)) console.log(`[axe]   ${v.id}: ${n.html.slice(0, 300)} — ${n.failureSummary ?? ''}`);
  return counts;
}
