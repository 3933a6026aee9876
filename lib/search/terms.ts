import { searchError, type Comparison, type Filter, type SearchError, type Token } from './ast';
import { closest, DAMAGE_TYPES, IS_KEYWORDS, IS_WORDS, KEY_WORDS, KEYS, STAT_WORDS, TAGS, TIERS, UNSUPPORTED_IS, UNSUPPORTED_KEYS } from './vocabulary';

/** A term token; `shownKey` is the key as typed when the parser rewrote it (`not:x` is checked as `is:x`). */
type TermToken = Extract<Token, { kind: 'term' }> & { shownKey?: string };

const COMPARISON = /^(<=|>=|<|>|=)?(\d{1,6})$/;
const IS_LIST = IS_KEYWORDS.map((k) => k.keyword);
const STAT_LIST = [...STAT_WORDS.keys(), 'total'];

/** Letters and digits only, lower-cased: how `type:` compares type names. */
export function compactText(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

const tryList = (key: string, words: readonly string[]) => words.map((w) => `${key}:${w}`).join(', ');

const EXAMPLES: Record<string, string> = {
  is: 'is:exotic', not: 'not:locked', power: 'power:>=1800', tier: 'tier:legendary', damage: 'damage:solar', stat: 'stat:range:>=60',
  count: 'count:>1', tag: 'tag:junk', basestat: 'basestat:total:>=60', season: 'season:>=20', year: 'year:7',
};

/** `<op><n>` (`>=1800`, `<2`, `5`) as a comparison, or null. */
function comparison(text: string): { op: Comparison; value: number } | null {
  const match = COMPARISON.exec(text.trim());
  return match ? { op: (match[1] ?? '=') as Comparison, value: Number(match[2]) } : null;
}

/** Checks one term and turns it into a filter, or says what is wrong with it. */
export function checkTerm(token: TermToken): Filter | SearchError {
  const { key, value, quoted } = token;
  if (key === null) return { kind: 'text', text: value.toLowerCase() };
  const typedKey = token.shownKey ?? key;
  const shown = token.quoted ? `${typedKey}:"${value}"` : `${typedKey}:${value}`;
  const canonical = KEY_WORDS.get(key);
  if (canonical === undefined) {
    const why = UNSUPPORTED_KEYS.get(key);
    if (why) return searchError(`${key}: is a DIM filter Vault Raider does not support: ${why}.`, token);
    return searchError(`Unknown filter ${key}: — try ${KEYS.map((k) => `${k}:`).join(', ')}.`, token);
  }
  if (value.trim() === '') {
    return searchError(`${typedKey}: needs a value, like ${EXAMPLES[token.shownKey ?? canonical] ?? `${canonical}:"…"`}.`, token);
  }
  const lower = value.toLowerCase();
  switch (canonical) {
    case 'is':
    case 'not': {
      const keyword = quoted ? undefined : IS_WORDS.get(lower);
      if (keyword) return { kind: 'is', keyword };
      const why = UNSUPPORTED_IS.get(lower);
      if (why) return searchError(`${shown} is a DIM filter Vault Raider does not support: ${why}.`, token);
      return searchError(`Unknown filter ${shown} — try ${tryList(typedKey, closest(lower, IS_LIST))}, …`, token);
    }
    case 'name':
      return { kind: 'name', text: lower };
    case 'type': {
      const text = compactText(value);
      if (!text) return searchError(`${shown} names no item type — try type:"hand cannon".`, token);
      return { kind: 'type', text };
    }
    case 'tier': {
      const tier = TIERS.find((t) => t === lower);
      if (tier) return { kind: 'tier', tier };
      return searchError(`Unknown rarity ${shown} — try ${tryList('tier', closest(lower, TIERS))}.`, token);
    }
    case 'damage': {
      if (DAMAGE_TYPES.includes(lower)) return { kind: 'damage', damage: lower };
      return searchError(`Unknown damage type ${shown} — try ${tryList('damage', closest(lower, DAMAGE_TYPES))}.`, token);
    }
    case 'power': {
      const compared = comparison(value);
      if (!compared) return searchError(`${shown} needs a number, like power:>=1800 or power:<2000.`, token);
      return { kind: 'power', ...compared };
    }
    case 'count': {
      const compared = comparison(value);
      if (!compared) return searchError(`${shown} needs a number, like count:>1 or count:=3.`, token);
      return { kind: 'count', ...compared };
    }
    case 'stat':
    case 'basestat': {
      // <key>:<name>:<op><n>; DIM also adds stats with `+` (stat:mobility+recovery:>50) — not taken here.
      const colon = lower.lastIndexOf(':');
      const name = colon < 0 ? lower : compactText(lower.slice(0, colon));
      if (colon < 0 || !(STAT_WORDS.has(name) || name === 'total')) {
        return searchError(`${shown} names no stat — try ${tryList(canonical, closest(name, STAT_LIST)).replace(/((?:base)?stat:\w+)/g, '$1:>=60')}.`, token);
      }
      const compared = comparison(lower.slice(colon + 1));
      if (!compared) return searchError(`${shown} needs a number after the stat, like ${canonical}:${name}:>=60.`, token);
      return canonical === 'basestat' ? { kind: 'stat', stat: name, ...compared, base: true } : { kind: 'stat', stat: name, ...compared };
    }
    case 'season':
    case 'year': {
      const compared = comparison(value);
      if (!compared) return searchError(`${shown} needs a number, like ${EXAMPLES[canonical]}.`, token);
      return { kind: canonical, ...compared };
    }
    case 'perk':
    case 'perkname':
      return { kind: 'perk', text: lower };
    case 'tag': {
      const tag = lower === 'none' ? 'none' : TAGS.find((t) => t === lower);
      if (tag) return { kind: 'tag', tag };
      return searchError(`Unknown tag ${shown} — try ${tryList('tag', closest(lower, [...TAGS, 'none']))}.`, token);
    }
    case 'notes':
      return { kind: 'notes', text: lower };
  }
}
