/**
 * The search language (issue #7): parsed into a tree with positions, compiled to a predicate
 * over ItemTile, evaluated in the browser. Pure and client-safe: no server imports.
 */
export type { SearchError, SearchNode } from './ast';
export { mentionsFacts, needsFacts, withFacts } from './facts';
export { indexItems, compile, type ItemPredicate, type SearchIndex, type SearchItem } from './evaluate';
export { parse } from './parse';
export { compileSearch, type CompiledSearch } from './search';
export { applySuggestion, suggest, type Suggestion } from './suggest';
export { IS_KEYWORDS } from './vocabulary';
