import type { Page } from 'playwright-core';
import { simVault, type SimVaultItem } from './inventory';
import { simUrl } from './sign-in';

/** One simulated character as `/__sim/state` lists it. */
export type SimCharacter = { characterId: string; classType: number; location: string };

/** The simulated characters. */
export async function simCharacters(): Promise<SimCharacter[]> {
  return ((await (await fetch(`${simUrl()}/__sim/state`)).json()) as { characters: SimCharacter[] }).characters;
}

/** How many times the simulator answered each Bungie endpoint so far. */
export async function simCalls(endpoint: string): Promise<number> {
  const stats = (await (await fetch(`${simUrl()}/__sim/stats`)).json()) as { byEndpoint: Record<string, number> };
  return stats.byEndpoint[endpoint] ?? 0;
}

/** Instance ids of the items in the simulated vault. */
export async function vaultIds(): Promise<Set<string>> {
  return new Set((await simVault()).items.flatMap((i) => (i.itemInstanceId ? [i.itemInstanceId] : [])));
}

type Answer = { status: number; body: { ok?: true; error?: { code: string; message: string } } };

/** Calls the app's transfer route from the signed-in page, as the app's own client does. */
export async function transferFromPage(page: Page, body: { itemId: string; itemHash: number; from: string; to: string }): Promise<Answer> {
  return page.evaluate(async (b) => {
    const response = await fetch('/api/items/transfer', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(b) });
    return { status: response.status, body: await response.json() };
  }, body);
}

/**
 * Fills a character's bucket through the app (vault items of that slot moved there until the game
 * answers "no room"), leaving `keep` in the vault. Returns the ids moved, for `emptyOnto`.
 */
export async function fillBucket(page: Page, characterId: string, bucketTypeHash: number, keep: string[]): Promise<SimVaultItem[]> {
  const { items } = await simVault();
  const fillers = items.filter((i) => i.bucketTypeHash === bucketTypeHash && i.itemInstanceId && !keep.includes(i.itemInstanceId));
  const moved: SimVaultItem[] = [];
  for (const item of fillers) {
    const answer = await transferFromPage(page, { itemId: item.itemInstanceId!, itemHash: item.itemHash, from: 'vault', to: characterId });
    if (answer.body.error?.code === 'no_room') return moved;
    // An item another test moved meanwhile is simply skipped.
    if (answer.body.ok) moved.push(item);
  }
  throw new Error(`the vault has too few items of bucket ${bucketTypeHash} to fill it`);
}

/** Puts items back into the vault (best effort: a test's clean-up, so other tests find room). */
export async function backToVault(page: Page, characterId: string, items: { itemInstanceId: string | null; itemHash: number }[]): Promise<void> {
  for (const item of items) {
    if (item.itemInstanceId) await transferFromPage(page, { itemId: item.itemInstanceId, itemHash: item.itemHash, from: characterId, to: 'vault' }).catch(() => undefined);
  }
}
