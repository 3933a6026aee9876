'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useMemo, useState } from 'react';
import { mutate } from 'swr';
import type { CharacterSummary } from '@/lib/inventory/types';
import { applyOverrides, reconcile, withAnnotations, withChange, type Override, type StoreGroup, type StoreView } from './item-store';
import type { ActionChange } from './item-moves';
import { useAnnotations, type Annotations } from './use-annotations';

/** The page's item store, the one callback every action reports to, and the player's tags and notes. */
export type ItemStore = StoreView & { overrides: ReadonlyMap<string, Override>; onChange: (change: ActionChange) => void; annotations: Annotations };

/**
 * Holds the places actions reported (optimistic, then confirmed or rolled back) over the page's
 * last profile read, with the player's tags and notes on the tiles (use-annotations.ts), and
 * re-reads the profile after each answered action: SWR's `/api/profile` on the vault, the server
 * page elsewhere. When the next read arrives it replaces every confirmed
 * place, so an item is never shown from two sources.
 */
export function useItemStore(groups: readonly StoreGroup[], characters: readonly CharacterSummary[], home: string | undefined): ItemStore {
  const router = useRouter();
  const [overrides, setOverrides] = useState<ReadonlyMap<string, Override>>(() => new Map());
  const [read, setRead] = useState(groups);
  if (read !== groups) {
    setRead(groups);
    setOverrides(reconcile);
  }
  const onChange = useCallback(
    ({ key, place, refresh, pending }: ActionChange) => {
      setOverrides((old) => withChange(old, key, place, Boolean(pending)));
      if (!pending && (place || refresh)) {
        if (home === 'vault') void mutate('/api/profile');
        else router.refresh();
      }
    },
    [home, router],
  );
  // On the vault the poll says when the tags and notes changed (use-annotations.ts); elsewhere they refresh themselves.
  const annotations = useAnnotations(groups, home === 'vault');
  const placed = useMemo(() => applyOverrides(groups, overrides, characters, home), [groups, overrides, characters, home]);
  // Tags and notes ride on the tiles: the grid, the sheet, the search and the dock all see them.
  const view = useMemo(() => withAnnotations(placed, annotations.marks), [placed, annotations.marks]);
  return { ...view, overrides, onChange, annotations };
}
