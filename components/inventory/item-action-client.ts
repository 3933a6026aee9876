/** The item action routes as the browser calls them, and what they answer. */

/** Where one item ended up (the routes' `items` entries). */
export type ItemPlace = { itemId: string; itemHash: number; owner: string; equipped: boolean; locked: boolean };

/** A move the server suggests to make room; the player decides. */
export type SuggestedMove = { label: string; move: { itemId: string; itemHash: number; from: string; to: string } };

export type ActionOutcome =
  | { ok: true; items: ItemPlace[] }
  | { ok: false; code: string; message: string; suggestion?: SuggestedMove; partial?: boolean; nowIn?: string };

/** Posts one item action; every failure (network included) comes back as a sentence, never a throw. */
export async function postItemAction(route: 'transfer' | 'equip' | 'lock' | 'pull', body: unknown): Promise<ActionOutcome> {
  let response: Response;
  try {
    response = await fetch(`/api/items/${route}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  } catch {
    return { ok: false, code: 'offline', message: 'Vault Raider could not be reached. Check your connection and try again.' };
  }
  const answer = (await response.json().catch(() => null)) as { ok?: true; items?: ItemPlace[]; error?: { code: string; message: string; suggestion?: SuggestedMove; partial?: boolean; nowIn?: string } } | null;
  if (response.ok && answer?.ok && answer.items) return { ok: true, items: answer.items };
  const error = answer?.error;
  return error ? { ok: false, ...error } : { ok: false, code: 'unexpected', message: `Something went wrong (HTTP ${response.status}). Try again.` };
}
