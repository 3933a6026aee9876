import type { Tier } from '@/lib/inventory/types';
import type { IsKeyword } from './ast';

/** Every `is:` keyword with what it means (the suggestion list and the README show these). */
export const IS_KEYWORDS: readonly { keyword: IsKeyword; meaning: string }[] = [
  { keyword: 'exotic', meaning: 'exotic rarity' },
  { keyword: 'weapon', meaning: 'weapons' },
  { keyword: 'armor', meaning: 'armour (also is:armour)' },
  { keyword: 'legendary', meaning: 'legendary rarity' },
  { keyword: 'rare', meaning: 'rare rarity' },
  { keyword: 'uncommon', meaning: 'uncommon rarity' },
  { keyword: 'common', meaning: 'common rarity' },
  { keyword: 'equipped', meaning: 'equipped on a character' },
  { keyword: 'locked', meaning: 'locked in game' },
  { keyword: 'unlocked', meaning: 'not locked' },
  { keyword: 'masterwork', meaning: 'fully masterworked' },
  { keyword: 'kinetic', meaning: 'kinetic weapon slot' },
  { keyword: 'energy', meaning: 'energy weapon slot' },
  { keyword: 'power', meaning: 'power (heavy) weapon slot (also is:heavy)' },
  { keyword: 'hunter', meaning: 'Hunter-only gear' },
  { keyword: 'titan', meaning: 'Titan-only gear' },
  { keyword: 'warlock', meaning: 'Warlock-only gear' },
  { keyword: 'dupe', meaning: 'the same item more than once on the page' },
  { keyword: 'postmaster', meaning: 'waiting at the postmaster' },
  { keyword: 'vault', meaning: 'in the vault' },
  { keyword: 'arc', meaning: 'Arc damage' },
  { keyword: 'solar', meaning: 'Solar damage' },
  { keyword: 'void', meaning: 'Void damage' },
  { keyword: 'stasis', meaning: 'Stasis damage' },
  { keyword: 'strand', meaning: 'Strand damage' },
];

/** `is:` words, aliases included, to the keyword they mean. */
export const IS_WORDS: ReadonlyMap<string, IsKeyword> = new Map<string, IsKeyword>([
  ...IS_KEYWORDS.map((k) => [k.keyword, k.keyword] as const),
  ['armour', 'armor'], ['weapons', 'weapon'], ['heavy', 'power'], ['masterworked', 'masterwork'], ['mw', 'masterwork'], ['dupes', 'dupe'], ['duplicate', 'dupe'],
]);

/** Rarities `tier:` accepts (also written `rarity:`). */
export const TIERS: readonly Tier[] = ['exotic', 'legendary', 'rare', 'uncommon', 'common', 'currency', 'unknown'];

/** Damage types `damage:` accepts (also written `element:`), as Bungie names them, lower-cased. */
export const DAMAGE_TYPES: readonly string[] = ['kinetic', 'arc', 'solar', 'void', 'stasis', 'strand'];

/**
 * The weapon slots' inventory bucket hashes (DestinyInventoryBucketDefinition): Kinetic, Energy
 * and Power Weapons. Real Bungie hashes, the same the simulator uses.
 */
export const WEAPON_SLOT_HASHES = { kinetic: 1498876634, energy: 2465295065, power: 953998645 } as const;

/** The filter keys, in the order help text lists them. */
export const KEYS = ['is', 'name', 'type', 'tier', 'power', 'damage'] as const;

/** Key aliases to the key they mean. */
export const KEY_WORDS: ReadonlyMap<string, (typeof KEYS)[number]> = new Map<string, (typeof KEYS)[number]>([
  ...KEYS.map((k) => [k, k] as const),
  ['rarity', 'tier'], ['element', 'damage'], ['pl', 'power'],
]);

/** Levenshtein distance, for "did you mean" lists. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row.push(Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    previous = row;
  }
  return previous[b.length]!;
}

/**
 * The `count` words of `choices` closest to `word`: those it starts first, then by edit distance;
 * when nothing is close (a typo of at most half the word), the first choices, most used first.
 */
export function closest(word: string, choices: readonly string[], count = 3): string[] {
  const w = word.toLowerCase().slice(0, 40);
  const near = choices
    .map((c, order) => ({ c, order, rank: c.startsWith(w) && w ? -1 : distance(w, c) }))
    .filter((x) => x.rank <= Math.max(1, Math.floor(w.length / 2)))
    .sort((a, b) => a.rank - b.rank || a.order - b.order)
    .map((x) => x.c);
  return [...new Set([...near, ...choices])].slice(0, count);
}
