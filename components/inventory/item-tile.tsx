import { memo, type DragEventHandler } from 'react';
import { TAG_INFO } from '@/lib/annotations/tags';
import type { ItemTile as Tile } from '@/lib/inventory/types';
import { ItemIcon } from './item-icon';
import { TIER_STYLES } from './tier-styles';

/** What a screen reader says for a tile: name, rarity and type, then the marks. */
export function tileLabel(tile: Tile): string {
  const marks = [tile.tag ? `tagged ${TAG_INFO[tile.tag].label}` : '', tile.notes ? 'has a note' : ''].filter(Boolean);
  if (!tile.known) return [`${tile.name} (not in the item database yet)`, ...marks].join(', ');
  const parts = [tile.name, [tile.tierName, tile.typeName].filter(Boolean).join(' ')];
  if (tile.power !== null) parts.push(`power ${tile.power}`);
  if (tile.damageType) parts.push(tile.damageType);
  if (tile.quantity > 1) parts.push(`${tile.quantity} of them`);
  if (tile.equipped) parts.push('equipped');
  if (tile.locked) parts.push('locked');
  if (tile.masterwork) parts.push('masterwork');
  return [...parts, ...marks].filter(Boolean).join(', ');
}

/** What makes a tile a drag source on a desktop (see use-tile-drag.ts); absent on phones. */
export type TileDragProps = { draggable: true; onDragStart: DragEventHandler<HTMLElement>; onDragEnd: DragEventHandler<HTMLElement> };

/**
 * One item as a thumb-sized button; tapping it opens the detail sheet; on a desktop it can also be
 * dragged. The locked and masterwork marks are drawn by CSS from `data-locked` / `data-masterwork`
 * (globals.css), not as nested elements: a vault page renders hundreds of tiles, and each element
 * costs server render time. Memoised: after a move or a search only the tiles that changed redraw.
 */
export const ItemTile = memo(function ItemTile({ tile, onOpen, drag }: { tile: Tile; onOpen: (tile: Tile) => void; drag?: TileDragProps }) {
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
      data-equipped={tile.equipped || undefined}
      data-locked={tile.locked || undefined}
      data-masterwork={tile.masterwork || undefined}
      data-tag={tile.tag}
      className={`item-tile ${TIER_STYLES[tile.tier]}${tile.equipped ? ' ring-2 ring-vault-text' : ''}`}
    >
      {tile.known ? (
        <ItemIcon src={tile.iconUrl} size={96} className="item-tile-icon" />
      ) : (
        <span className="flex h-full flex-col items-center justify-center p-0.5 text-center text-[0.6rem] leading-tight text-vault-accent">
          <span aria-hidden className="text-lg font-bold">?</span>
          {tile.name}
        </span>
      )}
      {(tile.tag || tile.notes) && (
        <span aria-hidden className="item-tile-tag" data-tag={tile.tag} title={tile.tag ? TAG_INFO[tile.tag].label : 'Note'}>
          {tile.tag ? TAG_INFO[tile.tag].glyph : '✎'}
        </span>
      )}
      {tile.power !== null && <span className="item-tile-count">{tile.power}</span>}
      {tile.quantity > 1 && <span className="item-tile-count">{tile.quantity}</span>}
    </button>
  );
});
