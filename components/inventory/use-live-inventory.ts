'use client';

import { useLayoutEffect, useMemo } from 'react';
import useSWR from 'swr';
import type { InventoryView } from '@/lib/inventory/types';

/** The key the inventory screen's view is cached under; an action's re-read revalidates it (use-inventory-store.ts). */
export const INVENTORY_URL = '/api/inventory';

/** Reads /api/inventory; the browser's HTTP cache turns an unchanged answer into a bodiless 304. */
async function fetchInventory(url: string): Promise<InventoryView> {
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  // On a failure SWR keeps showing the last view; the next focus or tick tries again.
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return (await response.json()) as InventoryView;
}

/**
 * The inventory screen's view, kept fresh as the vault page's (live-vault.tsx): revalidated when the
 * tab regains focus and every 30 s while it is visible (never in a hidden tab), starting from the
 * server-rendered JSON so the first paint needs no request.
 */
export function useLiveInventory(initialJson: string): InventoryView {
  const initial = useMemo(() => JSON.parse(initialJson) as InventoryView, [initialJson]);
  const { data, mutate: reseed } = useSWR(INVENTORY_URL, fetchInventory, {
    fallbackData: initial,
    revalidateOnMount: false,
    revalidateOnFocus: true,
    refreshInterval: 30_000,
    refreshWhenHidden: false,
  });
  // Coming back, SWR still holds the last visit's view: the page just rendered is newer (set before paint).
  useLayoutEffect(() => {
    void reseed(initial, { revalidate: false });
  }, [initial, reseed]);
  return data ?? initial;
}
