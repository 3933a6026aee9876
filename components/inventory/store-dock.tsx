'use client';

import { useState, type DragEvent } from 'react';
import type { CharacterSummary, ItemTile } from '@/lib/inventory/types';
import type { SuggestedMove } from './item-action-client';
import { ItemIcon } from './item-icon';
import { canEquipOn, equipItem, makeSuggestedMove, moveItem, ownerOf, type OnActionChange } from './item-moves';
import { useDraggedTile, type DragStore } from './use-tile-drag';

/** One drop target: move into a store, or equip on a character. */
type Zone = { id: string; kind: 'move' | 'equip'; to: string; label: string; where: string; className?: string };
/** What the last drop did, for the live region (and the refusal, with its one suggested move). */
type Notice = { kind: 'working' | 'done'; message: string } | { kind: 'refused'; message: string; suggestion?: SuggestedMove };

function accepts(zone: Zone, tile: ItemTile): boolean {
  const from = ownerOf(tile);
  if (zone.kind === 'move') return from !== zone.to;
  return canEquipOn(tile, zone.className ?? '') && !tile.equipped;
}

const button = 'min-h-9 rounded-lg border border-vault-line px-3 text-sm font-medium hover:bg-vault-bg';

/**
 * Desktop drop targets for every store — the vault and each character (move, or equip) — docked
 * at the bottom of a wide screen. A drop takes the same path as the action sheet (optimistic, then
 * confirmed or rolled back) and says what happened in a live region; a refusal is explained, with
 * the one move that makes room offered as a button, never made without asking.
 */
export function StoreDock({ store, characters, onChange }: { store: DragStore; characters: CharacterSummary[]; onChange: OnActionChange }) {
  const dragged = useDraggedTile(store);
  const [over, setOver] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);

  const zones = (c: CharacterSummary): Zone[] => [
    { id: `move:${c.characterId}`, kind: 'move', to: c.characterId, label: `Move to ${c.className}`, where: `your ${c.className}` },
    { id: `equip:${c.characterId}`, kind: 'equip', to: c.characterId, label: `Equip on ${c.className}`, where: `your ${c.className}`, className: c.className },
  ];
  const vault: Zone = { id: 'move:vault', kind: 'move', to: 'vault', label: 'Move to vault', where: 'your vault' };

  async function drop(zone: Zone, tile: ItemTile) {
    if (zone.kind === 'move' && tile.equipped) {
      return setNotice({ kind: 'refused', message: `${tile.name} is equipped, and Destiny moves only unequipped items: equip another item in its slot first, then move it.` });
    }
    const verb = zone.kind === 'move' ? ['Moving', 'Moved', 'to'] : ['Equipping', 'Equipped', 'on'];
    setNotice({ kind: 'working', message: `${verb[0]} ${tile.name} ${verb[2]} ${zone.where}…` });
    const outcome = zone.kind === 'move' ? await moveItem(tile, zone.to, onChange) : await equipItem(tile, zone.to, onChange);
    setNotice(outcome.ok ? { kind: 'done', message: `${verb[1]} ${tile.name} ${verb[2]} ${zone.where}.` } : { kind: 'refused', message: outcome.message, suggestion: outcome.suggestion });
  }

  async function makeRoom(suggestion: SuggestedMove) {
    setNotice({ kind: 'working', message: `${suggestion.label}…` });
    const outcome = await makeSuggestedMove(suggestion, onChange);
    setNotice(outcome.ok ? { kind: 'done', message: 'Made room. Drag the item there again.' } : { kind: 'refused', message: outcome.message });
  }

  const handlers = (zone: Zone) => {
    const take = (event: DragEvent<HTMLElement>) => {
      const tile = store.get();
      if (!tile || !accepts(zone, tile)) return null;
      event.preventDefault();
      return tile;
    };
    return {
      onDragEnter: (event: DragEvent<HTMLElement>) => void (take(event) && setOver(zone.id)),
      onDragOver: (event: DragEvent<HTMLElement>) => {
        if (!take(event)) return;
        event.dataTransfer.dropEffect = 'move';
        setOver(zone.id);
      },
      onDragLeave: (event: DragEvent<HTMLElement>) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOver((o) => (o === zone.id ? null : o));
      },
      onDrop: (event: DragEvent<HTMLElement>) => {
        const tile = take(event);
        setOver(null);
        // The source tile may leave the page before its dragend fires: end the drag here.
        store.set(null);
        if (tile) void drop(zone, tile);
      },
    };
  };

  const look = (zone: Zone) => {
    if (!dragged) return 'border-vault-line';
    if (!accepts(zone, dragged)) return 'border-vault-line opacity-40';
    return over === zone.id ? 'border-vault-accent bg-vault-accent/25 ring-2 ring-vault-accent' : 'border-dashed border-vault-accent/70';
  };
  const target = (zone: Zone, extra: string) => ({
    role: 'group' as const,
    'aria-label': zone.label,
    'data-drop-target': zone.id,
    'data-over': dragged && over === zone.id ? 'true' : undefined,
    className: `flex items-center gap-2 rounded-lg border-2 bg-vault-panel px-3 transition-colors ${look(zone)} ${extra}`,
    ...handlers(zone),
  });

  return (
    <>
      {/* Room under the last row of tiles, which the fixed dock would otherwise cover. */}
      <div aria-hidden className="h-32" />
      <section aria-label="Stores" className="fixed inset-x-0 bottom-0 z-10 border-t border-vault-line bg-vault-bg/95 backdrop-blur" data-testid="store-dock">
        <div className="mx-auto flex w-full max-w-5xl flex-col gap-2 px-4 py-2">
          <div className="flex min-h-6 items-center justify-between gap-3 text-sm">
            <p role="status" aria-live="polite" data-testid="drop-status">
              {notice && notice.kind !== 'refused' ? notice.message : ''}
            </p>
            {!notice && <p className="text-vault-muted">Drag an item onto the vault or a character to move it.</p>}
          </div>
          {notice?.kind === 'refused' && (
            <div role="alert" className="flex flex-wrap items-center gap-2 rounded-lg border border-red-400/60 bg-red-950/60 p-2 text-sm">
              <p className="min-w-0 flex-1">{notice.message}</p>
              {notice.suggestion && (
                <button type="button" className={button} onClick={() => void makeRoom(notice.suggestion!)}>
                  {notice.suggestion.label}
                </button>
              )}
              <button type="button" className={button} onClick={() => setNotice(null)}>
                Dismiss
              </button>
            </div>
          )}
          <ul className="flex gap-2">
            <li className="flex">
              <div {...target(vault, 'min-h-16 min-w-32 justify-center font-semibold')}>Vault</div>
            </li>
            {characters.map((c) => {
              const [move, equip] = zones(c);
              return (
                <li key={c.characterId} className="flex flex-1 gap-1">
                  <div {...target(move!, 'min-h-16 flex-1')}>
                    {c.emblemUrl && <ItemIcon src={c.emblemUrl} size={40} className="h-10 w-10 rounded" />}
                    <span className="font-semibold">{c.className}</span>
                    <span className="tabular-nums text-vault-accent">{c.power}</span>
                  </div>
                  <div {...target(equip!, 'min-h-16 text-sm text-vault-muted')}>Equip</div>
                </li>
              );
            })}
          </ul>
        </div>
      </section>
    </>
  );
}
