'use client';

import { useCallback, useMemo, useRef, useState } from 'react';
import { mutate } from 'swr';
import type { CharacterSummary } from '@/lib/inventory/types';
import { applyOverrides, reconcile, withChange, type Override, type StoreGroup, type StoreView } from './item-store';
import type { ActionChange } from './item-moves';
import { INVENTORY_URL } from './use-live-view';

/** The inventory screen's item store; `hold` defers the re-read until a run of actions ends. */
export type InventoryStore = StoreView & {
  overrides: ReadonlyMap<string, Override>;
  onChange: (change: ActionChange) => void;
  /** Defers re-reading the profile until the returned release is called (a bulk move: one re-read, not one per item). */
  hold(): () => void;
};

/**
 * The item store of the inventory screen (`item-store.ts` over the screen's one profile read),
 * as `use-item-store.ts` is for the vault and character pages: every store is on this page, so
 * `byKey` places every tile; after an answered action the view is read again (`/api/inventory`,
 * one GetProfile), and the next read replaces every confirmed place.
 */
export function useInventoryStore(groups: readonly StoreGroup[], characters: readonly CharacterSummary[]): InventoryStore {
  const [overrides, setOverrides] = useState<ReadonlyMap<string, Override>>(() => new Map());
  const [read, setRead] = useState(groups);
  if (read !== groups) {
    setRead(groups);
    setOverrides(reconcile);
  }
  const holds = useRef(0);
  const owed = useRef(false);
  const onChange = useCallback(
    ({ key, place, refresh, pending }: ActionChange) => {
      setOverrides((old) => withChange(old, key, place, Boolean(pending)));
      if (!pending && (place || refresh)) {
        if (holds.current > 0) owed.current = true;
        else void mutate(INVENTORY_URL);
      }
    },
    [],
  );
  const hold = useCallback(() => {
    holds.current++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      holds.current--;
      if (holds.current === 0 && owed.current) {
        owed.current = false;
        void mutate(INVENTORY_URL);
      }
    };
  }, []);
  const view = useMemo(() => applyOverrides(groups, overrides, characters, undefined), [groups, overrides, characters]);
  return { ...view, overrides, onChange, hold };
}
