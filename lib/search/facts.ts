/**
 * The search's side of the items' facts (stats, base stats, perk names): pages do not carry them,
 * `GET /api/items/facts` answers them, and only the queries that read them wait for them.
 */
import type { ItemFacts, ItemTile } from '@/lib/inventory/types';
import type { SearchNode } from './ast';
import type { SearchItem } from './evaluate';

/**
 * Whether a query's tree reads the facts: `stat:`, `basestat:`, `perk:` / `perkname:`. A bare word
 * does not: it matches names and type names only (as before the facts left the tiles), so typing a
 * name never waits for a fetch.
 */
export function needsFacts(node: SearchNode | null): boolean {
  if (node === null) return false;
  switch (node.type) {
    case 'term': return node.filter.kind === 'stat' || node.filter.kind === 'perk';
    case 'group': return needsFacts(node.inner);
    case 'not': return needsFacts(node.operand);
    case 'and': case 'or': return node.children.some(needsFacts);
  }
}

// A key that reads the facts, typed (perhaps half, `perk:` with nothing after it yet, which does not parse).
const FACT_KEY = /(?:^|[\s(-])(?:stat|basestat|perk|perks|perkname):/i;

/** Whether the text typed so far names a key that reads the facts: time to fetch them (the `perk:` suggestions come from them). */
export function mentionsFacts(query: string): boolean {
  return FACT_KEY.test(query);
}

/**
 * The tiles with their facts joined on by instance id: new objects for the tiles that have facts,
 * the tiles themselves for the rest (stacks, an id the facts do not know yet).
 */
export function withFacts(items: readonly ItemTile[], facts: Readonly<Record<string, ItemFacts>>): SearchItem[] {
  return items.map((t) => {
    const f = t.instanceId === undefined ? undefined : facts[t.instanceId];
    return f ? { ...t, ...f } : t;
  });
}
