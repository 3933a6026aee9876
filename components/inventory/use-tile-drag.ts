'use client';

import { useMemo, useState, useSyncExternalStore } from 'react';
import { holdValue, useHeldValue, type HeldValue } from './held-value';
import type { ItemTile } from '@/lib/inventory/types';
import { canMove } from './item-moves';
import type { TileDragProps } from './item-tile';

/** Screens this wide get drag and drop between stores; phones keep the action sheet alone. */
export const WIDE_SCREEN = '(min-width: 1024px)';
/** The drag's data type: other pages' or apps' drags are ignored by the drop targets. */
export const DRAG_TYPE = 'application/x-vault-raider-item';

/** The tile being dragged, shared by the tiles (sources) and the drop targets without re-rendering the grid. */
export type DragStore = HeldValue<ItemTile | null>;

function subscribeToWidth(onChange: () => void): () => void {
  const query = window.matchMedia(WIDE_SCREEN);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

/** Whether the screen is wide enough for drag and drop; false on the server and on phones. */
export function useWideScreen(): boolean {
  return useSyncExternalStore(subscribeToWidth, () => window.matchMedia(WIDE_SCREEN).matches, () => false);
}

/** The tile being dragged right now (re-renders only the component that asks). */
export function useDraggedTile(store: DragStore): ItemTile | null {
  return useHeldValue(store, null);
}

/** Drag and drop for one item browser: `props(tile)` for each tile, `store` for the drop targets. */
export type TileDrag = { enabled: boolean; store: DragStore; props(tile: ItemTile): TileDragProps | undefined };

/**
 * Makes movable tiles draggable on a wide screen (HTML5 drag and drop, so a mouse or a pen works;
 * a click still opens the sheet, and a keyboard uses the sheet). Off when `active` is false.
 */
export function useTileDrag(active: boolean): TileDrag {
  const [store] = useState(() => holdValue<ItemTile | null>(null));
  const enabled = useWideScreen() && active;
  // One object, and one props object per tile, for as long as `enabled` holds: the grids are
  // memoised (tile-grid.tsx) and a fresh function or object each render would redraw every tile.
  return useMemo(() => {
    const made = new WeakMap<ItemTile, TileDragProps>();
    const props = (tile: ItemTile): TileDragProps | undefined => {
      // An equipped tile drags too: the dock says why it cannot be moved rather than nothing happening.
      if (!enabled || !(canMove(tile) || tile.equipped)) return undefined;
      let p = made.get(tile);
      if (!p) {
        p = {
          draggable: true,
          onDragStart(event) {
            event.dataTransfer.effectAllowed = 'move';
            event.dataTransfer.setData(DRAG_TYPE, tile.key);
            event.dataTransfer.setData('text/plain', tile.name);
            store.set(tile);
          },
          onDragEnd: () => store.set(null),
        };
        made.set(tile, p);
      }
      return p;
    };
    return { enabled, store, props };
  }, [enabled, store]);
}
