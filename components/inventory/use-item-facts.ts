'use client';

import { useEffect, useRef, useState } from 'react';
import useSWR from 'swr';
import { fetchJson } from '@/components/fetch-json';
import type { ItemFacts, ItemFactsView, ItemTile } from '@/lib/inventory/types';

/** The route that answers the facts of every item of the player's active profile. */
export const FACTS_URL = '/api/items/facts';

/** The items' facts as the search sees them. */
export type FactsState = {
  /** By instance id; null until the first answer. */
  facts: Readonly<Record<string, ItemFacts>> | null;
  /** Why they could not be loaded (no answer yet); null otherwise. */
  error: Error | null;
};

const readFacts = (url: string) => fetchJson<ItemFactsView>(url);

/**
 * The stats, base stats and perk names of the page's items, fetched only once `wanted` has been
 * true (a query that reads them, or a `perk:` being typed), then kept for the page view: one
 * request, shared by every hook asking at the same moment (SWR dedupes by URL); a page view that
 * finds them cached shows those at once and asks once more in the background.
 * Asked again only when `items` show instance ids the answer did not know (a drop arriving with the
 * 30 s refresh, another profile chosen), once for those ids. Moves, equips and locks do not change
 * an item's stats or perks, so an action alone never asks again.
 */
export function useItemFacts(wanted: boolean, items: readonly ItemTile[]): FactsState {
  const [asked, setAsked] = useState(wanted);
  if (wanted && !asked) setAsked(true);
  const { data, error, mutate } = useSWR(asked ? FACTS_URL : null, readFacts, {
    revalidateOnFocus: false,
    revalidateOnReconnect: false,
    shouldRetryOnError: false,
  });
  // Ids already asked again for: an id the answer still lacks (gone since, a slow Bungie cache) does not loop.
  const askedFor = useRef(new Set<string>());
  useEffect(() => {
    if (!data) return;
    let unknown = false;
    for (const t of items) {
      if (t.instanceId === undefined || t.instanceId in data.items || askedFor.current.has(t.instanceId)) continue;
      askedFor.current.add(t.instanceId);
      unknown = true;
    }
    if (unknown) void mutate();
  }, [data, items, mutate]);
  // A failed fetch is tried again when a query starts to read the facts again (not on every keystroke).
  const failed = error !== undefined && !data;
  useEffect(() => {
    if (wanted && failed) void mutate();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only on `wanted` turning true: `failed` alone must not retry in a loop.
  }, [wanted]);
  return { facts: data?.items ?? null, error: data ? null : ((error as Error | undefined) ?? null) };
}
