'use client';

import { useCallback, useState } from 'react';
import useSWR from 'swr';
import { fetchJson, tryFetchJson } from '@/components/fetch-json';
import type { LoadoutView } from '@/lib/loadouts/types';
import type { SearchPrefsInput, SearchPrefsView } from '@/lib/search-prefs/schemas';

const PREFS_URL = '/api/search';
const NO_IDS: ReadonlySet<string> = new Set();

/** What the search box's shelf and the sort menu need: the player's stored searches and sort. */
export type SearchPrefs = {
  /** null until read (or when the player is not signed in: nothing is stored then). */
  prefs: SearchPrefsView | null;
  /** Sends one change; the answer (the player's searches now) replaces what is shown. */
  change: (input: SearchPrefsInput) => Promise<void>;
  /** The last change's refusal, as a sentence; null when it went through. */
  problem: string | null;
};

/**
 * The signed-in player's starred and recent searches and sort order (GET/POST /api/search),
 * stored per player in Postgres so every device sees the same. `enabled` false (signed out, the
 * demo) reads and writes nothing.
 */
export function useSearchPrefs(enabled: boolean): SearchPrefs {
  const { data, mutate } = useSWR(enabled ? PREFS_URL : null, (url: string) => fetchJson<SearchPrefsView>(url), {
    revalidateOnFocus: true,
    shouldRetryOnError: false,
  });
  const [problem, setProblem] = useState<string | null>(null);
  const change = useCallback(
    async (input: SearchPrefsInput) => {
      if (!enabled) return;
      const outcome = await tryFetchJson<SearchPrefsView>(PREFS_URL, { method: 'POST', body: input });
      if (outcome.ok) {
        setProblem(null);
        await mutate(outcome.data, { revalidate: false });
      } else setProblem(outcome.error.message);
    },
    [enabled, mutate],
  );
  return { prefs: data ?? null, change, problem };
}

/** Instance ids in the signed-in player's saved loadouts (`is:inloadout`); empty until read. */
export function useLoadoutItemIds(enabled: boolean): ReadonlySet<string> {
  const { data } = useSWR(enabled ? '/api/loadouts' : null, (url: string) => fetchJson<{ loadouts: LoadoutView[] }>(url), {
    revalidateOnFocus: false,
    shouldRetryOnError: false,
  });
  const [ids, setIds] = useState<{ from: unknown; ids: ReadonlySet<string> }>({ from: undefined, ids: NO_IDS });
  if (data !== ids.from) setIds({ from: data, ids: data ? new Set(data.loadouts.flatMap((l) => l.items.map((i) => i.itemId))) : NO_IDS });
  return ids.ids;
}
