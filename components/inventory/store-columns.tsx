'use client';

import Link from 'next/link';
import { memo, useState } from 'react';
import { FarmingMode } from '@/components/tools/farming-mode';
import type { ItemTile as Tile } from '@/lib/inventory/types';
import { ItemIcon } from './item-icon';
import { canEquipOn, canMove, ownerOf } from './item-moves';
import type { CharacterColumn, LaidSection, VaultColumn } from './inventory-layout';
import { useDraggedTile, type DragStore } from './use-tile-drag';

/*
 * The inventory screen's store columns (inventory-screen.tsx): a column per character — header,
 * postmaster, equipped row, slots — then the vault, each a drop target on a wide screen.
 */

/** A drop target: a store's column (move there) or a character's equipped row (equip there). */
export type Zone = { id: string; kind: 'move' | 'equip'; to: string; className?: string };

/** The postmaster warns from this many places left (it holds 21; beyond, the oldest items are lost). */
const POSTMASTER_WARN_LEFT = 4;

/** The postmaster's warning, or null while it has room: from 4 places left, and once it is full. */
export function postmasterWarning(held: number, capacity: number): string | null {
  const left = capacity - held;
  if (left > POSTMASTER_WARN_LEFT) return null;
  if (left <= 0) return 'The postmaster is full: new drops push the oldest items out for good. Pull items now.';
  return `Only ${left} place${left === 1 ? '' : 's'} left at the postmaster: pull items before it fills and the oldest are lost.`;
}

/** Whether a drop target takes `tile`. */
export function accepts(zone: Zone, tile: Tile): boolean {
  const from = ownerOf(tile);
  if (zone.kind === 'move') return from !== zone.to && (canMove(tile) || tile.equipped);
  return canEquipOn(tile, zone.className ?? '') && !(tile.equipped && from === zone.to);
}

export type ZoneProps = (zone: Zone, dragged: Tile | null, over: string | null, setOver: (id: string | null) => void) => Record<string, unknown>;

/**
 * The columns: side by side on a wide screen, one screen-wide page each (snapping) on a phone —
 * each a stop a swipe cannot fly past (`scroll-snap-stop: always`): a quick flick goes to the next
 * store, never two stores on.
 */
export function StoreColumns(props: {
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
        const warning = postmasterWarning(pm.items.length, pm.capacity ?? 21);
        const equippedShown = searching ? c.equipped.filter(matches) : c.equipped;
        return (
          <section
            key={c.id}
            aria-label={c.character.className}
            data-store={c.id}
            {...zoneProps(move, dragged, over, setOver)}
            className={`offscreen-lazy flex w-full shrink-0 snap-start snap-always flex-col gap-2 rounded-lg border-2 bg-vault-panel/40 p-2 px-4 xl:w-[17rem] xl:px-2 ${look(move.id, Boolean(dragged && accepts(move, dragged)))}`}
          >
            <StoreHeader column={c} />
            {pm.items.length > 0 && (
              <div className={`rounded-md border px-2 py-1 text-xs ${warning ? 'border-amber-400/70 bg-amber-950/50 text-amber-200' : 'border-vault-line text-vault-muted'}`} data-testid="postmaster">
                <p className="flex justify-between gap-2 font-medium">
                  <span>Postmaster</span>
                  <span className="tabular-nums" data-testid="postmaster-count">{pm.items.length} / {pm.capacity ?? 21}</span>
                </p>
                {warning && <p role="note" data-testid="postmaster-warning">{warning}</p>}
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
        className={`offscreen-lazy flex w-full shrink-0 snap-start snap-always flex-col gap-2 rounded-lg border-2 bg-vault-panel/40 p-2 px-4 xl:min-w-0 xl:flex-1 xl:px-2 ${look('move:vault', Boolean(dragged && accepts({ id: 'move:vault', kind: 'move', to: 'vault' }, dragged)))}`}
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

/**
 * A character's header: emblem, class, race, power, the stats and the farming switch. Memoised: the
 * screen re-renders on every keystroke, and a controlled checkbox re-rendered has its attributes
 * written again (React 19), which is work and, for a watcher of the grid, a change.
 */
const StoreHeader = memo(function StoreHeader({ column }: { column: CharacterColumn }) {
  const { character, stats, maxPower } = column;
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
        <div className="flex flex-col items-end">
          <p className="text-2xl font-semibold leading-tight tabular-nums text-vault-accent" aria-label={`Power ${character.power}`}>{character.power}</p>
          {/* "Equip max power" is on the character's page, with its per-item report. A navigation in
              the app (no reload); not prefetched: each header's prefetch would ask Bungie for a profile. */}
          <Link href={`/characters/${character.characterId}`} prefetch={false} className="text-xs tabular-nums text-vault-text/90 underline-offset-2 hover:underline" data-testid="store-max-power" aria-label={`max ${maxPower}: the max power; equip it from the ${character.className} page`}>
            max {maxPower}
          </Link>
        </div>
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
});

