/**
 * The search language's data: tokens, the syntax tree and the positioned error. Every node and
 * token carries its offsets in the query text, so a message can point at the part it is about.
 */
import type { Tier } from '@/lib/inventory/types';

/** Offsets into the query text: `start` inclusive, `end` exclusive. */
export type Span = { start: number; end: number };

/** What went wrong, in plain words, and where: `length` characters from `offset` (0 at the very end). */
export type SearchError = { message: string; offset: number; length: number };

/** A lexical piece of the query. */
export type Token =
  | (Span & { kind: 'lparen' | 'rparen' | 'not' | 'or' | 'and' })
  | (Span & {
      kind: 'term';
      /** Lower-cased text before the first colon (`is`, `power`, …); null for a bare word or phrase. */
      key: string | null;
      /** Text after the colon (or the whole word), without quotes, as typed. */
      value: string;
      quoted: boolean;
    });

/** The `is:` keywords, after aliases are resolved. */
export type IsKeyword =
  | 'weapon' | 'armor' | 'exotic' | 'legendary' | 'rare' | 'uncommon' | 'common' | 'equipped' | 'locked' | 'unlocked'
  | 'masterwork' | 'kinetic' | 'energy' | 'power' | 'hunter' | 'titan' | 'warlock' | 'dupe' | 'postmaster' | 'vault'
  | 'arc' | 'solar' | 'void' | 'stasis' | 'strand';

/** How `power:` compares. */
export type Comparison = '<' | '<=' | '=' | '>=' | '>';

/** One checked filter; text values are already lower-cased. */
export type Filter =
  | { kind: 'is'; keyword: IsKeyword }
  /** A bare word or quoted phrase: found in the name or the type name. */
  | { kind: 'text'; text: string }
  | { kind: 'name'; text: string }
  /** Letters and digits only, so `handcannon` and `"Hand Cannon"` are the same. */
  | { kind: 'type'; text: string }
  | { kind: 'tier'; tier: Tier }
  | { kind: 'damage'; damage: string }
  | { kind: 'power'; op: Comparison; value: number };

/** The syntax tree. */
export type SearchNode =
  | (Span & { type: 'term'; filter: Filter })
  | (Span & { type: 'not'; operand: SearchNode })
  | (Span & { type: 'and' | 'or'; children: SearchNode[] })
  | (Span & { type: 'group'; inner: SearchNode });

/** A parse: the tree (null for an empty query, which matches everything), or the first error. */
export type ParseResult = { ok: true; ast: SearchNode | null } | { ok: false; error: SearchError };

/** An error spanning `span`, or the empty place at `offset`. */
export function searchError(message: string, span: Span | number): SearchError {
  return typeof span === 'number' ? { message, offset: span, length: 0 } : { message, offset: span.start, length: span.end - span.start };
}
