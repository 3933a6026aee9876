import { searchError, type Comparison, type Filter, type SearchError, type Token } from './ast';
import { closest, DAMAGE_TYPES, IS_KEYWORDS, IS_WORDS, KEY_WORDS, KEYS, TIERS } from './vocabulary';

type TermToken = Extract<Token, { kind: 'term' }>;

const COMPARISON = /^(<=|>=|<|>|=)?(\d{1,6})$/;
const IS_LIST = IS_KEYWORDS.map((k) => k.keyword);

/** Letters and digits only, lower-cased: how `type:` compares type names. */
export function compactText(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

const tryList = (key: string, words: string[]) => words.map((w) => `${key}:${w}`).join(', ');

/** Checks one term and turns it into a filter, or says what is wrong with it. */
export function checkTerm(token: TermToken): Filter | SearchError {
  const { key, value, quoted } = token;
  if (key === null) return { kind: 'text', text: value.toLowerCase() };
  const shown = token.quoted ? `${key}:"${value}"` : `${key}:${value}`;
  const canonical = KEY_WORDS.get(key);
  if (canonical === undefined) {
    return searchError(`Unknown filter ${key}: — try ${KEYS.map((k) => `${k}:`).join(', ')}.`, token);
  }
  if (value.trim() === '') {
    const example = canonical === 'is' ? 'is:exotic' : canonical === 'power' ? 'power:>=1800' : canonical === 'tier' ? 'tier:legendary' : canonical === 'damage' ? 'damage:solar' : `${canonical}:"…"`;
    return searchError(`${key}: needs a value, like ${example}.`, token);
  }
  const lower = value.toLowerCase();
  switch (canonical) {
    case 'is': {
      const keyword = quoted ? undefined : IS_WORDS.get(lower);
      if (keyword) return { kind: 'is', keyword };
      return searchError(`Unknown filter ${shown} — try ${tryList('is', closest(lower, IS_LIST))}, …`, token);
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
      const match = COMPARISON.exec(value.trim());
      if (!match) return searchError(`${shown} needs a number, like power:>=1800 or power:<2000.`, token);
      return { kind: 'power', op: (match[1] ?? '=') as Comparison, value: Number(match[2]) };
    }
  }
}
