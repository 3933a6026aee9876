import type { Browser, BrowserContext, Page } from 'playwright-core';
import { newContext } from './browser';
import { signIn, simUrl } from './sign-in';

/** A vault item as the simulator's world holds it (`GET /__sim/vault`). */
export type SimVaultItem = { itemHash: number; itemInstanceId: string | null; quantity: number; known: boolean; itemType: number | null; bucketTypeHash: number | null };

/** The simulated world's vault: the primary profile's, or the one of `membershipId` (a second profile). */
export async function simVault(membershipId?: string): Promise<{ capacity: number; items: SimVaultItem[] }> {
  const query = membershipId ? `?membershipId=${membershipId}` : '';
  return (await fetch(`${simUrl()}/__sim/vault${query}`)).json() as Promise<{ capacity: number; items: SimVaultItem[] }>;
}

/** Flips simulator switches (`POST /__sim/control`); throws on a refused patch. */
export async function simControl(patch: Record<string, unknown>): Promise<Record<string, unknown>> {
  const response = await fetch(`${simUrl()}/__sim/control`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(patch) });
  const body = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`simulator refused ${JSON.stringify(patch)}: ${String(body.error)}`);
  return body;
}

/** How long to wait for the server's start-up manifest ingest (the simulator's manifest takes seconds). */
export const MANIFEST_WAIT_MS = 120_000;

/**
 * The set-up most browser tests start with: a new context on `device`, signed in, on /vault once
 * the manifest is in. The caller closes the context.
 */
export async function signedInOnVault(browser: Browser, device: Parameters<typeof newContext>[1]): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser, device);
  const page = await context.newPage();
  await signIn(page);
  await openVaultOnceManifestIsIn(page);
  return { context, page };
}

/** Waits until React owns the page (its props are on the search box): clicks before that are lost. */
export async function hydrated(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const box = document.querySelector('input[role="combobox"]');
    return box !== null && Object.keys(box).some((key) => key.startsWith('__reactProps'));
  });
}

/**
 * Opens /vault (signed in) until it stops saying the item database is still loading: the app
 * ingests the simulator's manifest when it starts. Throws one clear sentence when it never does.
 */
export async function openVaultOnceManifestIsIn(page: Page, timeoutMs = MANIFEST_WAIT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await page.goto('/vault');
    // React reveals streamed content shortly after the load event: wait for the vault or a problem.
    await page.locator('[data-testid="vault-count"], [data-problem]').first().waitFor();
    if ((await page.locator('[data-problem="no-manifest"]').count()) === 0) return allTilesDrawn(page);
    if (Date.now() > deadline) {
      throw new Error(`/vault still says "no manifest" after ${timeoutMs / 1000} s: the server must ingest the manifest at start-up (lib/manifest/refresh.ts).`);
    }
    await page.waitForTimeout(2000);
  }
}

/**
 * Waits until the page has drawn every tile: the server sends the first screen's tiles, the browser
 * draws the rest after hydration, and the tiles' container says `data-tiles="all"` then
 * (components/inventory/use-first-screen.ts). A page without tiles (an empty vault, a problem) has no
 * such container and passes at once.
 */
export async function allTilesDrawn(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('[data-tiles]:not([data-tiles="all"])'));
}

/** Group id of a vault item as the page should file it, from its definition's item type. */
export function expectedGroup(item: SimVaultItem): string {
  if (!item.known) return 'general';
  return item.itemType === 3 ? 'weapons' : item.itemType === 2 ? 'armor' : 'general';
}

/** Every tile on the page with the group and section it sits in, read in one evaluation. */
export async function tilesOnPage(page: Page): Promise<{ group: string; bucket: number; hash: number; id: string | null; name: string }[]> {
  await allTilesDrawn(page);
  return page.$$eval('button[data-item-hash]', (buttons) =>
    buttons.map((b) => ({
      group: b.closest('[data-group]')?.getAttribute('data-group') ?? '',
      bucket: Number(b.closest('[data-bucket-hash]')?.getAttribute('data-bucket-hash') ?? -1),
      hash: Number(b.getAttribute('data-item-hash')),
      id: b.getAttribute('data-item-id'),
      name: b.getAttribute('aria-label') ?? '',
    })),
  );
}

/** Whether the page scrolls sideways at its viewport (it must not on a phone). */
export async function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
}

/**
 * Waits until the icons in view have loaded, so screenshots show them. Not those beside the view (a
 * phone's other store columns): off-screen sections are not drawn (`content-visibility: auto`), so
 * their lazy icons wait until a swipe brings them near.
 */
export async function iconsLoaded(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      [...document.images]
        .map((i) => ({ i, r: i.getBoundingClientRect() }))
        .filter(({ r }) => r.top < window.innerHeight && r.left < window.innerWidth && r.right > 0)
        .every(({ i }) => i.complete),
    undefined,
    { timeout: 10_000 },
  );
}
