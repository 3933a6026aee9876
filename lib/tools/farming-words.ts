/**
 * Farming mode's sentences, shared by the route (one turn's summary) and the page (the running
 * total): no server-only imports, so client components can use it.
 */

/** How often an open page asks for a farming turn while farming is on. */
export const FARMING_INTERVAL_MS = 10_000;

/** "Moved 3 engrams and 1 consumable stack to the vault.", or "Nothing new to move." */
export function movedSentence(engrams: number, stacks: number): string {
  const parts = [engrams > 0 ? `${engrams} ${engrams === 1 ? 'engram' : 'engrams'}` : '', stacks > 0 ? `${stacks} consumable ${stacks === 1 ? 'stack' : 'stacks'}` : ''].filter(Boolean);
  return parts.length === 0 ? 'Nothing new to move.' : `Moved ${parts.join(' and ')} to the vault.`;
}
