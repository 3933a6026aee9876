import type { ItemFacts, ItemTile } from '@/lib/inventory/types';
import { bestSet, type PowerCandidate } from '@/lib/tools/best-set';
import type { Comparison, Filter, IsKeyword, SearchNode } from './ast';
import { compactText } from './terms';
import { ARMOR_STAT_HASHES, ARMOR_SUBTYPES, STAT_KEY_BY_HASH, STAT_WORDS, WEAPON_SLOT_HASHES, WEAPON_SUBTYPES, yearOfSeason } from './vocabulary';

/**
 * What the search reads about an item: its tile and, once the page has them (GET /api/items/facts,
 * asked only for a query that needs them), the stats and perks `stat:`, `basestat:` and `perk:` read.
 */
export type SearchItem = ItemTile & ItemFacts;

/** Facts about a page's whole item list that single-item filters need; built once per list. */
export type SearchIndex = {
  /** Item hashes that appear more than once among the page's items (`is:dupe`). */
  dupes: ReadonlySet<number>;
  /** How many tiles of each item hash the page holds (`count:`). */
  counts: ReadonlyMap<number, number>;
  /**
   * Tile keys of the items in each class's max-power set among the page's items (`is:maxpower`):
   * the max-power tool's choice (lib/tools/best-set.ts) — the best item per slot its class can use,
   * at most one exotic weapon and one exotic armour piece.
   */
  maxPower: ReadonlySet<string>;
  /** Instance ids in the player's saved loadouts (`is:inloadout`); empty until they are known. */
  loadoutItems: ReadonlySet<string>;
  /** The page's item type names, as the manifest spells them, each once, sorted (`type:` suggestions). */
  typeNames: readonly string[];
  /** The page's perk names, each once, sorted (`perk:` suggestions); empty until the page has its items' facts. */
  perkNames: readonly string[];
};

const sorted = (values: Iterable<string>) => [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/**
 * Indexes a page's items for `is:dupe`, `count:`, `is:maxpower`, `is:inloadout` and the suggestions.
 * Nothing is read until a query or the suggestions first ask: a page that is only looked at (its
 * server render, its hydration on a phone) never pays for the pass over its items. The first field
 * asked for reads every item once for all the others.
 */
export function indexItems(items: readonly SearchItem[], loadoutItems: ReadonlySet<string> = new Set()): SearchIndex {
  let read: ReturnType<typeof readItems> | null = null;
  const all = () => (read ??= readItems(items));
  // The max-power sets are worked out when a query first asks (`is:maxpower`), not with the rest:
  // three best-set searches cost tens of ms of a phone's hydration.
  let maxPower: ReadonlySet<string> | null = null;
  return {
    get dupes() {
      return all().dupes;
    },
    get counts() {
      return all().counts;
    },
    get maxPower() {
      return (maxPower ??= maxPowerIds(all().gear));
    },
    loadoutItems,
    get typeNames() {
      return all().typeNames;
    },
    get perkNames() {
      return all().perkNames;
    },
  };
}

/** The one pass over a page's items behind its index. */
function readItems(items: readonly SearchItem[]) {
  const counts = new Map<number, number>();
  const dupes = new Set<number>();
  const types = new Set<string>();
  const perks = new Set<string>();
  const gear: PowerCandidate[] = [];
  for (const item of items) {
    const count = (counts.get(item.hash) ?? 0) + 1;
    counts.set(item.hash, count);
    if (count > 1) dupes.add(item.hash);
    if (item.typeName) types.add(item.typeName);
    if (item.perks) for (const p of item.perks) perks.add(p);
    const candidate = powerCandidate(item);
    if (candidate) gear.push(candidate);
  }
  // A plain comparison: the first localeCompare call builds a collator, tens of ms on a phone.
  return { counts, dupes, gear, typeNames: sorted(types), perkNames: sorted(perks) };
}

/**
 * A tile as the max-power tool weighs it; null for what it never picks (no power, stacks, the
 * postmaster: items there must be pulled first). Tiles carry no equip label: an exotic weapon or
 * armour piece is told by its rarity (the game's "exotic_weapon" / "exotic_armor" groups).
 */
function powerCandidate(t: ItemTile): PowerCandidate | null {
  if (t.power === null || !t.instanceId || (t.itemType !== 2 && t.itemType !== 3) || t.location.kind === 'postmaster') return null;
  const uniqueLabel = t.tier !== 'exotic' ? '' : t.itemType === 3 ? 'exotic_weapon' : 'exotic_armor';
  const owner = t.location.characterId ?? 'vault';
  return { itemId: t.key, itemHash: t.hash, owner, equipped: t.equipped, power: t.power, slot: t.slotHash, classType: t.classType, uniqueLabel };
}

/**
 * The highest power a character (of `classType`) can reach from these tiles, wherever they are
 * (the vault and the other characters included, the postmaster not), under the game's rules: the
 * inventory screen's headers show it. The same best set as the max-power tool's. The tiles are
 * read once, whatever the number of characters asked about.
 */
export function maxPowersOf(items: readonly ItemTile[]): (characterId: string, classType: number) => number {
  const gear = items.flatMap((t) => powerCandidate(t) ?? []);
  return (characterId, classType) => bestSet(gear, characterId, classType).power;
}

/** The union of the three classes' max-power sets (DIM: for each character class). */
function maxPowerIds(gear: readonly PowerCandidate[]): Set<string> {
  const ids = new Set<string>();
  for (const classType of [0, 1, 2]) for (const pick of bestSet(gear, '', classType).picks.values()) ids.add(pick.itemId);
  return ids;
}

/** A compiled query: true when the item matches. */
export type ItemPredicate = (item: SearchItem) => boolean;

const CLASS_TYPES = { titan: 0, hunter: 1, warlock: 2 } as const;
const ELEMENTS = { kinetic: 'kinetic', arc: 'arc', solar: 'solar', void: 'void', stasis: 'stasis', strand: 'strand' } as const;
const ARMOR_STAT_KEYS = ARMOR_STAT_HASHES.map((h) => STAT_KEY_BY_HASH.get(h)!);

function isTest(keyword: IsKeyword, index: SearchIndex): ItemPredicate {
  switch (keyword) {
    case 'weapon': return (t) => t.itemType === 3;
    case 'armor': return (t) => t.itemType === 2;
    case 'exotic': case 'legendary': case 'rare': case 'uncommon': case 'common': return (t) => t.tier === keyword;
    case 'equipped': return (t) => t.equipped;
    case 'locked': return (t) => t.locked;
    case 'unlocked': return (t) => !t.locked;
    case 'masterwork': return (t) => t.masterwork;
    case 'kineticslot': case 'energy': case 'power': {
      const slot = WEAPON_SLOT_HASHES[keyword === 'kineticslot' ? 'kinetic' : keyword];
      return (t) => t.slotHash === slot;
    }
    case 'titan': case 'hunter': case 'warlock': {
      const classType = CLASS_TYPES[keyword];
      return (t) => t.classType === classType;
    }
    case 'dupe': return (t) => index.dupes.has(t.hash);
    case 'postmaster': return (t) => t.location.kind === 'postmaster';
    case 'vault': return (t) => t.location.kind === 'vault';
    case 'kinetic': case 'arc': case 'solar': case 'void': case 'stasis': case 'strand': return damageTest(ELEMENTS[keyword]);
    case 'crafted': return (t) => t.crafted === true;
    case 'inloadout': return (t) => t.instanceId !== undefined && index.loadoutItems.has(t.instanceId);
    case 'maxpower': return (t) => index.maxPower.has(t.key);
    case 'haspower': return (t) => t.power !== null;
    case 'tagged': return (t) => t.tag !== undefined;
    case 'hasnotes': return (t) => t.notes !== undefined && t.notes.trim() !== '';
    case 'helmet': case 'gauntlets': case 'chest': case 'leg': case 'classitem': {
      const subType = ARMOR_SUBTYPES[keyword];
      return (t) => t.itemType === 2 && t.subType === subType;
    }
    default: {
      const subType = WEAPON_SUBTYPES[keyword];
      return (t) => t.itemType === 3 && t.subType === subType;
    }
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

/** A stat of a tile: its current value, or with `base` its base value (a tile lists only the base values that differ). */
const statOf = (t: SearchItem, key: string, base: boolean | undefined): number | undefined => (base ? (t.baseStats?.[key] ?? t.stats?.[key]) : t.stats?.[key]);

/**
 * `stat:<name>` (or `basestat:` with `base`) on a tile's stats; `total` sums the armour stats (armour
 * only). An item without the stat never matches.
 */
function statTest(stat: string, test: (n: number) => boolean, base: boolean | undefined): ItemPredicate {
  if (stat === 'total') {
    return (t) => {
      if (t.itemType !== 2 || !t.stats) return false;
      let sum = 0;
      for (const key of ARMOR_STAT_KEYS) sum += statOf(t, key, base) ?? 0;
      return test(sum);
    };
  }
  const key = STAT_KEY_BY_HASH.get(STAT_WORDS.get(stat)!)!;
  return (t) => {
    const value = statOf(t, key, base);
    return value !== undefined && test(value);
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
    case 'count': {
      const test = compare(filter.op, filter.value);
      return (t) => test(index.counts.get(t.hash) ?? 0);
    }
    case 'stat': return statTest(filter.stat, compare(filter.op, filter.value), filter.base);
    case 'season': {
      const test = compare(filter.op, filter.value);
      return (t) => t.season !== undefined && test(t.season);
    }
    case 'year': {
      const test = compare(filter.op, filter.value);
      return (t) => t.season !== undefined && test(yearOfSeason(t.season));
    }
    case 'perk': return (t) => t.perks !== undefined && t.perks.some((p) => p.includes(filter.text));
    case 'tag': return filter.tag === 'none' ? (t) => t.tag === undefined : (t) => t.tag === filter.tag;
    case 'notes': return (t) => t.notes !== undefined && t.notes.toLowerCase().includes(filter.text);
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

