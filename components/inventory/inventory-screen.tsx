'use client';

import { useCallback, useMemo, useRef, useState, type DragEvent } from 'react';
import { FarmingMode } from '@/components/tools/farming-mode';
import type { CharacterSummary, InventoryView, ItemTile as Tile } from '@/lib/inventory/types';
import { tryFetchJson } from '@/components/fetch-json';
import type { SuggestedMove } from './item-action-client';
import { ItemActions } from './item-actions';
import { ItemIcon } from './item-icon';
import { canEquipOn, canMove, makeSuggestedMove, ownerOf } from './item-moves';
import { ItemSheet } from './item-sheet';
import { layOut, storeGroupsOf, type CharacterColumn, type LaidSection, type VaultColumn } from './inventory-layout';
import { ManifestNotice } from './manifest-notice';
import { SearchBox } from './search-box';
import { sortTiles, SORT_LABELS, type SortKey } from './sorting';
import { bulkMovable, bulkMove, moveToStore, storeName, type BulkLine } from './store-moves';
import { useInventoryStore } from './use-inventory-store';
import { useItemSearch } from './use-item-search';
import { TileGrid } from './tile-grid';
import { INVENTORY_URL, useLiveView } from './use-live-view';
import { useDraggedTile, useTileDrag, type DragStore } from './use-tile-drag';
import { FIRST_SCREEN_TILES, firstOf, tilesState, useWholePage } from './use-first-screen';

/**
 * Each store column's first screen: its equipped row (drawn whole: at most 17 tiles, on every first
 * screen), then its sections' shown tiles in page order, up to the column's budget. By shown list.
 */
function firstScreenOf(columns: { characters: CharacterColumn[]; vault: VaultColumn }, shownMap: Map<LaidSection, Tile[]>, matches: ((tile: Tile) => boolean) | null): Map<Tile[], readonly Tile[]> {
  const drawn = new Map<Tile[], readonly Tile[]>();
  const take = (sections: LaidSection[], budget: number) => {
    const lists = sections.map((s) => shownMap.get(s) ?? []);
    firstOf(lists, budget).forEach((cut, i) => drawn.set(lists[i]!, cut));
  };
  for (const c of columns.characters) {
    const equipped = matches ? c.equipped.filter(matches).length : c.equipped.length;
    take([...c.slots, c.postmaster], Math.max(0, FIRST_SCREEN_TILES.characterColumn - equipped));
  }
  take(columns.vault.groups.flatMap((g) => g.sections), FIRST_SCREEN_TILES.vaultColumn);
  return drawn;
}

/** A drop target: a store's column (move there) or a character's equipped row (equip there). */
type Zone = { id: string; kind: 'move' | 'equip'; to: string; className?: string };
type Notice = { kind: 'working' | 'done'; message: string } | { kind: 'refused'; message: string; suggestion?: SuggestedMove };
/** `waiting`: seconds the move is waiting out a "not so fast" (the per-player limit, Bungie's throttling), or null. */
type Bulk = { to: string; total: number; done: number; current: string | null; lines: BulkLine[]; skipped: number; finished: boolean; waiting: number | null };

/** The postmaster warns from this many places left (it holds 21; beyond, the oldest items are lost). */
const POSTMASTER_WARN_LEFT = 4;

function accepts(zone: Zone, tile: Tile): boolean {
  const from = ownerOf(tile);
  if (zone.kind === 'move') return from !== zone.to && (canMove(tile) || tile.equipped);
  return canEquipOn(tile, zone.className ?? '') && !(tile.equipped && from === zone.to);
}

const button = 'min-h-9 rounded-lg border border-vault-line px-3 text-sm font-medium hover:bg-vault-bg disabled:opacity-50';
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
 * 30 s, on focus and after each action (use-live-view.ts).
 */
export function InventoryScreen({ initialJson, initialSort = 'tier' }: { initialJson: string; initialSort?: SortKey }) {
  const view = useLiveView<InventoryView>(INVENTORY_URL, initialJson);
  const groups = useMemo(() => storeGroupsOf(view), [view]);
  const store = useInventoryStore(groups, view.characters);
  const tiles = useMemo(() => [...store.byKey.values()], [store.byKey]);
  const columns = useMemo(() => layOut(view, tiles), [view, tiles]);
  const search = useItemSearch(tiles);
  const searching = search.query.trim() !== '';
  // The player's stored order (the server renders in it); a pick here is stored for every page and device.
  const [sort, setSortState] = useState<SortKey>(initialSort);
  const setSort = (key: SortKey) => {
    setSortState(key);
    void tryFetchJson('/api/search', { method: 'POST', body: { action: 'sort', sort: key } });
  };
  const drag = useTileDrag(true);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [openKey, setOpenKey] = useState<string | null>(null);
  const open = openKey ? (store.byKey.get(openKey) ?? null) : null;
  const openTile = useCallback((tile: Tile) => setOpenKey(tile.key), []);
  const [bulk, setBulk] = useState<Bulk | null>(null);
  const [bulkTo, setBulkTo] = useState('vault');
  const scroller = useRef<HTMLDivElement>(null);
  const storeIds = [...columns.characters.map((c) => c.id), 'vault'];
  const [active, setActive] = useState(storeIds[0] ?? 'vault');

  // Each section's tiles that match the search, in the chosen order (computed once per change).
  const shownMap = useMemo(() => {
    const map = new Map<LaidSection, Tile[]>();
    const add = (s: LaidSection) => map.set(s, sortTiles(s.items.filter(search.matches), sort));
    for (const c of columns.characters) {
      c.slots.forEach(add);
      add(c.postmaster);
    }
    for (const g of columns.vault.groups) g.sections.forEach(add);
    return map;
  }, [columns, search.matches, sort]);
  const shownOf = (s: LaidSection) => shownMap.get(s) ?? [];
  // The server draws each store column's first screen, the browser the rest once hydrated (use-first-screen.ts).
  const whole = useWholePage();
  const drawnMap = useMemo(() => (whole ? null : firstScreenOf(columns, shownMap, searching ? search.matches : null)), [whole, columns, shownMap, searching, search.matches]);
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
                <span className="tabular-nums">{c.quantity.toLocaleString('en-US')}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
      <ManifestNotice unknownHashes={view.unknownHashes} fromBackup={view.manifest.fromBackup} />
      <div className="sticky top-14 z-[5] -mx-4 flex flex-col gap-2 border-b border-vault-line bg-vault-bg/95 px-4 py-2 backdrop-blur xl:mx-0 xl:px-0">
        <div className="flex flex-wrap items-start gap-2">
          <SearchBox query={search.query} onQueryChange={search.setQuery} index={search.index} error={search.error} hint={search.hint} matchCount={matched.length} total={tiles.length} />
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
      <ItemSheet tile={open} onClose={() => setOpenKey(null)}>
        {open && <ItemActions key={open.key} tile={open} characters={view.characters} onChange={store.onChange} />}
      </ItemSheet>
    </div>
  );
}

type ZoneProps = (zone: Zone, dragged: Tile | null, over: string | null, setOver: (id: string | null) => void) => Record<string, unknown>;

/** The columns: side by side on a wide screen, one screen-wide page each (snapping) on a phone. */
function StoreColumns(props: {
  scroller: React.RefObject<HTMLDivElement | null>;
  onScrolled: (index: number) => void;
  dragStore: DragStore;
  zoneProps: ZoneProps;
  characters: CharacterColumn[];
  vault: VaultColumn;
  renderSection: (s: LaidSection & { count?: number }, label?: string) => React.ReactNode;
  renderTiles: (list: Tile[], dense?: boolean) => React.ReactNode;
  shownOf: (s: LaidSection) => Tile[];
  matches: (tile: Tile) => boolean;
  searching: boolean;
}) {
  const { scroller, dragStore, zoneProps, characters, vault, renderSection, renderTiles, shownOf, matches, searching } = props;
  // Only this part re-renders while a tile is dragged (the drop targets light up).
  const dragged = useDraggedTile(dragStore);
  const [over, setOver] = useState<string | null>(null);
  const look = (id: string, ok: boolean) => (!dragged ? 'border-vault-line' : !ok ? 'border-vault-line opacity-60' : over === id ? 'border-vault-accent ring-2 ring-vault-accent' : 'border-dashed border-vault-accent/70');
  return (
    <div
      ref={scroller}
      onScroll={(e) => {
        const el = e.currentTarget;
        if (el.clientWidth > 0) props.onScrolled(Math.round(el.scrollLeft / el.clientWidth));
      }}
      data-testid="store-columns"
      className="-mx-4 flex snap-x snap-mandatory items-start overflow-x-auto overscroll-x-contain xl:mx-0 xl:snap-none xl:gap-3 xl:overflow-visible"
    >
      {characters.map((c) => {
        const move: Zone = { id: `move:${c.id}`, kind: 'move', to: c.id };
        const equip: Zone = { id: `equip:${c.id}`, kind: 'equip', to: c.id, className: c.character.className };
        const pm = c.postmaster;
        const left = (pm.capacity ?? 21) - pm.items.length;
        const equippedShown = searching ? c.equipped.filter(matches) : c.equipped;
        return (
          <section
            key={c.id}
            aria-label={c.character.className}
            data-store={c.id}
            {...zoneProps(move, dragged, over, setOver)}
            className={`offscreen-lazy flex w-full shrink-0 snap-start flex-col gap-2 rounded-lg border-2 bg-vault-panel/40 p-2 px-4 xl:w-[17rem] xl:px-2 ${look(move.id, Boolean(dragged && accepts(move, dragged)))}`}
          >
            <StoreHeader column={c} />
            {pm.items.length > 0 && (
              <div className={`rounded-md border px-2 py-1 text-xs ${left <= POSTMASTER_WARN_LEFT ? 'border-amber-400/70 bg-amber-950/50 text-amber-200' : 'border-vault-line text-vault-muted'}`} data-testid="postmaster">
                <p className="flex justify-between gap-2 font-medium">
                  <span>Postmaster</span>
                  <span className="tabular-nums" data-testid="postmaster-count">{pm.items.length} / {pm.capacity ?? 21}</span>
                </p>
                {left <= POSTMASTER_WARN_LEFT && (
                  <p role="note" data-testid="postmaster-warning">
                    {left <= 0 ? 'The postmaster is full: new drops push the oldest items out for good. Pull items now.' : `Only ${left} place${left === 1 ? '' : 's'} left at the postmaster: pull items before it fills and the oldest are lost.`}
                  </p>
                )}
              </div>
            )}
            <div
              role="group"
              aria-label={`Equipped on ${c.character.className}`}
              {...zoneProps(equip, dragged, over, setOver)}
              className={`rounded-md border-2 p-1 ${look(equip.id, Boolean(dragged && accepts(equip, dragged)))}`}
            >
              <p className="px-0.5 pb-1 text-xs font-medium text-vault-muted">Equipped</p>
              {renderTiles(equippedShown, true)}
            </div>
            {c.slots.map((s) => renderSection(s))}
            {pm.items.length > 0 && renderSection(pm, `Postmaster, ${c.character.className}`)}
          </section>
        );
      })}
      <section
        aria-label="Vault"
        data-store="vault"
        {...zoneProps({ id: 'move:vault', kind: 'move', to: 'vault' }, dragged, over, setOver)}
        className={`offscreen-lazy flex w-full shrink-0 snap-start flex-col gap-2 rounded-lg border-2 bg-vault-panel/40 p-2 px-4 xl:min-w-0 xl:flex-1 xl:px-2 ${look('move:vault', Boolean(dragged && accepts({ id: 'move:vault', kind: 'move', to: 'vault' }, dragged)))}`}
      >
        <header className="flex min-h-16 items-center justify-between gap-3 rounded-md bg-vault-panel px-3">
          <h2 className="text-xl font-bold">Vault</h2>
          <p className="text-sm tabular-nums text-vault-muted" data-testid="vault-count">{vault.capacity === null ? `${vault.count} items` : `${vault.count} / ${vault.capacity}`}</p>
        </header>
        {vault.groups.map((g) => (
          <div key={g.id} data-group={g.id} className="flex flex-col gap-2">
            {(!searching || g.sections.some((s) => shownOf(s).length > 0)) && <h3 className="text-sm font-semibold">{g.label}</h3>}
            {g.sections.map((s) => renderSection(s, g.id === 'account' ? `${s.name}, account-wide` : undefined))}
          </div>
        ))}
      </section>
    </div>
  );
}

/** A character's header: emblem, class, race, power, and the stats. */
function StoreHeader({ column }: { column: CharacterColumn }) {
  const { character, stats } = column;
  return (
    <header className="relative overflow-hidden rounded-md border border-vault-line bg-vault-panel" data-testid="store-header">
      {character.emblemBackgroundUrl && (
        // eslint-disable-next-line @next/next/no-img-element -- a plain <img>, as item icons (item-icon.tsx).
        <img src={character.emblemBackgroundUrl} alt="" className="absolute inset-0 h-full w-full object-cover opacity-50" />
      )}
      <div className="relative flex min-h-16 items-center gap-2 px-2 drop-shadow">
        {character.emblemUrl && <ItemIcon src={character.emblemUrl} size={48} className="h-12 w-12 shrink-0 rounded" />}
        <div className="min-w-0 flex-1">
          <h2 className="truncate text-lg font-bold">{character.className}</h2>
          <p className="truncate text-xs text-vault-text/90">{character.raceName}</p>
        </div>
        <p className="text-2xl font-semibold tabular-nums text-vault-accent" aria-label={`Power ${character.power}`}>{character.power}</p>
      </div>
      {stats.length > 0 && (
        <ul aria-label={`${character.className} stats`} className="relative grid grid-cols-6 gap-0.5 bg-black/40 px-1 py-0.5 text-center text-xs tabular-nums">
          {stats.map((s) => (
            <li key={s.statHash} title={s.name} aria-label={`${s.name} ${s.value}`} className="flex items-center justify-center gap-0.5">
              {s.iconUrl ? <ItemIcon src={s.iconUrl} size={14} className="h-3.5 w-3.5" /> : <span aria-hidden>{s.name.slice(0, 3)}</span>}
              <span aria-hidden>{s.value}</span>
            </li>
          ))}
        </ul>
      )}
      <FarmingMode characterId={character.characterId} className={character.className} compact />
    </header>
  );
}

function DropStatus({ notice, onMakeRoom, onDismiss }: { notice: Notice | null; onMakeRoom: (s: SuggestedMove) => void; onDismiss: () => void }) {
  return (
    <>
      <p role="status" aria-live="polite" className="min-h-5 text-sm" data-testid="drop-status">
        {notice && notice.kind !== 'refused' ? notice.message : ''}
      </p>
      {notice?.kind === 'refused' && (
        <div role="alert" className="flex flex-wrap items-center gap-2 rounded-lg border border-red-400/60 bg-red-950/60 p-2 text-sm" data-testid="drop-refused">
          <p className="min-w-0 flex-1">{notice.message}</p>
          {notice.suggestion && (
            <button type="button" className={button} onClick={() => onMakeRoom(notice.suggestion!)}>{notice.suggestion.label}</button>
          )}
          <button type="button" className={button} onClick={onDismiss}>Dismiss</button>
        </div>
      )}
    </>
  );
}

/** A bulk move's progress line, then one line per item: moved, or the game's refusal. */
function BulkReport({ bulk, characters, onClose }: { bulk: Bulk; characters: CharacterSummary[]; onClose: () => void }) {
  const moved = bulk.lines.filter((l) => l.ok).length;
  const refused = bulk.lines.length - moved;
  const where = storeName(bulk.to, characters);
  return (
    <section aria-label="Bulk move" className="flex flex-col gap-2 rounded-lg border border-vault-line bg-vault-panel p-3 text-sm" data-testid="bulk">
      <p role="status" aria-live="polite" className="font-medium" data-testid="bulk-progress">
        {bulk.finished
          ? `Moved ${moved} of ${bulk.total} item${bulk.total === 1 ? '' : 's'} to ${where}${refused ? `; ${refused} refused` : ''}.`
          : bulk.waiting !== null
            ? `Waiting ${bulk.waiting} s: Bungie limits how often Vault Raider may ask it for your items. Moving ${bulk.done + 1} of ${bulk.total} goes on by itself.`
            : `Moving ${bulk.done + 1} of ${bulk.total} to ${where}${bulk.current ? `: ${bulk.current}` : ''}…`}
      </p>
      <progress max={bulk.total} value={bulk.done} className="h-1.5 w-full" aria-label="Items moved" />
      {bulk.skipped > 0 && <p className="text-vault-muted">{bulk.skipped} matching item{bulk.skipped === 1 ? '' : 's'} stayed: already there, equipped, at the postmaster or account-wide.</p>}
      <ol className="flex max-h-48 flex-col gap-0.5 overflow-y-auto" data-testid="bulk-report">
        {bulk.lines.map((l) => (
          <li key={l.key} data-item-key={l.key} data-result={l.ok ? 'moved' : 'refused'} className={l.ok ? '' : 'text-red-300'}>
            <span className="font-medium">{l.name}</span>: {l.message}
          </li>
        ))}
      </ol>
      {bulk.finished && (
        <button type="button" className={`${button} self-start`} onClick={onClose}>Close the report</button>
      )}
    </section>
  );
}
