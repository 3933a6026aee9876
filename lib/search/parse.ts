import { searchError, type ParseResult, type SearchError, type SearchNode, type Token } from './ast';
import { checkTerm } from './terms';
import { tokenize } from './tokenize';

/** Deeper nesting (of parentheses and `-`) than any person types; stops runaway recursion. */
const MAX_DEPTH = 64;

/** Thrown only inside this module and always caught by `parse`, which returns it as a value. */
class Stop {
  constructor(readonly error: SearchError) {}
}

/**
 * Recursive descent over the tokens, with DIM's precedence (loosest first): implicit and (a
 * space) → `or` → explicit `and` → unary (`-`, `not`) → group | term. So `a b or c d` is
 * `a and (b or c) and d`, while `a and b or c` is `(a and b) or c`.
 */
class Parser {
  private at = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[], private readonly length: number) {}

  parseQuery(): SearchNode | null {
    if (this.tokens.length === 0) return null;
    const node = this.parseSpaced();
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

  /** Operands side by side (the implicit and): the loosest binding. Explicit ands inside are merged in. */
  private parseSpaced(): SearchNode {
    const token = this.peek();
    if (!this.startsOperand(token)) this.missingOperand(token);
    const children: SearchNode[] = [];
    while (this.startsOperand(this.peek())) {
      const node = this.parseOr();
      if (node.type === 'and') children.push(...node.children);
      else children.push(node);
    }
    return children.length === 1 ? children[0]! : { type: 'and', children, start: children[0]!.start, end: children.at(-1)!.end };
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

  /** Operands joined by the word `and`: binds tighter than `or`. */
  private parseAnd(): SearchNode {
    const children = [this.parseUnary()];
    for (let token = this.peek(); token?.kind === 'and'; token = this.peek()) {
      this.at++;
      if (!this.startsOperand(this.peek())) this.fail('“and” needs a filter on both sides.', token);
      children.push(this.parseUnary());
    }
    return children.length === 1 ? children[0]! : { type: 'and', children, start: children[0]!.start, end: children.at(-1)!.end };
  }

  /** Says why no operand starts at `token`. */
  private missingOperand(token: Token | undefined): never {
    if (token?.kind === 'or') this.fail('“or” needs a filter on both sides.', token);
    if (token?.kind === 'and') this.fail('“and” needs a filter on both sides.', token);
    if (token?.kind === 'rparen') this.fail('This ) has no matching (.', token);
    this.fail('A filter is missing here.', this.length);
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
        const inner = this.parseSpaced();
        const close = this.peek();
        if (close?.kind !== 'rparen') this.fail('This ( is never closed.', token);
        this.at++;
        return { type: 'group', inner, start: token.start, end: close.end };
      }
      if (token.kind === 'term') {
        this.at++;
        // DIM: `not:x` is `-is:x`.
        const negated = token.key === 'not';
        const filter = checkTerm(negated ? { ...token, key: 'is', shownKey: 'not' } : token);
        if ('message' in filter) throw new Stop(filter);
        const term: SearchNode = { type: 'term', filter, start: token.start, end: token.end };
        return negated ? { type: 'not', operand: term, start: token.start, end: token.end } : term;
      }
      return this.missingOperand(token);
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
