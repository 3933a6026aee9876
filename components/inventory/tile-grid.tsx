'use client';

import { memo } from 'react';
import type { ItemTile as Tile } from '@/lib/inventory/types';
import { ItemTile } from './item-tile';
import type { TileDrag } from './use-tile-drag';

/**
 * One section's tiles as a grid, redrawn only when its list, the callback or the drag change: a
 * page holds hundreds of tiles, and opening a sheet or typing a letter re-renders the screen above
 * them (on a phone slowed 4×, every tile redrawn cost about half a second per tap).
 */
export const TileGrid = memo(function TileGrid({ tiles, className, onOpen, drag }: { tiles: readonly Tile[]; className: string; onOpen: (tile: Tile) => void; drag: TileDrag['props'] }) {
  return (
    <ul className={className}>
      {tiles.map((tile) => (
        <li key={tile.key}>
          <ItemTile tile={tile} onOpen={onOpen} drag={drag(tile)} />
        </li>
      ))}
    </ul>
  );
});
