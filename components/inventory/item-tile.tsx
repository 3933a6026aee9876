import type { DragEventHandler } from 'react';
import type { ItemTile as Tile } from '@/lib/inventory/types';
import { ItemIcon } from './item-icon';
import { TIER_STYLES } from './tier-styles';

/** What a screen reader says for a tile: name, rarity and type, then the marks. */
export function tileLabel(tile: Tile): string {
  if (!tile.known) return `${tile.name} (not in the item database yet)`;
  const parts = [tile.name, [tile.tierName, tile.typeName].filter(Boolean).join(' ')];
  if (tile.power !== null) parts.push(`power ${tile.power}`);
  if (tile.damageType) parts.push(tile.damageType);
  if (tile.quantity > 1) parts.push(`${tile.quantity} of them`);
  if (tile.equipped) parts.push('equipped');
  if (tile.locked) parts.push('locked');
  if (tile.masterwork) parts.push('masterwork');
  return parts.filter(Boolean).join(', ');
}

/** What makes a tile a drag source on a desktop (see use-tile-drag.ts); absent on phones. */
export type TileDragProps = { draggable: true; onDragStart: DragEventHandler<HTMLElement>; onDragEnd: DragEventHandler<HTMLElement> };

/** One item as a thumb-sized button; tapping it opens the detail sheet; on a desktop it can also be dragged. */
export function ItemTile({ tile, onOpen, drag }: { tile: Tile; onOpen: (tile: Tile) => void; drag?: TileDragProps }) {
  return (
    <button
      type="button"
      {...drag}
      onClick={() => onOpen(tile)}
      aria-label={tileLabel(tile)}
      data-item-hash={tile.hash}
      data-item-id={tile.instanceId}
      data-tier={tile.tier}
      data-known={tile.known}
      className={`item-tile ${TIER_STYLES[tile.tier]}${tile.equipped ? ' ring-2 ring-vault-text' : ''}`}
    >
      {tile.known ? (
        <ItemIcon src={tile.iconUrl} size={96} className="h-full w-full object-cover" />
      ) : (
        <span className="flex h-full flex-col items-center justify-center p-0.5 text-center text-[0.6rem] leading-tight text-vault-accent">
          <span aria-hidden className="text-lg font-bold">?</span>
          {tile.name}
        </span>
      )}
      {tile.power !== null && (
        <span className="item-tile-count">{tile.power}</span>
      )}
      {tile.quantity > 1 && (
        <span className="item-tile-count">{tile.quantity}</span>
      )}
      <span aria-hidden className="absolute left-0.5 top-0.5 flex gap-0.5 text-[0.6rem] leading-none">
        {tile.locked && (
          <span className="rounded bg-black/70 p-0.5">
            <svg viewBox="0 0 16 16" className="h-2.5 w-2.5 fill-vault-text">
              <path d="M4 7V5a4 4 0 1 1 8 0v2h1v8H3V7h1zm2 0h4V5a2 2 0 1 0-4 0v2z" />
            </svg>
          </span>
        )}
        {tile.masterwork && (
          // A mark, not the letters "MW": visible text must be part of the button's name (WCAG 2.5.3).
          <span className="rounded bg-black/70 p-0.5" data-mark="masterwork">
            <svg viewBox="0 0 16 16" className="h-2.5 w-2.5 fill-tier-exotic">
              <path d="M8 0l2.4 5.6L16 8l-5.6 2.4L8 16l-2.4-5.6L0 8l5.6-2.4z" />
            </svg>
          </span>
        )}
      </span>
    </button>
  );
}
