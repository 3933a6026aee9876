'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useMemo, useState } from 'react';
import { mutate } from 'swr';
import type { CharacterSummary } from '@/lib/inventory/types';
import { applyOverrides, reconcile, withChange, type Override, type StoreGroup, type StoreView } from './item-store';
import type { ActionChange } from './item-moves';

/** The page's item store and the one callback every action reports to. */
export type ItemStore = StoreView & { overrides: ReadonlyMap<string, Override>; onChange: (change: ActionChange) => void };

/**
 * Holds the places actions reported (optimistic, then confirmed or rolled back) over the page's
 * last profile read, and re-reads the profile after each answered action: SWR's `/api/profile`
 * on the vault, the server page elsewhere. When the next read arrives it replaces every confirmed
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
  const view = useMemo(() => applyOverrides(groups, overrides, characters, home), [groups, overrides, characters, home]);
  return { ...view, overrides, onChange };
}
