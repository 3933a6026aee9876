'use client';

import { useCallback, useMemo, useRef, useState, type ComponentProps, type DragEvent } from 'react';
import type { CharacterSummary, InventoryView, ItemTile as Tile } from '@/lib/inventory/types';
import { tryFetchJson } from '@/components/fetch-json';
import type { SuggestedMove } from './item-action-client';
import { ItemActions } from './item-actions';
import { ItemIcon } from './item-icon';
import { makeSuggestedMove } from './item-moves';
import { ItemSheet } from './item-sheet';
import { columnPlans, drawnOf, tilesBeyond } from './inventory-drawing';
import { layOut, storeGroupsOf, type LaidSection } from './inventory-layout';
import { BulkReport, button, DropStatus, type Bulk, type Notice } from './inventory-notices';
import { ManifestNotice } from './manifest-notice';
import { HeldSearchBox } from './search-box';
import { keepSorted, sortTiles, SORT_LABELS, type SortKey } from './sorting';
import { accepts, StoreColumns, type Zone } from './store-columns';
import { bulkMovable, bulkMove, moveToStore, storeName } from './store-moves';
import { TileGrid, useSameLists } from './tile-grid';
import { useInventoryStore } from './use-inventory-store';
import { useItemSearch } from './use-item-search';
import { INVENTORY_URL, useLiveView } from './use-live-view';
import { useOpenItemHolder, useOpenKey, type OpenItem } from './use-open-item';
import { useTileDrag } from './use-tile-drag';
import type { Device } from '@/lib/http/device';
import { firstScreenTiles, tilesState, useDrawnBeyondFirstScreen } from './use-first-screen';

// One number format for every currency: `toLocaleString` sets one up per call (about 2 ms each on a
// phone slowed 4×, some 30 ms for the currency row while the page hydrates).
const QUANTITY = new Intl.NumberFormat('en-US');

const countOf = (s: { count?: number; items: Tile[] }, shown: number, searching: boolean, capacity: number | null) => {
  const n = s.count ?? s.items.length;
  if (searching) return `${shown} of ${n}`;
  return capacity === null ? String(n) : `${n} / ${capacity}`;
};

/**
 * The inventory screen: every character and the vault at once. On a wide screen (≥ 1280 px) a
 * column per character — emblem, class, power, stats, postmaster, equipped items on top and the
 * inventory below, bucket by bucket — then the vault; any tile drags onto any column (move) or a
 * character's equipped row (equip). On a phone one store at a time, swiped (scroll snap) or picked
 * from the tabs. One search filters every store; its result can be moved as a set.
 *
 * The server hands the view over as JSON text (see live-vault.tsx for why); it is read again every
 * 30 s, on focus and after each action (use-live-view.ts). `device` (the page's, from the request)
 * sets how much of each column the server and the browser's first render draw.
 */
export function InventoryScreen({ initialJson, initialSort = 'tier', device = 'desktop' }: { initialJson: string; initialSort?: SortKey; device?: Device }) {
  const view = useLiveView<InventoryView>(INVENTORY_URL, initialJson);
  const groups = useMemo(() => storeGroupsOf(view), [view]);
  const store = useInventoryStore(groups, view.characters);
  const tiles = useMemo(() => [...store.byKey.values()], [store.byKey]);
  const columns = useMemo(() => layOut(view, tiles), [view, tiles]);
  const search = useItemSearch(tiles);
  const { searching } = search;
  // The player's stored order (the server renders in it); a pick here is stored for every page and device.
  const [sort, setSortState] = useState<SortKey>(initialSort);
  const setSort = (key: SortKey) => {
    setSortState(key);
    void tryFetchJson('/api/search', { method: 'POST', body: { action: 'sort', sort: key } });
  };
  const drag = useTileDrag(true);
  const [notice, setNotice] = useState<Notice | null>(null);
  // The sheet's open item lives outside this screen's state: a tap re-renders the sheet alone.
  const sheet = useOpenItemHolder();
  const openTile = useCallback((tile: Tile) => sheet.set(tile.key), [sheet]);
  const [bulk, setBulk] = useState<Bulk | null>(null);
  const [bulkTo, setBulkTo] = useState('vault');
  const scroller = useRef<HTMLDivElement>(null);
  const storeIds = [...columns.characters.map((c) => c.id), 'vault'];
  const [active, setActive] = useState(storeIds[0] ?? 'vault');

  // Each section's tiles that match the search, in the chosen order: sorted once per read and order,
  // then a keystroke only filters (keepSorted), and a section whose matches did not change keeps its
  // array, so its grid is not redrawn.
  const sortedMap = useMemo(() => {
    const map = new Map<LaidSection, Tile[]>();
    const add = (s: LaidSection) => map.set(s, sortTiles(s.items, sort));
    for (const c of columns.characters) {
      c.slots.forEach(add);
      add(c.postmaster);
    }
    for (const g of columns.vault.groups) g.sections.forEach(add);
    return map;
  }, [columns, sort]);
  const same = useSameLists();
  const shownMap = useMemo(() => {
    const map = new Map<LaidSection, Tile[]>();
    let i = 0;
    for (const [s, sorted] of sortedMap) map.set(s, same(`${i++}:${s.bucketHash}`, keepSorted(sorted, search.matches)));
    return map;
  }, [sortedMap, same, search.matches]);
  const shownOf = (s: LaidSection) => shownMap.get(s) ?? [];
  // The server draws each store column's first screen, the browser the rest a step at a time once
  // hydrated, the store in view first (inventory-drawing.ts, use-first-screen.ts).
  const plans = useMemo(() => columnPlans(columns, shownMap, searching ? search.matches : null, firstScreenTiles(device)), [columns, shownMap, searching, search.matches, device]);
  const { extra, whole } = useDrawnBeyondFirstScreen(useMemo(() => tilesBeyond(plans), [plans]));
  const drawnMap = useMemo(() => (whole ? null : drawnOf(plans, extra)), [whole, plans, extra]);
  const matched = useMemo(() => tiles.filter(search.matches), [tiles, search.matches]);
  const movable = useMemo(() => (searching ? bulkMovable(matched, bulkTo) : []), [searching, matched, bulkTo]);

  const bulkPlace = bulkTo === 'vault' ? 'the vault' : storeName(bulkTo, view.characters);
  const ctx = { tiles, characters: view.characters, onChange: store.onChange };
  async function drop(zone: Zone, tile: Tile) {
    const verb = zone.kind === 'move' ? `Moving ${tile.name} to` : `Equipping ${tile.name} on`;
    setNotice({ kind: 'working', message: `${verb} ${storeName(zone.to, view.characters)}…` });
    const result = await moveToStore(tile, zone.to, zone.kind === 'equip', ctx);
    const outcome = result.outcome;
    setNotice(result.ok ? { kind: 'done', message: result.message } : { kind: 'refused', message: result.message, suggestion: outcome && !outcome.ok ? outcome.suggestion : undefined });
  }
  async function makeRoom(suggestion: SuggestedMove) {
    setNotice({ kind: 'working', message: `${suggestion.label}…` });
    const outcome = await makeSuggestedMove(suggestion, store.onChange);
    setNotice(outcome.ok ? { kind: 'done', message: 'Made room. Drag the item there again.' } : { kind: 'refused', message: outcome.message });
  }
  async function moveMatches() {
    const set = movable;
    if (set.length === 0) return;
    const release = store.hold();
    setBulk({ to: bulkTo, total: set.length, done: 0, current: set[0]!.name, lines: [], skipped: matched.length - set.length, finished: false, waiting: null });
    try {
      await bulkMove(
        set,
        bulkTo,
        store.onChange,
        (done, line) => setBulk((b) => b && { ...b, done, current: set[done]?.name ?? null, lines: line ? [...b.lines, line] : b.lines, waiting: null }),
        (seconds) => setBulk((b) => b && { ...b, waiting: seconds }),
      );
    } finally {
      setBulk((b) => b && { ...b, finished: true, current: null, waiting: null });
      release();
    }
  }

  const zoneProps = (zone: Zone, dragged: Tile | null, over: string | null, setOver: (id: string | null) => void) => {
    const take = (event: DragEvent<HTMLElement>) => {
      const tile = drag.store.get();
      if (!tile || !accepts(zone, tile)) return null;
      // The innermost zone that takes the tile wins (an equipped row inside its character's column).
      event.preventDefault();
      event.stopPropagation();
      return tile;
    };
    return {
      'data-drop-target': `${zone.kind}:${zone.to}`,
      'data-over': dragged && over === zone.id ? 'true' : undefined,
      'data-accepts': dragged ? String(accepts(zone, dragged)) : undefined,
      onDragEnter: (event: DragEvent<HTMLElement>) => void (take(event) && setOver(zone.id)),
      onDragOver: (event: DragEvent<HTMLElement>) => {
        if (!take(event)) return;
        event.dataTransfer.dropEffect = 'move';
        setOver(zone.id);
      },
      onDrop: (event: DragEvent<HTMLElement>) => {
        const tile = take(event);
        setOver(null);
        drag.store.set(null);
        if (tile) void drop(zone, tile);
      },
    };
  };

  // Keyed by the list itself: a section's shown list (shownMap) or a column's equipped row, drawn whole.
  const tileList = (list: Tile[], dense = false) => (
    <TileGrid tiles={drawnMap?.get(list) ?? list} onOpen={openTile} drag={drag.props} className={`grid gap-1 ${dense ? 'grid-cols-[repeat(auto-fill,minmax(3.25rem,1fr))]' : 'grid-cols-[repeat(auto-fill,minmax(4rem,1fr))]'} xl:grid-cols-[repeat(auto-fill,minmax(2.9rem,1fr))]`} />
  );
  const sectionView = (s: LaidSection & { count?: number }, label?: string) => {
    const shown = shownOf(s);
    const n = s.count ?? s.items.length;
    if (searching ? shown.length === 0 : n === 0) return null;
    return (
      <section key={s.bucketHash} aria-label={label ?? s.name} data-bucket-hash={s.bucketHash} className="offscreen-lazy -m-1 flex flex-col gap-1 p-1">
        <h3 className="flex items-baseline justify-between gap-2 text-xs font-medium text-vault-muted">
          <span className="truncate">{s.name}</span>
          <span className="tabular-nums" data-testid="section-count">{countOf(s, shown.length, searching, s.capacity)}</span>
        </h3>
        {shown.length > 0 && tileList(shown)}
      </section>
    );
  };

  return (
    <div className="flex flex-col gap-3 xl:mx-[calc(50%_-_50vw_+_1.5rem)] xl:w-[calc(100vw_-_3rem)]" data-testid="inventory" data-tiles={tilesState(whole)}>
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h1 className="text-2xl font-bold">Inventory</h1>
        {view.currencies.length > 0 && (
          <ul aria-label="Currencies" className="flex flex-wrap gap-3 text-sm" data-testid="currencies">
            {view.currencies.map((c) => (
              <li key={c.hash} className="flex items-center gap-1" title={c.name}>
                {c.iconUrl && <ItemIcon src={c.iconUrl} size={20} className="h-5 w-5 rounded-sm" />}
                <span className="sr-only">{c.name}: </span>
                <span className="tabular-nums">{QUANTITY.format(c.quantity)}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
      <ManifestNotice unknownHashes={view.unknownHashes} fromBackup={view.manifest.fromBackup} />
      <div className="sticky top-14 z-[5] -mx-4 flex flex-col gap-2 border-b border-vault-line bg-vault-bg/95 px-4 py-2 backdrop-blur xl:mx-0 xl:px-0">
        <div className="flex flex-wrap items-start gap-2">
          <HeldSearchBox box={search.box} pageQuery={search.query} onQueryChange={search.setQuery} index={search.index} error={search.error} hint={search.hint} matchCount={matched.length} total={tiles.length} />
          <label className="sr-only" htmlFor="inventory-sort">Sort items by</label>
          <select id="inventory-sort" value={sort} onChange={(e) => setSort(e.target.value as SortKey)} className="min-h-11 rounded-lg border border-vault-line bg-vault-panel px-2 text-base">
            {(Object.keys(SORT_LABELS) as SortKey[]).map((key) => (
              <option key={key} value={key}>{SORT_LABELS[key]}</option>
            ))}
          </select>
        </div>
        {/* Only for a query that parses: a broken or half-typed one shows the last result instead. */}
        {searching && search.valid && (
          <form
            className="flex flex-wrap items-center gap-2 text-sm"
            aria-label="Move the search result"
            onSubmit={(e) => {
              e.preventDefault();
              void moveMatches();
            }}
          >
            <label htmlFor="bulk-to" className="text-vault-muted">Move to</label>
            <select id="bulk-to" value={bulkTo} onChange={(e) => setBulkTo(e.target.value)} className="min-h-9 rounded-lg border border-vault-line bg-vault-panel px-2">
              <option value="vault">Vault</option>
              {view.characters.map((c) => (
                <option key={c.characterId} value={c.characterId}>{c.className}</option>
              ))}
            </select>
            <button type="submit" className={button} disabled={movable.length === 0 || (bulk !== null && !bulk.finished)} data-testid="bulk-move">
              {movable.length === 0 ? `Nothing here to move to ${bulkPlace}` : `Move ${movable.length === 1 ? 'this item' : `these ${movable.length} items`} to ${bulkPlace}`}
            </button>
          </form>
        )}
        <DropStatus notice={notice} onMakeRoom={makeRoom} onDismiss={() => setNotice(null)} />
      </div>
      {bulk && <BulkReport bulk={bulk} characters={view.characters} onClose={() => setBulk(null)} />}
      {searching && matched.length === 0 && <p role="status" className="text-vault-muted">No items match “{search.query}”.</p>}

      <nav aria-label="Inventory stores" className="xl:hidden">
        <ul className="flex gap-2 overflow-x-auto pb-1">
          {storeIds.map((id, i) => {
            const c = columns.characters.find((x) => x.id === id);
            return (
              <li key={id}>
                <button
                  type="button"
                  aria-current={active === id ? 'true' : undefined}
                  className={`flex min-h-11 shrink-0 items-center gap-1.5 rounded-full border px-4 text-sm ${active === id ? 'border-vault-accent bg-vault-accent text-black' : 'border-vault-line bg-vault-panel'}`}
                  onClick={() => {
                    const el = scroller.current;
                    setActive(id);
                    el?.scrollTo({ left: i * el.clientWidth, behavior: 'smooth' });
                  }}
                >
                  {c ? c.character.className : 'Vault'}
                  {c && <span className="tabular-nums opacity-80">{c.character.power}</span>}
                </button>
              </li>
            );
          })}
        </ul>
      </nav>
      <StoreColumns
        scroller={scroller}
        onScrolled={(i) => setActive(storeIds[i] ?? 'vault')}
        dragStore={drag.store}
        zoneProps={zoneProps}
        characters={columns.characters}
        vault={columns.vault}
        renderSection={sectionView}
        renderTiles={tileList}
        shownOf={shownOf}
        matches={search.matches}
        searching={searching}
      />
      <InventorySheet holder={sheet} byKey={store.byKey} characters={view.characters} onChange={store.onChange} />
    </div>
  );
}

/** The item sheet of the inventory screen, for the item the holder names (as the store places it now). */
function InventorySheet({ holder, byKey, characters, onChange }: { holder: OpenItem; byKey: ReadonlyMap<string, Tile>; characters: CharacterSummary[]; onChange: ComponentProps<typeof ItemActions>['onChange'] }) {
  const openKey = useOpenKey(holder);
  const open = openKey ? (byKey.get(openKey) ?? null) : null;
  return (
    <ItemSheet tile={open} onClose={() => holder.set(null)}>
      {open && <ItemActions key={open.key} tile={open} characters={characters} onChange={onChange} />}
    </ItemSheet>
  );
}
