'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useSyncExternalStore } from 'react';
import { tryFetchJson } from '@/components/fetch-json';
import { FARMING_INTERVAL_MS } from '@/lib/tools/farming-words';
import type { FarmedItem, FarmingReport } from '@/lib/tools/types';

/** Farming mode of one character in this tab: the player's choice and what it did since turned on. */
export type FarmingState = {
  on: boolean;
  consumables: boolean;
  /** What went to the vault since farming was turned on, newest last. */
  moved: readonly FarmedItem[];
  /** At least one turn answered since farming was turned on. */
  checked: boolean;
  /** The sentence that stopped farming, until it is turned on again. */
  stopped: string | null;
  /** From the last turn: the Engrams bucket's fill, and full slots nothing could leave. */
  engrams: FarmingReport['engrams'] | null;
  stuck: readonly string[];
};

const OFF: FarmingState = { on: false, consumables: false, moved: [], checked: false, stopped: null, engrams: null, stuck: [] };
// In memory only: off on every new page load (nothing moves unless the player turned it on in this
// tab), and kept while the player changes page inside the app (the loop runs where the toggle is shown).
const states = new Map<string, FarmingState>();
const listeners = new Set<() => void>();

function update(characterId: string, change: (old: FarmingState) => FarmingState): void {
  states.set(characterId, change(states.get(characterId) ?? OFF));
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Farming mode for a character (DIM's), while a page showing it is open: every 10 s (at once when
 * a turn left items waiting) one `POST /api/characters/[id]/farming`, whose server turn keeps a
 * place free in each full weapon and armour bucket (and, if chosen, moves consumables) through the
 * item actions' queue;
 * the page reads its data again when something moved. The first refusal — the route's error or
 * the turn's `stopped` — turns it off with its sentence. Turns never overlap.
 */
export function useFarming(characterId: string): FarmingState & { turnOn(on: boolean): void; setConsumables(on: boolean): void } {
  const router = useRouter();
  const state = useSyncExternalStore(subscribe, () => states.get(characterId) ?? OFF, () => OFF);
  const { on, consumables } = state;
  useEffect(() => {
    if (!on) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    async function turn() {
      const outcome = await tryFetchJson<FarmingReport>(`/api/characters/${characterId}/farming`, { method: 'POST', body: { consumables } });
      // What moved is recorded even when the page went away meanwhile; the loop stops with the page.
      if (!outcome.ok) return update(characterId, (old) => ({ ...old, on: false, checked: true, stopped: `Farming stopped: ${outcome.error.message}` }));
      const report = outcome.data;
      update(characterId, (old) => ({
        ...old, on: old.on && !report.stopped, checked: true, moved: [...old.moved, ...report.moved], stopped: report.stopped?.message ?? null, engrams: report.engrams, stuck: report.stuck,
      }));
      if (!live) return;
      if (report.moved.length > 0) router.refresh();
      if (!report.stopped) timer = setTimeout(() => void turn(), report.waiting > 0 ? 0 : FARMING_INTERVAL_MS);
    }
    void turn();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [characterId, on, consumables, router]);
  return {
    ...state,
    turnOn: (next) => update(characterId, (old) => (next ? { ...old, on: true, moved: [], checked: false, stopped: null, engrams: null, stuck: [] } : { ...old, on: false })),
    setConsumables: (next) => update(characterId, (old) => ({ ...old, consumables: next })),
  };
}
