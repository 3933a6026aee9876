import { searchError, type SearchError, type Token } from './ast';

// Phone keyboards type “curly” quotes: any of these opens or closes a double-quoted value.
const DOUBLE_QUOTES = new Set(['"', '“', '”', '„']);
// DIM also takes single quotes ('…', ‘…’), but only where a value starts: `hawthorne's` stays one word.
const SINGLE_QUOTES = new Set(["'", '‘', '’', '‚']);
const OPERATORS = new Map<string, 'or' | 'and' | 'not'>([['or', 'or'], ['and', 'and'], ['not', 'not']]);

const isSpace = (c: string) => /\s/.test(c);
const endsWord = (c: string) => isSpace(c) || c === '(' || c === ')' || DOUBLE_QUOTES.has(c);
const opensQuote = (c: string | undefined) => c !== undefined && (DOUBLE_QUOTES.has(c) || SINGLE_QUOTES.has(c));

/** Reads a quoted value whose opening quote is at `open`; its end is past the closing quote of the same kind. */
function readQuoted(text: string, open: number): { value: string; end: number } | SearchError {
  const closers = DOUBLE_QUOTES.has(text[open]!) ? DOUBLE_QUOTES : SINGLE_QUOTES;
  for (let i = open + 1; i < text.length; i++) {
    if (closers.has(text[i]!)) return { value: text.slice(open + 1, i), end: i + 1 };
  }
  const quote = closers === DOUBLE_QUOTES ? '"' : "'";
  return searchError(`This quote is never closed: add a closing ${quote} after the text.`, { start: open, end: text.length });
}

/**
 * Splits a query into tokens with their offsets: parentheses, `-` (not), the words `or`, `and`
 * and `not`, and terms (`word`, `"a phrase"`, `'a phrase'`, `key:value`, `key:"quoted value"`).
 * `/* comments *\/` (DIM's saved-search titles) are skipped: they are text for people, not filters.
 */
export function tokenize(text: string): { ok: true; tokens: Token[] } | { ok: false; error: SearchError } {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (isSpace(c)) {
      i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      if (close < 0) return { ok: false, error: searchError('This comment is never closed: add */ after it.', { start: i, end: text.length }) };
      i = close + 2;
    } else if (c === '(' || c === ')' || c === '-') {
      tokens.push({ kind: c === '(' ? 'lparen' : c === ')' ? 'rparen' : 'not', start: i, end: i + 1 });
      i++;
    } else if (opensQuote(c)) {
      const quoted = readQuoted(text, i);
      if ('message' in quoted) return { ok: false, error: quoted };
      tokens.push({ kind: 'term', key: null, value: quoted.value, quoted: true, start: i, end: quoted.end });
      i = quoted.end;
    } else {
      const start = i;
      while (i < text.length && !endsWord(text[i]!) && text[i] !== ':') i++;
      if (text[i] === ':') {
        const key = text.slice(start, i).toLowerCase();
        i++;
        if (opensQuote(text[i])) {
          const quoted = readQuoted(text, i);
          if ('message' in quoted) return { ok: false, error: quoted };
          tokens.push({ kind: 'term', key, value: quoted.value, quoted: true, start, end: quoted.end });
          i = quoted.end;
          continue;
        }
        const valueStart = i;
        while (i < text.length && !endsWord(text[i]!)) i++;
        tokens.push({ kind: 'term', key, value: text.slice(valueStart, i), quoted: false, start, end: i });
        continue;
      }
      const word = text.slice(start, i);
      const operator = OPERATORS.get(word.toLowerCase());
      tokens.push(operator ? { kind: operator, start, end: i } : { kind: 'term', key: null, value: word, quoted: false, start, end: i });
    }
  }
  return { ok: true, tokens };
}
