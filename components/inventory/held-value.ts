'use client';

import { useSyncExternalStore } from 'react';

/**
 * A value held outside React state, read by the few components that subscribe to it: a change
 * re-renders them alone, not the screen of tiles that holds it (the dragged tile, the open item).
 */
export type HeldValue<T> = {
  get(): T;
  /** Sets the value; the subscribers hear of it only when it changed. */
  set(value: T): void;
  subscribe(listener: () => void): () => void;
};

export function holdValue<T>(initial: T): HeldValue<T> {
  let current = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => current,
    set(value) {
      if (Object.is(value, current)) return;
      current = value;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The held value now, re-rendering the caller when it changes; `serverValue` during the server's render. */
export function useHeldValue<T>(held: HeldValue<T>, serverValue: T): T {
  return useSyncExternalStore(held.subscribe, held.get, () => serverValue);
}
