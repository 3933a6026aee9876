/**
 * Farming mode's sentences, shared by the route (one turn's summary) and the page (the running
 * total): no server-only imports, so client components can use it.
 */

/** How often an open page asks for a farming turn while farming is on. */
export const FARMING_INTERVAL_MS = 10_000;

/** "Moved 3 items and 1 consumable stack to the vault.", or "Nothing needed moving." */
export function movedSentence(items: number, stacks: number): string {
  const parts = [items > 0 ? `${items} ${items === 1 ? 'item' : 'items'}` : '', stacks > 0 ? `${stacks} consumable ${stacks === 1 ? 'stack' : 'stacks'}` : ''].filter(Boolean);
  return parts.length === 0 ? 'Nothing needed moving.' : `Moved ${parts.join(' and ')} to the vault.`;
}

/**
 * The character's Engrams bucket, which farming cannot empty (the game keeps engrams on the
 * character): "Engrams: 4/10.", or, full, a warning that new ones go to the postmaster.
 */
export function engramSentence({ count, capacity }: { count: number; capacity: number }): string {
  return count >= capacity
    ? `Engrams full (${count}/${capacity}): new engrams go to the postmaster. Decrypt some to make room.`
    : `Engrams: ${count}/${capacity}.`;
}

/** Full slots where nothing may leave, so their drops go to the postmaster. */
export function stuckSentence(slots: readonly string[]): string {
  return slots.length === 0 ? '' : `Full, and every item there is locked, equipped or kept: ${slots.join(', ')}. Drops for ${slots.length === 1 ? 'it' : 'them'} go to the postmaster.`;
}
