'use client';

import { memo, useState } from 'react';
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

/**
 * A cache of the lists last handed to the grids, by section: `same(key, list)` gives back the earlier
 * array when `list` holds the same tiles in the same order, so a keystroke that leaves a section's
 * matches as they were does not redraw its grid (each filter makes a new array).
 */
export function useSameLists(): (key: string, list: Tile[]) => Tile[] {
  const [cache] = useState(() => {
    const last = new Map<string, Tile[]>();
    return (key: string, list: Tile[]) => {
      const before = last.get(key);
      if (before && before.length === list.length && before.every((t, i) => t === list[i])) return before;
      last.set(key, list);
      return list;
    };
  });
  return cache;
}
