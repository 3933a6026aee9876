'use client';

import { useState, useSyncExternalStore } from 'react';

/**
 * Which item's sheet is open (its key), held outside the screen's state: a tap on a tile re-renders
 * the sheet alone, not the screen of hundreds of tiles above it (on a phone slowed 4×, that
 * re-render sat between the tap and the sheet's first frame).
 */
export type OpenItem = {
  get(): string | null;
  open(key: string | null): void;
  subscribe(listener: () => void): () => void;
};

function createOpenItem(): OpenItem {
  let current: string | null = null;
  const listeners = new Set<() => void>();
  return {
    get: () => current,
    open(key) {
      if (key === current) return;
      current = key;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** One open-item holder for a screen, the same for as long as the screen lives. */
export function useOpenItemHolder(): OpenItem {
  const [holder] = useState(createOpenItem);
  return holder;
}

/** The key of the item whose sheet is open (re-renders only the component that asks). */
export function useOpenKey(holder: OpenItem): string | null {
  return useSyncExternalStore(holder.subscribe, holder.get, () => null);
}
