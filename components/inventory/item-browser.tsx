'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useMemo, useState } from 'react';
import { mutate } from 'swr';
import type { BucketSection, CharacterSummary, ItemTile as Tile } from '@/lib/inventory/types';
import type { ItemPlace } from './item-action-client';
import { ItemActions, type ActionChange } from './item-actions';
import { ItemSheet } from './item-sheet';
import { ItemTile } from './item-tile';
import { SearchBox } from './search-box';
import { sortTiles, SORT_LABELS, type SortKey } from './sorting';
import { StoreDock } from './store-dock';
import { useItemSearch } from './use-item-search';
import { useTileDrag } from './use-tile-drag';

/** A titled list of sections (the vault's weapons, a character's slots, ...). */
export type BrowserGroup = { id: string; label: string; sections: BucketSection[] };

function sectionCount(s: BucketSection): string {
  return s.capacity === null ? String(s.count) : `${s.count} / ${s.capacity}`;
}

/**
 * Item grids with the search box (lib/search) and a sort order, and the detail sheet. Sorting and
 * filtering happen in the browser: the page already holds every item it shows.
 */
export function ItemBrowser({ groups, characters = [], home }: { groups: BrowserGroup[]; characters?: CharacterSummary[]; home?: string }) {
  const router = useRouter();
  // Optimistic places of items acted on, until the next profile read agrees (or a refusal undoes them).
  const [moved, setMoved] = useState<ReadonlyMap<string, ItemPlace>>(new Map());
  const onChange = useCallback(
    ({ key, place, refresh, pending }: ActionChange) => {
      setMoved((old) => {
        const next = new Map(old);
        if (place) next.set(key, place);
        else next.delete(key);
        return next;
      });
      if (!pending && (place || refresh)) {
        // Re-read the profile so counts and other tiles follow: SWR on the vault, the server page elsewhere.
        if (home === 'vault') void mutate('/api/profile');
        else router.refresh();
      }
    },
    [home, router],
  );
  const allTiles = useMemo(() => groups.flatMap((g) => g.sections.flatMap((s) => s.items)), [groups]);
  const search = useItemSearch(allTiles);
  const searchMatches = search.matches;
  const [sort, setSort] = useState<SortKey>('tier');
  const [open, setOpen] = useState<Tile | null>(null);
  // Desktop only: drag tiles onto the stores in the dock (phones keep the action sheet alone).
  const drag = useTileDrag(Boolean(home));

  const shown = useMemo(
    () =>
      groups.map((g) => ({
        ...g,
        sections: g.sections.map((s) => ({ ...s, shown: sortTiles(s.items.map((t) => withPlace(t, moved.get(t.key), home)).filter((t): t is Tile => t !== null && searchMatches(t)), sort) })),
      })),
    [groups, searchMatches, sort, moved, home],
  );
  // A slot named in two groups (the vault's and the account-wide Consumables) gets the group in its
  // landmark name: screen-reader users jump between regions by name.
  const repeated = useMemo(() => {
    const names = groups.flatMap((g) => g.sections.map((s) => s.name));
    return new Set(names.filter((n, i) => names.indexOf(n) !== i));
  }, [groups]);
  const matches = shown.reduce((n, g) => n + g.sections.reduce((m, s) => m + s.shown.length, 0), 0);

  return (
    <div className="flex flex-col gap-4">
      <div className="sticky top-14 z-[5] -mx-4 flex items-start gap-2 border-b border-vault-line bg-vault-bg/95 px-4 py-2 backdrop-blur">
        <SearchBox query={search.query} onQueryChange={search.setQuery} index={search.index} error={search.error} matchCount={matches} total={allTiles.length} />
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
      {shown.map((group) => (
        <section key={group.id} aria-labelledby={`group-${group.id}`} data-group={group.id} className="flex flex-col gap-3">
          <h2 id={`group-${group.id}`} className="text-xl font-semibold">{group.label}</h2>
          {group.sections.map((s) =>
            s.shown.length === 0 ? null : (
              <section key={s.bucketHash} aria-label={repeated.has(s.name) ? `${s.name}, ${group.label}` : s.name} data-bucket-hash={s.bucketHash} className="flex flex-col gap-1.5">
                <h3 className="flex items-baseline justify-between text-sm font-medium text-vault-muted">
                  <span>{s.name}</span>
                  <span className="tabular-nums" data-testid="section-count">{sectionCount(s)}</span>
                </h3>
                <ul className="grid grid-cols-[repeat(auto-fill,minmax(4rem,1fr))] gap-1.5 sm:grid-cols-[repeat(auto-fill,minmax(4.5rem,1fr))]">
                  {s.shown.map((tile) => (
                    <li key={tile.key}>
                      <ItemTile tile={tile} onOpen={setOpen} drag={drag.props(tile)} />
                    </li>
                  ))}
                </ul>
              </section>
            ),
          )}
        </section>
      ))}
      <ItemSheet tile={open} onClose={() => setOpen(null)}>
        {open && home && <ItemActions key={open.key} tile={open} characters={characters} onChange={onChange} />}
      </ItemSheet>
      {drag.enabled && <StoreDock store={drag.store} characters={characters} onChange={onChange} />}
    </div>
  );
}

/** The tile as an action left it: gone from this page when it moved elsewhere, else updated. */
function withPlace(tile: Tile, place: ItemPlace | undefined, home: string | undefined): Tile | null {
  if (!place) return tile;
  const here = tile.location.kind === 'vault' ? 'vault' : tile.location.characterId;
  if (home && place.owner !== home && place.owner !== here) return null;
  return { ...tile, equipped: place.equipped, locked: place.locked };
}
