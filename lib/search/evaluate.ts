import type { ItemTile } from '@/lib/inventory/types';
import type { Comparison, Filter, IsKeyword, SearchNode } from './ast';
import { compactText } from './terms';
import { WEAPON_SLOT_HASHES } from './vocabulary';

/** Facts about a page's whole item list that single-item filters need; built once per list. */
export type SearchIndex = {
  /** Item hashes that appear more than once among the page's items (`is:dupe`). */
  dupes: ReadonlySet<number>;
  /** The page's item type names, as the manifest spells them, each once, sorted (`type:` suggestions). */
  typeNames: readonly string[];
};

/** Indexes a page's items for `is:dupe` and the `type:` suggestions. */
export function indexItems(items: readonly ItemTile[]): SearchIndex {
  const seen = new Set<number>();
  const dupes = new Set<number>();
  const types = new Set<string>();
  for (const item of items) {
    if (seen.has(item.hash)) dupes.add(item.hash);
    seen.add(item.hash);
    if (item.typeName) types.add(item.typeName);
  }
  // A plain comparison: the first localeCompare call builds a collator, tens of ms on a phone.
  return { dupes, typeNames: [...types].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)) };
}

/** A compiled query: true when the item matches. */
export type ItemPredicate = (item: ItemTile) => boolean;

const CLASS_TYPES = { titan: 0, hunter: 1, warlock: 2 } as const;
const ELEMENTS = { arc: 'arc', solar: 'solar', void: 'void', stasis: 'stasis', strand: 'strand' } as const;

function isTest(keyword: IsKeyword, index: SearchIndex): ItemPredicate {
  switch (keyword) {
    case 'weapon': return (t) => t.itemType === 3;
    case 'armor': return (t) => t.itemType === 2;
    case 'exotic': case 'legendary': case 'rare': case 'uncommon': case 'common': return (t) => t.tier === keyword;
    case 'equipped': return (t) => t.equipped;
    case 'locked': return (t) => t.locked;
    case 'unlocked': return (t) => !t.locked;
    case 'masterwork': return (t) => t.masterwork;
    case 'kinetic': case 'energy': case 'power': {
      const slot = WEAPON_SLOT_HASHES[keyword];
      return (t) => t.slotHash === slot;
    }
    case 'titan': case 'hunter': case 'warlock': {
      const classType = CLASS_TYPES[keyword];
      return (t) => t.classType === classType;
    }
    case 'dupe': return (t) => index.dupes.has(t.hash);
    case 'postmaster': return (t) => t.location.kind === 'postmaster';
    case 'vault': return (t) => t.location.kind === 'vault';
    case 'arc': case 'solar': case 'void': case 'stasis': case 'strand': return damageTest(ELEMENTS[keyword]);
  }
}

function damageTest(damage: string): ItemPredicate {
  return (t) => t.damageType !== null && t.damageType.toLowerCase() === damage;
}

function compare(op: Comparison, limit: number): (n: number) => boolean {
  switch (op) {
    case '<': return (n) => n < limit;
    case '<=': return (n) => n <= limit;
    case '=': return (n) => n === limit;
    case '>=': return (n) => n >= limit;
    case '>': return (n) => n > limit;
  }
}

/** Whether a type name is `text` or ends with it, word-wise ("Hunter Helmet" is a `helmet`). */
function typeTest(text: string): ItemPredicate {
  return (t) => {
    if (!t.typeName) return false;
    const words = t.typeName.split(/\s+/);
    for (let i = 0; i < words.length; i++) if (compactText(words.slice(i).join('')) === text) return true;
    return false;
  };
}

function filterTest(filter: Filter, index: SearchIndex): ItemPredicate {
  switch (filter.kind) {
    case 'is': return isTest(filter.keyword, index);
    case 'text': return (t) => t.name.toLowerCase().includes(filter.text) || t.typeName.toLowerCase().includes(filter.text);
    case 'name': return (t) => t.name.toLowerCase().includes(filter.text);
    case 'type': return typeTest(filter.text);
    case 'tier': return (t) => t.tier === filter.tier;
    case 'damage': return damageTest(filter.damage);
    case 'power': {
      const test = compare(filter.op, filter.value);
      return (t) => t.power !== null && test(t.power);
    }
  }
}

/** Compiles a tree into one predicate: the closures are built once per query, not per item. */
export function compile(node: SearchNode | null, index: SearchIndex): ItemPredicate {
  if (node === null) return () => true;
  switch (node.type) {
    case 'term': return filterTest(node.filter, index);
    case 'group': return compile(node.inner, index);
    case 'not': {
      const operand = compile(node.operand, index);
      return (t) => !operand(t);
    }
    case 'and': {
      const parts = node.children.map((c) => compile(c, index));
      return (t) => parts.every((p) => p(t));
    }
    case 'or': {
      const parts = node.children.map((c) => compile(c, index));
      return (t) => parts.some((p) => p(t));
    }
  }
}
