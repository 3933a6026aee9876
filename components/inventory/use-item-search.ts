'use client';

import { useSearchParams } from 'next/navigation';
import { startTransition, useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { ItemTile } from '@/lib/inventory/types';
import {
  compileSearch, indexItems, mentionsFacts, needsFacts, withFacts, type CompiledSearch, type ItemPredicate, type SearchError, type SearchIndex, type SearchItem,
} from '@/lib/search';
import { holdValue, type HeldValue } from './held-value';
import { useItemFacts } from './use-item-facts';
import { whenIdle } from './when-idle';

/** How long typing must pause before the URL follows and an error is shown (ms). */
const SETTLE_MS = 300;
const everything: ItemPredicate = () => true;
/** What a filter's key may start with (`is:`, `power:`, and their aliases), for spotting one half-typed. */
const FILTER_KEYS = ['is', 'not', 'name', 'type', 'tier', 'rarity', 'power', 'pl', 'damage', 'element', 'stat', 'perk', 'perkname', 'count', 'tag', 'notes'];

/**
 * Whether a query that parses is still a filter being typed: its last word begins a filter key
 * (`i`, `is`, `pow`) and, read as a name search, it matches nothing (or it is negated, `-is`) —
 * `is` on its way to `is:exotic` must not empty the page.
 */
export function isHalfTypedFilter(query: string, compiled: CompiledSearch, items: readonly SearchItem[]): boolean {
  if (!compiled.ok || /\s$/.test(query)) return false;
  const word = query.trim().split(/\s+/).pop() ?? '';
  const last = word.replace(/^-/, '').toLowerCase();
  if (!last || last.includes(':') || !FILTER_KEYS.some((key) => key.startsWith(last))) return false;
  // `-is` is on its way to `-is:locked`; read as "not named is" it would reshuffle the whole page.
  return word.startsWith('-') || !items.some(compiled.matches);
}

/**
 * Puts the query in the address (`?q=`, replacing the history entry) without telling Next's router.
 * Next patches `window.history.replaceState`: given a state that is not its own, the patch
 * dispatches a router "restore" of the new address — on a character page a server round trip that
 * could end in a full reload of `?q=<half-typed>` while the player was still typing, and from then
 * on the router's own address carries the query, so its later re-reads write an old query back
 * over the box's. The browser's
 * own method (`History.prototype`) writes the address only, whatever the entry's state is at that
 * moment; the router's entry state is kept as it is, so Back and Forward still restore the page.
 * The box owns the text; the address only follows it.
 */
export function writeQueryToAddress(query: string): void {
  const url = new URL(window.location.href);
  if (query.trim()) url.searchParams.set('q', query);
  else url.searchParams.delete('q');
  if (url.href !== window.location.href) History.prototype.replaceState.call(window.history, window.history.state, '', url);
}

/** What the item browser needs from the search box's query. */
export type ItemSearch = {
  /**
   * The text in the search box now, held outside the page's state: a keystroke re-renders the box
   * alone (it subscribes, see `HeldSearchBox`), and the page follows in a transition, which React
   * renders in slices and drops for a newer keystroke.
   */
  box: HeldValue<string>;
  /** The query the page's result follows: the box's, one (transition) render later. */
  query: string;
  /** Sets the box's text at once and the page's query in a transition (typing, a picked suggestion or search). */
  setQuery: (query: string) => void;
  index: SearchIndex;
  /** The filter to apply: the query's, or the last query that parsed while this one does not. */
  matches: ItemPredicate;
  /** The query's error once typing has paused; null while it parses or while typing. */
  error: SearchError | null;
  /**
   * A quiet note while the page keeps the last result: the query is half-typed, or it reads stats or
   * perks that are still loading — or, when they could not be loaded, a sentence saying so.
   */
  hint: string | null;
  /** The query in the box parses (and is not half-typed): it may be starred or remembered. */
  valid: boolean;
  /**
   * Whether `matches` answers a query (counts read "N of M", empty sections hide): the query as the
   * deferred render sees it, not the box's — so a keystroke's urgent render redraws the box alone,
   * and the first letter does not redraw every section's count twice (once for the box, once for the result).
   */
  searching: boolean;
};

/** The hint while a query waits for the items' stats and perks. */
export const FACTS_LOADING_HINT = 'Loading stats and perks: the last result stays shown until they arrive.';

/** The sentence in place of the hint when the items' stats and perks could not be loaded. */
export function factsFailedHint(error: Error): string {
  return `Stat and perk searches need your items’ stats and perks, which could not be loaded: ${error.message}`;
}

/**
 * A predicate over the page's own tiles for a compiled query: a query that reads the facts looks
 * each tile up among the tiles with their facts joined on; any other runs on the tile itself.
 */
function onJoined(compiled: CompiledSearch, joined: ReadonlyMap<string, SearchItem> | null): CompiledSearch {
  if (!compiled.ok || !joined || !needsFacts(compiled.ast)) return compiled;
  const matches = compiled.matches;
  return { ...compiled, matches: (t) => matches(joined.get(t.key) ?? t) };
}

/**
 * The search query of an item page: read from `?q=` on load, written back (replacing the history
 * entry, no scroll, no server round trip, no router action) once typing pauses, so a reload or a
 * shared link shows the same items. Items are indexed once per list, not per keystroke. A query
 * that reads stats or perks (`stat:`, `basestat:`, `perk:`) fetches them once (`useItemFacts`) and
 * keeps the last result, with a quiet hint, until they arrive.
 */
export function useItemSearch(items: readonly ItemTile[], loadoutItems?: ReadonlySet<string>): ItemSearch {
  const params = useSearchParams();
  const [box] = useState(() => holdValue(params.get('q') ?? ''));
  const [query, setPageQuery] = useState(box.get);
  const setQuery = useCallback((next: string) => {
    box.set(next);
    startTransition(() => setPageQuery(next));
  }, [box]);
  const [settled, setSettled] = useState(query);
  const facts = useItemFacts(mentionsFacts(query), items);
  const searchItems = useMemo(() => (facts.facts ? withFacts(items, facts.facts) : items), [items, facts.facts]);
  const joined = useMemo(() => (facts.facts ? new Map(searchItems.map((t) => [t.key, t])) : null), [searchItems, facts.facts]);
  const index = useMemo(() => indexItems(searchItems, loadoutItems), [searchItems, loadoutItems]);
  const deferred = useDeferredValue(query);
  const compiled = useMemo(() => onJoined(compileSearch(deferred, index), joined), [deferred, index, joined]);
  // A query that reads stats or perks before they are here would match nothing: it waits.
  const waiting = compiled.ok && facts.facts === null && needsFacts(compiled.ast);
  const halfTyped = useMemo(() => isHalfTypedFilter(deferred, compiled, searchItems), [deferred, compiled, searchItems]);
  const usable = compiled.ok && !halfTyped && !waiting;
  // While a query is half-typed (`is:`, an open quote) or waits, the page keeps the last filter that worked.
  const [lastGood, setLastGood] = useState<ItemPredicate>(() => (usable ? compiled.matches : everything));
  if (usable && compiled.matches !== lastGood) setLastGood(() => compiled.matches);

  // Loading compiles no query: the parser and the matchers would be compiled by V8 inside the first
  // keystroke. One query run over a few items in idle time after load does it beforehand.
  const warmed = useRef(false);
  useEffect(() => {
    if (warmed.current) return;
    return whenIdle(() => {
      warmed.current = true;
      const warm = compileSearch('a -is:locked', index);
      if (warm.ok) searchItems.slice(0, 20).forEach(warm.matches);
    });
  }, [index, searchItems]);

  useEffect(() => {
    const timer = setTimeout(() => {
      setSettled(query);
      writeQueryToAddress(query);
    }, SETTLE_MS);
    return () => clearTimeout(timer);
  }, [query]);
  // The router writes its own address (without `?q=`) when it commits, e.g. the page's re-read after
  // an action, which brings new items: the address follows the box again.
  useEffect(() => writeQueryToAddress(settled), [settled, items]);

  const error = !compiled.ok && settled === query && deferred === query ? compiled.error : null;
  const hint = usable || error ? null : waiting ? (facts.error ? factsFailedHint(facts.error) : FACTS_LOADING_HINT) : 'Keep typing: the last complete search stays shown.';
  return { box, query, setQuery, index, matches: usable ? compiled.matches : lastGood, error, hint, valid: usable && deferred === query, searching: deferred.trim() !== '' };
}
