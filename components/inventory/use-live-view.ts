'use client';

import { createElement, useLayoutEffect, useMemo, useRef, type ReactElement } from 'react';
import useSWR from 'swr';
import { takeHandedView, type ViewTicket } from './view-handoff';

/** The key the inventory screen's view is cached under; an action's re-read revalidates it (use-inventory-store.ts). */
export const INVENTORY_URL = '/api/inventory';

/** What the page does with each answer's headers (the browser's copy of a 304's); undefined when the read failed. */
export type OnHeaders = (headers: Headers | undefined) => void;

/** Reads a view route; the browser's HTTP cache turns an unchanged answer into a bodiless 304. */
async function fetchView<T>(url: string, onHeaders?: OnHeaders): Promise<T> {
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  onHeaders?.(response.ok ? response.headers : undefined);
  // On a failure SWR keeps showing the last view; the next focus or tick tries again.
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return (await response.json()) as T;
}

// In the browser, the data blocks read so far (the last few), by id: coming back to a page the
// router kept (Back), its ticket names a block that left the document with the page.
const readBlocks = new Map<string, string>();
const KEEP_READ = 4;

/** A ticket's view (undefined when nowhere to be found) and the text of its data block (null: none to draw). */
export function viewOfTicket<T>(ticket: ViewTicket): { view: T | undefined; text: string | null } {
  if (ticket.json !== undefined) return { view: JSON.parse(ticket.json) as T, text: null };
  // The server's render: the object itself, handed over by the page (view-handoff.ts).
  if (typeof window === 'undefined') {
    const handed = takeHandedView<T>(ticket.id);
    return handed ? handed : { view: undefined, text: null };
  }
  // The browser: the block the server wrote (hydration), or one read before.
  const text = readBlocks.get(ticket.id) ?? document.getElementById(ticket.id)?.textContent ?? null;
  if (text === null) return { view: undefined, text: null };
  readBlocks.delete(ticket.id);
  readBlocks.set(ticket.id, text);
  for (const id of readBlocks.keys()) if (readBlocks.size > KEEP_READ) readBlocks.delete(id);
  return { view: JSON.parse(text) as T, text };
}

/**
 * A page's view kept fresh in the browser from `url` (`/api/profile` for the vault,
 * `/api/inventory` for the inventory screen): revalidated when the tab regains focus and every
 * 30 s while it is visible (never in a hidden tab), starting from the view the page carried (its
 * `ticket`, view-handoff.ts) so the first paint needs no request. `mutate(url)` reads it again at
 * once (after an action). `onHeaders` sees each answer's headers (the vault: the version of the
 * tags and notes).
 *
 * `dataBlock` is the `<script type="application/json">` the view came in on a page load: the screen
 * draws it after its markup, the same on the server and in the browser's first render (hydration).
 * `view` is undefined only if the carried view could not be found (the server's hand-off lost, a
 * page restored after its block was forgotten): the screen then shows its skeleton and the view is
 * read from `url`.
 *
 * The view travels as JSON text, not as an object: React's RSC serialisation walks an object value
 * by value on the server and revives it value by value on the other side (thousands of values for a
 * vault of 462 tiles), where one string costs one native JSON.parse.
 */
export function useLiveView<T>(url: string, ticket: ViewTicket, onHeaders?: OnHeaders): { view: T | undefined; dataBlock: ReactElement | null } {
  const { id, json } = ticket;
  const carried = useMemo(() => viewOfTicket<T>({ id, json }), [id, json]);
  const initial = carried.view;
  const headersTo = useRef(onHeaders);
  useLayoutEffect(() => {
    headersTo.current = onHeaders;
  }, [onHeaders]);
  const { data, mutate: reseed } = useSWR(url, (key: string) => fetchView<T>(key, headersTo.current), {
    fallbackData: initial,
    revalidateOnMount: initial === undefined,
    revalidateOnFocus: true,
    refreshInterval: 30_000,
    refreshWhenHidden: false,
  });
  // Coming back to the page, SWR still holds the view of the last visit: the page the server has just
  // rendered is newer, so it becomes the cache (before paint, so the old view never shows).
  useLayoutEffect(() => {
    if (initial !== undefined) void reseed(initial, { revalidate: false });
  }, [initial, reseed]);
  const dataBlock = useMemo(
    () => (carried.text === null ? null : createElement('script', { type: 'application/json', id, dangerouslySetInnerHTML: { __html: carried.text } })),
    [carried.text, id],
  );
  return { view: data ?? initial, dataBlock };
}
