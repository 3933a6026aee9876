'use client';

import { useState } from 'react';
import { holdValue, useHeldValue, type HeldValue } from './held-value';

/**
 * Which item's sheet is open (its key), held outside the screen's state: a tap on a tile re-renders
 * the sheet alone, not the screen of hundreds of tiles above it (on a phone slowed 4×, that
 * re-render sat between the tap and the sheet's first frame).
 */
export type OpenItem = HeldValue<string | null>;

/** One open-item holder for a screen, the same for as long as the screen lives. */
export function useOpenItemHolder(): OpenItem {
  const [holder] = useState(() => holdValue<string | null>(null));
  return holder;
}

/** The key of the item whose sheet is open (re-renders only the component that asks). */
export function useOpenKey(holder: OpenItem): string | null {
  return useHeldValue(holder, null);
}
