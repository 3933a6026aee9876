import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { allTilesDrawn, openVaultOnceManifestIsIn } from './inventory';
import { POSTMASTER_BUCKET, simWorld } from './journey';

/** What the inventory screen shows, read in one evaluation. */
export type InventoryScreenRead = {
  tiles: { id: string | null; hash: number; tier: string | null; store: string; equipped: boolean; inEquippedRow: boolean; locked: boolean; postmaster: boolean; bucket: number }[];
  /** Per character column: the first numbers of its slot counts, and its postmaster count. */
  columns: { store: string; slotCounts: number[]; slotTiles: number; postmaster: string | null }[];
  vaultCount: string | null;
};

/** Opens /inventory (after the manifest is in: the vault page waits for it), `query` in `?q=`. */
export async function openInventory(page: Page, query?: string): Promise<void> {
  await openVaultOnceManifestIsIn(page);
  await page.goto(query ? `/inventory?q=${encodeURIComponent(query)}` : '/inventory');
  await page.getByTestId('vault-count').waitFor();
  // Act once React has hydrated (a tile drag or a tap before that is lost).
  await page.waitForFunction(() => {
    const tile = document.querySelector('[data-store] button[data-item-hash]');
    return Boolean(tile && Object.keys(tile).some((k) => k.startsWith('__reactProps')));
  });
  await allTilesDrawn(page);
}

/** Reads every tile of the inventory screen with its column, and each column's counts. */
export async function readInventory(page: Page): Promise<InventoryScreenRead> {
  await allTilesDrawn(page);
  return page.evaluate(() => {
    const tiles = [...document.querySelectorAll<HTMLElement>('main [data-store] button[data-item-hash]')]
      .filter((b) => !b.closest('dialog'))
      .map((b) => ({
        id: b.getAttribute('data-item-id'),
        hash: Number(b.getAttribute('data-item-hash')),
        tier: b.getAttribute('data-tier'),
        store: b.closest('[data-store]')!.getAttribute('data-store')!,
        equipped: b.hasAttribute('data-equipped'),
        inEquippedRow: Boolean(b.closest('[aria-label^="Equipped on"]')),
        locked: b.hasAttribute('data-locked'),
        postmaster: Boolean(b.closest('section[aria-label^="Postmaster"]')),
        bucket: Number(b.closest('[data-bucket-hash]')?.getAttribute('data-bucket-hash') ?? -1),
      }));
    const columns = [...document.querySelectorAll<HTMLElement>('main [data-store]:not([data-store="vault"])')].map((col) => {
      const slots = [...col.querySelectorAll<HTMLElement>('section[data-bucket-hash]')].filter((s) => !s.getAttribute('aria-label')?.startsWith('Postmaster'));
      return {
        store: col.getAttribute('data-store')!,
        slotCounts: slots.map((s) => Number(s.querySelector('[data-testid="section-count"]')?.textContent?.match(/\d+/)?.[0] ?? NaN)),
        slotTiles: [...col.querySelectorAll('button[data-item-hash]')].filter((b) => !b.closest('section[aria-label^="Postmaster"]')).length,
        postmaster: col.querySelector('[data-testid="postmaster-count"]')?.textContent ?? null,
      };
    });
    return { tiles, columns, vaultCount: document.querySelector('main [data-testid="vault-count"]')?.textContent ?? null };
  });
}

/**
 * Every way the inventory screen disagrees with the simulated world (`GET /__sim/items`); empty
 * when it tells the truth: each tile in its owner's column (vault and account-wide in the vault's),
 * equipped tiles in the equipped row, lock marks, postmaster items apart; without a search, every
 * item of the world exactly once, each column's slot counts adding up to its tiles, the postmaster
 * counts and the vault count.
 */
export async function inventoryDisagreements(page: Page, searching = false): Promise<string[]> {
  const [screen, world] = await Promise.all([readInventory(page), simWorld()]);
  const problems: string[] = [];
  const byId = new Map(world.items.filter((i) => i.itemInstanceId).map((i) => [i.itemInstanceId!, i]));
  const seen = new Map<string, number>();
  for (const tile of screen.tiles) {
    if (!tile.id) continue;
    seen.set(tile.id, (seen.get(tile.id) ?? 0) + 1);
    const item = byId.get(tile.id);
    if (!item) {
      problems.push(`tile ${tile.id} is on the screen but not in the world`);
      continue;
    }
    const store = item.owner === 'profile' ? 'vault' : item.owner;
    if (tile.store !== store) problems.push(`tile ${tile.id} is in column ${tile.store}, the world has it at ${item.owner}`);
    if (tile.equipped !== item.equipped) problems.push(`tile ${tile.id} shows equipped=${tile.equipped}, the world says ${item.equipped}`);
    if (tile.inEquippedRow !== item.equipped) problems.push(`tile ${tile.id} is ${tile.inEquippedRow ? '' : 'not '}in the equipped row, the world says equipped=${item.equipped}`);
    if (tile.locked !== item.locked) problems.push(`tile ${tile.id} shows locked=${tile.locked}, the world says ${item.locked}`);
    if (tile.postmaster !== (item.bucketHash === POSTMASTER_BUCKET)) problems.push(`tile ${tile.id} is ${tile.postmaster ? '' : 'not '}at the postmaster, the world has it in bucket ${item.bucketHash}`);
  }
  for (const [id, n] of seen) if (n > 1) problems.push(`tile ${id} is shown ${n} times`);
  if (!searching) {
    const missing = [...byId.keys()].filter((id) => !seen.has(id));
    if (missing.length) problems.push(`the world has ${missing.length} item(s) the screen does not show: ${missing.slice(0, 5).join(', ')}`);
    for (const c of screen.columns) {
      const sum = c.slotCounts.reduce((a, b) => a + b, 0);
      if (sum !== c.slotTiles) problems.push(`column ${c.store}: the slot counts add up to ${sum}, it shows ${c.slotTiles} tiles`);
      const lost = world.items.filter((i) => i.owner === c.store && i.bucketHash === POSTMASTER_BUCKET).length;
      if ((c.postmaster === null ? 0 : Number(c.postmaster.split('/')[0])) !== lost) problems.push(`column ${c.store}: the postmaster says ${c.postmaster}, the world has ${lost} there`);
    }
    if (Number(screen.vaultCount?.split('/')[0]) !== world.vaultCount) problems.push(`the vault count says ${screen.vaultCount}, the world's vault holds ${world.vaultCount}`);
  }
  return problems;
}

/** Waits until the inventory screen agrees with the simulated world (actions re-read the profile afterwards). */
export async function screenAgrees(page: Page, searching = false): Promise<void> {
  let last: string[] = [];
  await expect
    .poll(async () => (last = await inventoryDisagreements(page, searching)).length, { timeout: 20_000, message: 'the screen agrees with the world' })
    .toBe(0)
    .catch((error: unknown) => {
      throw new Error(`${String(error)}\n${last.join('\n')}`);
    });
}
