import type { SearchError, SearchNode } from './ast';
import { compile, type ItemPredicate, type SearchIndex } from './evaluate';
import { parse } from './parse';

/** A query ready to filter with, or why it cannot be. */
export type CompiledSearch = { ok: true; ast: SearchNode | null; matches: ItemPredicate } | { ok: false; error: SearchError };

/** Parses and compiles a query against a page's index. Never throws. */
export function compileSearch(query: string, index: SearchIndex): CompiledSearch {
  const parsed = parse(query);
  if (!parsed.ok) return parsed;
  return { ok: true, ast: parsed.ast, matches: compile(parsed.ast, index) };
}
