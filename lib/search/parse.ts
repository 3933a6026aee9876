import { searchError, type ParseResult, type SearchError, type SearchNode, type Token } from './ast';
import { checkTerm } from './terms';
import { tokenize } from './tokenize';

/** Deeper nesting (of parentheses and `-`) than any person types; stops runaway recursion. */
const MAX_DEPTH = 64;

/** Thrown only inside this module and always caught by `parse`, which returns it as a value. */
class Stop {
  constructor(readonly error: SearchError) {}
}

/** Recursive descent over the tokens: or → and → unary → group | term. */
class Parser {
  private at = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[], private readonly length: number) {}

  parseQuery(): SearchNode | null {
    if (this.tokens.length === 0) return null;
    const node = this.parseOr();
    const extra = this.peek();
    if (extra) this.fail(extra.kind === 'rparen' ? 'This ) has no matching (.' : 'Unexpected text here.', extra);
    return node;
  }

  private peek(): Token | undefined {
    return this.tokens[this.at];
  }

  private fail(message: string, where: Token | number): never {
    throw new Stop(searchError(message, where));
  }

  /** Whether the next token can start an operand. */
  private startsOperand(token: Token | undefined): boolean {
    return token !== undefined && (token.kind === 'term' || token.kind === 'lparen' || token.kind === 'not');
  }

  private parseOr(): SearchNode {
    const children = [this.parseAnd()];
    for (let token = this.peek(); token?.kind === 'or'; token = this.peek()) {
      this.at++;
      if (!this.startsOperand(this.peek())) this.fail('“or” needs a filter on both sides.', token);
      children.push(this.parseAnd());
    }
    return children.length === 1 ? children[0]! : { type: 'or', children, start: children[0]!.start, end: children.at(-1)!.end };
  }

  private parseAnd(): SearchNode {
    const children: SearchNode[] = [];
    for (let token = this.peek(); token && token.kind !== 'or' && token.kind !== 'rparen'; token = this.peek()) {
      if (token.kind === 'and') {
        this.at++;
        if (children.length === 0 || !this.startsOperand(this.peek())) this.fail('“and” needs a filter on both sides.', token);
        continue;
      }
      children.push(this.parseUnary());
    }
    if (children.length === 0) {
      const token = this.peek();
      if (token?.kind === 'or') this.fail('“or” needs a filter on both sides.', token);
      if (token?.kind === 'rparen') this.fail('This ) has no matching (.', token);
      this.fail('A filter is missing here.', this.length);
    }
    return children.length === 1 ? children[0]! : { type: 'and', children, start: children[0]!.start, end: children.at(-1)!.end };
  }

  private parseUnary(): SearchNode {
    const token = this.peek()!;
    if (++this.depth > MAX_DEPTH) this.fail('Too deeply nested: use fewer parentheses or minus signs.', token);
    try {
      if (token.kind === 'not') {
        this.at++;
        if (!this.startsOperand(this.peek())) this.fail(`“${token.end - token.start === 1 ? '-' : 'not'}” needs a filter right after it.`, token);
        const operand = this.parseUnary();
        return { type: 'not', operand, start: token.start, end: operand.end };
      }
      if (token.kind === 'lparen') {
        this.at++;
        if (this.peek()?.kind === 'rparen') this.fail('These parentheses are empty.', { ...token, end: this.peek()!.end });
        if (!this.peek()) this.fail('This ( is never closed.', token);
        const inner = this.parseOr();
        const close = this.peek();
        if (close?.kind !== 'rparen') this.fail('This ( is never closed.', token);
        this.at++;
        return { type: 'group', inner, start: token.start, end: close.end };
      }
      if (token.kind === 'term') {
        this.at++;
        const filter = checkTerm(token);
        if ('message' in filter) throw new Stop(filter);
        return { type: 'term', filter, start: token.start, end: token.end };
      }
      return this.fail('A filter is missing here.', token);
    } finally {
      this.depth--;
    }
  }
}

/**
 * Parses a search query into a tree, or the first error with its place in the text. Never
 * throws, whatever the input; an empty query parses to null (everything matches).
 */
export function parse(text: string): ParseResult {
  const lexed = tokenize(text);
  if (!lexed.ok) return lexed;
  try {
    return { ok: true, ast: new Parser(lexed.tokens, text.length).parseQuery() };
  } catch (error) {
    if (error instanceof Stop) return { ok: false, error: error.error };
    throw error;
  }
}
