'use client';

import { useLayoutEffect, useMemo, useRef } from 'react';
import useSWR from 'swr';
import { PACKED_QUERY, unpackView } from '@/lib/inventory/view-wire';
import { readHandedView } from './view-handoff';

/** The key the inventory screen's view is cached under; an action's re-read revalidates it (use-inventory-store.ts). */
export const INVENTORY_URL = '/api/inventory';

/** What the page does with each answer's headers (the browser's copy of a 304's); undefined when the read failed. */
export type OnHeaders = (headers: Headers | undefined) => void;

/** Reads a view route; the browser's HTTP cache turns an unchanged answer into a bodiless 304. */
async function fetchView<T>(url: string, onHeaders?: OnHeaders): Promise<T> {
  // Packed (lib/inventory/view-wire.ts): about a quarter of the bytes to download and parse on a phone.
  const response = await fetch(`${url}?${PACKED_QUERY}`, { headers: { Accept: 'application/json' } });
  onHeaders?.(response.ok ? response.headers : undefined);
  // On a failure SWR keeps showing the last view; the next focus or tick tries again.
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return unpackView<T>(await response.json());
}

/**
 * A page's view kept fresh in the browser from `url` (`/api/profile` for the vault,
 * `/api/inventory` for the inventory screen): revalidated when the tab regains focus and every
 * 30 s while it is visible (never in a hidden tab), starting from the server-rendered view so the
 * first paint needs no request. `mutate(url)` reads it again at once (after an action).
 * `onHeaders` sees each answer's headers (the vault: the version of the tags and notes).
 *
 * The server hands the view over as JSON text (`initialJson`), not as an object: React's RSC
 * serialisation walks an object value by value on the server and revives it value by value on
 * the other side (thousands of values for a vault of 462 tiles), where one string costs one
 * native JSON.parse; packed, that string is about a quarter of the plain JSON.
 */
export function useLiveView<T>(url: string, initialJson: string, onHeaders?: OnHeaders): T {
  // On the server the view object itself, handed over by the page that made the text; in the browser, the text unpacked (view-handoff.ts).
  const initial = useMemo(() => readHandedView<T>(initialJson), [initialJson]);
  const headersTo = useRef(onHeaders);
  useLayoutEffect(() => {
    headersTo.current = onHeaders;
  }, [onHeaders]);
  const { data, mutate: reseed } = useSWR(url, (key: string) => fetchView<T>(key, headersTo.current), {
    fallbackData: initial,
    revalidateOnMount: false,
    revalidateOnFocus: true,
    refreshInterval: 30_000,
    refreshWhenHidden: false,
  });
  // Coming back to the page, SWR still holds the view of the last visit: the page the server has just
  // rendered is newer, so it becomes the cache (before paint, so the old view never shows).
  useLayoutEffect(() => {
    void reseed(initial, { revalidate: false });
  }, [initial, reseed]);
  return data ?? initial;
}
