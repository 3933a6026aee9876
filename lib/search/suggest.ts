import type { SearchIndex } from './evaluate';
import { DAMAGE_TYPES, IS_KEYWORDS, STAT_KEY_BY_HASH, TAGS, TIERS } from './vocabulary';

/** One completion: `text` replaces the query's characters from `start` to `end`. */
export type Suggestion = { text: string; hint: string; start: number; end: number };

const QUOTES = /["“”„]/;
const STOP = /[\s()]/;

/** The fixed completions, most used first. */
const STATIC: readonly { text: string; hint: string }[] = [
  ...IS_KEYWORDS.map((k) => ({ text: `is:${k.keyword}`, hint: k.meaning })),
  ...TIERS.filter((t) => t !== 'unknown').map((t) => ({ text: `tier:${t}`, hint: 'rarity' })),
  ...DAMAGE_TYPES.map((d) => ({ text: `damage:${d}`, hint: 'damage type' })),
  { text: 'power:>=', hint: 'power at least …' },
  { text: 'power:<=', hint: 'power at most …' },
  { text: 'power:>', hint: 'power above …' },
  { text: 'power:<', hint: 'power below …' },
  { text: 'power:=', hint: 'power exactly …' },
  { text: 'name:"', hint: 'name contains …' },
  { text: 'type:', hint: 'item type' },
  ...[...STAT_KEY_BY_HASH.values(), 'total'].map((stat) => ({ text: `stat:${stat}:>=`, hint: stat === 'total' ? 'armour stats summed, at least …' : 'stat at least …' })),
  ...[...STAT_KEY_BY_HASH.values(), 'total'].map((stat) => ({ text: `basestat:${stat}:>=`, hint: stat === 'total' ? 'armour base stats summed, at least …' : 'stat without mods and masterwork, at least …' })),
  { text: 'season:>=', hint: 'from season … on' },
  { text: 'season:', hint: 'from season …' },
  { text: 'year:', hint: 'from year … (season 1–3 is year 1)' },
  { text: 'perk:"', hint: 'a plugged perk named …' },
  { text: 'perkname:"', hint: 'a plugged perk named …' },
  { text: 'count:>', hint: 'copies of the same item, more than …' },
  ...TAGS.map((tag) => ({ text: `tag:${tag}`, hint: 'your tag' })),
  { text: 'tag:none', hint: 'no tag' },
  { text: 'notes:', hint: 'your note contains …' },
  ...IS_KEYWORDS.map((k) => ({ text: `not:${k.keyword}`, hint: `not ${k.meaning}` })),
];

/** The word being typed at `caret`: from after the last space or parenthesis (and a leading `-`) to the word's end. */
function fragmentAt(query: string, caret: number): { start: number; end: number } {
  let start = Math.max(0, Math.min(caret, query.length));
  let end = start;
  // Inside quotes a space belongs to the value: walk back over a quoted part as a whole.
  const before = query.slice(0, start);
  const quotesBefore = (before.match(/["“”„]/g) ?? []).length;
  if (quotesBefore % 2 === 1) {
    const open = Math.max(...['"', '“', '”', '„'].map((q) => before.lastIndexOf(q)));
    start = open;
    while (start > 0 && !STOP.test(query[start - 1]!)) start--;
  } else {
    while (start > 0 && !STOP.test(query[start - 1]!)) start--;
  }
  while (end < query.length && !STOP.test(query[end]!) && !QUOTES.test(query[end]!)) end++;
  if (quotesBefore % 2 === 1 && QUOTES.test(query[end] ?? '')) end++;
  if (query[start] === '-') start++;
  return { start, end: Math.max(start, end) };
}

/**
 * Completions for the word at the caret: filter keywords (`is:exotic`, `tier:legendary`,
 * `damage:solar`, …) and the `type:` names of the page's items. A word matches a completion
 * it begins (`is:ex` → `is:exotic`) or whose value it begins (`exo` → `is:exotic`, `tier:exotic`).
 */
export function suggest(query: string, caret: number, index: SearchIndex, limit = 8): Suggestion[] {
  const { start, end } = fragmentAt(query, caret);
  const typed = query.slice(start, Math.min(end, Math.max(caret, start))).toLowerCase().replace(/[“”„]/g, '"');
  if (typed.length === 0) return [];
  const types = index.typeNames.map((name) => ({ text: /\s/.test(name) ? `type:"${name.toLowerCase()}"` : `type:${name.toLowerCase()}`, hint: name }));
  const perks = index.perkNames.map((name) => ({ text: /\s/.test(name) ? `perk:"${name}"` : `perk:${name}`, hint: 'perk' }));
  const all = [...STATIC, ...types, ...perks];
  // Quotes are optional while typing: `type:h` may become `type:"hand cannon"`.
  const bare = (text: string) => text.replace(/"/g, '');
  const word = bare(typed);
  const valueOf = (text: string) => bare(text.slice(text.indexOf(':') + 1));
  const whole = all.filter((c) => bare(c.text).startsWith(word) && c.text !== typed);
  const byValue = typed.includes(':') ? [] : all.filter((c) => !c.text.startsWith('not:') && !bare(c.text).startsWith(word) && valueOf(c.text).startsWith(word));
  return [...whole, ...byValue].slice(0, limit).map((c) => ({ ...c, start, end }));
}

/** The query with a suggestion accepted, and where the caret goes (after it, past a space when it is complete). */
export function applySuggestion(query: string, suggestion: Suggestion): { query: string; caret: number } {
  // `is:` or `power:>=` still wants its value, and `name:"` its text: no space after those.
  const open = /[:=<>]$/.test(suggestion.text) || suggestion.text.endsWith(':"');
  const after = query.slice(suggestion.end);
  const spacer = open || after.startsWith(' ') ? '' : ' ';
  const text = `${query.slice(0, suggestion.start)}${suggestion.text}${spacer}${after}`;
  const caret = suggestion.start + suggestion.text.length + (open ? 0 : 1);
  return { query: text, caret };
}
