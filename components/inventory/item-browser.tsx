'use client';

import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import type { BucketSection, CharacterSummary, ItemTile as Tile } from '@/lib/inventory/types';
import { BulkTag } from './bulk-tag';
import { compareFromSearch, compareGroup, compareSet } from './compare';
import { CompareSheet } from './compare-sheet';
import { ItemActions } from './item-actions';
import { ItemMarks } from './item-marks';
import { ItemSheet } from './item-sheet';
import { HeldSearchBox } from './search-box';
import { SearchShelf } from './search-shelf';
import { keepSorted, sortTiles, SORT_LABELS, type SortKey } from './sorting';
import { StoreDock } from './store-dock';
import { TileGrid, useSameLists } from './tile-grid';
import { placeTile, type StoreGroup } from './item-store';
import { useItemSearch } from './use-item-search';
import { useLoadoutItemIds, useSearchPrefs } from './use-search-prefs';
import { useItemStore, type ItemStore } from './use-item-store';
import { useTileDrag } from './use-tile-drag';
import type { Device } from '@/lib/http/device';
import { firstOf, firstScreenTiles, tilesState, useDrawnBeyondFirstScreen } from './use-first-screen';
import { useOpenItemHolder, useOpenKey, type OpenItem } from './use-open-item';

/** A titled list of sections (the vault's weapons, a character's slots, ...). */
export type BrowserGroup = StoreGroup;

// One empty list for every render: a fresh `[]` each time would rebuild the store, the search index and the grid.
const NO_CHARACTERS: CharacterSummary[] = [];

/** A section's count: "shown of all" during a search, else "count / capacity" (or the count). */
function sectionCount(s: BucketSection, shown: number, searching: boolean): string {
  if (searching) return `${shown} of ${s.count}`;
  return s.capacity === null ? String(s.count) : `${s.count} / ${s.capacity}`;
}

/**
 * Item grids with the search box (lib/search) and a sort order, and the detail sheet. Sorting and
 * filtering happen in the browser: the page already holds every item it shows. `device` (the page's,
 * from the request) sets how many tiles the server and the browser's first render draw.
 */
export function ItemBrowser({ groups, characters = NO_CHARACTERS, home, header, initialSort = 'tier', device = 'desktop' }: { groups: BrowserGroup[]; characters?: CharacterSummary[]; home?: string; header?: (store: ItemStore) => ReactNode; initialSort?: SortKey; device?: Device }) {
  const store = useItemStore(groups, characters, home);
  const { onChange } = store;
  const allTiles = useMemo(() => store.groups.flatMap((g) => g.sections.flatMap((s) => s.items)), [store.groups]);
  // Stored per player (a signed-in page): starred and recent searches, the sort order, loadout items.
  const signedIn = Boolean(home);
  const searchPrefs = useSearchPrefs(signedIn);
  const search = useItemSearch(allTiles, useLoadoutItemIds(signedIn));
  const searchMatches = search.matches;
  // The server renders in the stored order (`initialSort`); one changed on another device since applies once
  // the prefs arrive, unless the player already picked one here.
  const [sort, setSortState] = useState<SortKey>(initialSort);
  const [sortSettled, setSortSettled] = useState(false);
  if (!sortSettled && searchPrefs.prefs) {
    setSortSettled(true);
    if (searchPrefs.prefs.sort !== sort) setSortState(searchPrefs.prefs.sort);
  }
  const { change: changePrefs } = searchPrefs;
  const setSort = (key: SortKey) => {
    setSortSettled(true);
    setSortState(key);
    void changePrefs({ action: 'sort', sort: key });
  };
  const { query, valid } = search;
  const lastCommitted = useRef('');
  const commitQuery = useCallback(() => {
    const q = query.trim();
    if (!q || !valid || q === lastCommitted.current) return;
    lastCommitted.current = q;
    void changePrefs({ action: 'recent', query: q });
  }, [query, valid, changePrefs]);
  // The sheet's open item lives outside this screen's state: a tap re-renders the sheet alone.
  const sheet = useOpenItemHolder();
  const setOpen = useCallback((tile: Tile) => sheet.set(tile.key), [sheet]);
  // Desktop only: drag tiles onto the stores in the dock (phones keep the action sheet alone).
  const drag = useTileDrag(Boolean(home));
  // Compare: from the sheet (its item and the page's others of its type), or a search's matches.
  const [compared, setCompared] = useState<Tile[] | null>(null);

  // Sorted once per read and order; a keystroke only filters the sorted lists (keepSorted), and a
  // section whose matches did not change keeps its array, so its grid is not redrawn.
  const sorted = useMemo(() => store.groups.map((g) => g.sections.map((s) => sortTiles(s.items, sort))), [store.groups, sort]);
  const same = useSameLists();
  const shown = useMemo(
    () =>
      store.groups.map((g, gi) => {
        const sections = g.sections.map((s, si) => ({ ...s, shown: same(`${g.id}:${s.bucketHash}`, keepSorted(sorted[gi]![si]!, searchMatches)) }));
        return { ...g, sections, shownCount: sections.reduce((n, s) => n + s.shown.length, 0) };
      }),
    [store.groups, sorted, same, searchMatches],
  );
  // A slot named in two groups (the vault's and the account-wide Consumables) gets the group in its
  // landmark name: screen-reader users jump between regions by name.
  const repeated = useMemo(() => {
    const names = groups.flatMap((g) => g.sections.map((s) => s.name));
    return new Set(names.filter((n, i) => names.indexOf(n) !== i));
  }, [groups]);
  const matches = shown.reduce((n, g) => n + g.shownCount, 0);
  // The server draws the first screen's tiles, the browser the rest once hydrated, a step at a time (use-first-screen.ts).
  const firstScreen = firstScreenTiles(device).browser;
  const { extra, whole } = useDrawnBeyondFirstScreen(Math.max(0, matches - firstScreen));
  const drawn = useMemo(() => {
    if (whole) return null;
    const sections = shown.flatMap((g) => g.sections);
    const cut = firstOf(sections.map((s) => s.shown), firstScreen + extra);
    return new Map(sections.map((s, i) => [s, cut[i]!]));
  }, [whole, extra, shown, firstScreen]);
  const { searching } = search;
  // What "Tag these 14 items as …" tags: the search's instanced results (stacks take no tag).
  const matchedIds = useMemo(
    () => (searching ? shown.flatMap((g) => g.sections.flatMap((s) => s.shown.flatMap((t) => (t.instanceId ? [t.instanceId] : [])))) : []),
    [searching, shown],
  );
  const searchCompare = useMemo(() => (searching ? compareFromSearch(allTiles.filter(searchMatches)) : []), [searching, allTiles, searchMatches]);

  return (
    <div className="flex flex-col gap-4" data-tiles={tilesState(whole)}>
      {header?.(store)}
      <div className="sticky top-14 z-[5] -mx-4 flex flex-wrap items-start gap-2 border-b border-vault-line bg-vault-bg/95 px-4 py-2 backdrop-blur">
        <HeldSearchBox box={search.box} pageQuery={search.query} onQueryChange={search.setQuery} index={search.index} error={search.error} hint={search.hint} matchCount={matches} total={allTiles.length} onCommit={commitQuery} />
        <SearchShelf query={search.query} valid={search.valid} onPick={search.setQuery} prefs={searchPrefs} />
        {searchCompare.length > 1 && (
          <button type="button" onClick={() => setCompared(searchCompare)} className="min-h-11 shrink-0 rounded-lg border border-vault-line bg-vault-panel px-3 text-sm font-medium">
            Compare {searchCompare.length}
          </button>
        )}
        <label className="sr-only" htmlFor="item-sort">Sort items by</label>
        <select
          id="item-sort"
          value={sort}
          onChange={(e) => setSort(e.target.value as SortKey)}
          className="min-h-11 rounded-lg border border-vault-line bg-vault-panel px-2 text-base"
        >
          {(Object.keys(SORT_LABELS) as SortKey[]).map((key) => (
            <option key={key} value={key}>{SORT_LABELS[key]}</option>
          ))}
        </select>
      </div>
      {matches === 0 && <p role="status" className="text-vault-muted">No items match “{search.query}”.</p>}
      {/* Only for a query that parses: a broken or half-typed one shows the last result, and tagging
          "these 432 items" would tag what the player did not ask for. */}
      {searching && search.valid && <BulkTag key={search.query} instanceIds={matchedIds} annotations={store.annotations} />}
      {shown.map((group) =>
        // A search hides groups without a match, headings and all.
        group.shownCount === 0 ? null : (
        <section key={group.id} aria-labelledby={`group-${group.id}`} data-group={group.id} className="flex flex-col gap-3">
          <h2 id={`group-${group.id}`} className="text-xl font-semibold">{group.label}</h2>
          {group.sections.map((s) =>
            s.shown.length === 0 ? null : (
              <section key={s.bucketHash} aria-label={repeated.has(s.name) ? `${s.name}, ${group.label}` : s.name} data-bucket-hash={s.bucketHash} className="offscreen-lazy -m-1 flex flex-col gap-1.5 p-1">
                <h3 className="flex items-baseline justify-between text-sm font-medium text-vault-muted">
                  <span>{s.name}</span>
                  <span className="tabular-nums" data-testid="section-count">{sectionCount(s, s.shown.length, searching)}</span>
                </h3>
                <TileGrid tiles={drawn?.get(s) ?? s.shown} onOpen={setOpen} drag={drag.props} className="grid grid-cols-[repeat(auto-fill,minmax(4rem,1fr))] gap-1.5 sm:grid-cols-[repeat(auto-fill,minmax(4.5rem,1fr))]" />
              </section>
            ),
          )}
        </section>
        ),
      )}
      <BrowserSheet holder={sheet} store={store} characters={characters} home={home} allTiles={allTiles} onCompare={setCompared} />
      <p className="text-sm text-vault-muted">
        <a href="/api/export/items" download className="underline underline-offset-2 hover:text-vault-text">Export all your items as CSV</a> (with their tags and notes, for a spreadsheet)
      </p>
      <CompareSheet tiles={compared} onClose={() => setCompared(null)} />
      {drag.enabled && <StoreDock store={drag.store} characters={characters} onChange={onChange} />}
    </div>
  );
}

/**
 * The detail sheet of the item browser. It follows the item by key, so it shows what the store says
 * now; once the item leaves the page's read (moved to another character), it keeps its last known place.
 */
function BrowserSheet({ holder, store, characters, home, allTiles, onCompare }: { holder: OpenItem; store: ItemStore; characters: CharacterSummary[]; home?: string; allTiles: Tile[]; onCompare: (tiles: Tile[]) => void }) {
  const openKey = useOpenKey(holder);
  const [lastOpen, setLastOpen] = useState<Tile | null>(null);
  const current = openKey ? store.byKey.get(openKey) : undefined;
  const left = !current && lastOpen?.key === openKey ? lastOpen : null;
  const override = left ? store.overrides.get(left.key) : undefined;
  const open = current ?? (left && override ? placeTile(left, override.place, characters) : left);
  // Remember the last confirmed place, so the next read (which no longer holds the item) cannot
  // undo it — but a refused action's guess can be.
  const settled = current ?? (override && !override.pending ? open : null);
  if (settled && settled !== lastOpen) setLastOpen(settled);
  const compareWith = open && compareGroup(open) ? compareSet(open, allTiles) : [];
  const compare = compareWith.length > 1 ? () => {
    holder.set(null);
    onCompare(compareWith);
  } : undefined;
  return (
    <ItemSheet tile={open} onClose={() => holder.set(null)} onCompare={compare}>
      {open && home && <ItemActions key={open.key} tile={open} characters={characters} onChange={store.onChange} />}
      {open?.instanceId && <ItemMarks key={open.instanceId} tile={{ ...open, instanceId: open.instanceId }} annotations={store.annotations} />}
    </ItemSheet>
  );
}
