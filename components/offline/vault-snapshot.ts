import type { Tier, VaultView } from '@/lib/inventory/types';

/**
 * The last vault the player saw, kept in this browser for the offline shell (app/offline): only
 * what that page draws — each tile's name, rarity, power, count and marks, grouped as the vault
 * page groups them — and when it was read. No item definitions, no ids, no tokens: nothing of the
 * manifest beyond what the page needs. Written by the vault page on each fresh read, removed on
 * sign-out.
 */
export const SNAPSHOT_KEY = 'vault-raider:last-vault';

/** One tile as the offline shell draws it. */
export type SnapshotTile = { name: string; tier: Tier; power: number | null; quantity: number; locked: boolean; equipped: boolean };

/** The saved vault. */
export type VaultSnapshot = {
  v: 1;
  /** When the page's data was read (ms since the epoch): the shell says "as of" this time. */
  asOf: number;
  count: number;
  capacity: number | null;
  groups: { label: string; sections: { name: string; tiles: SnapshotTile[] }[] }[];
};

/** The snapshot of a vault view read at `asOf`. */
export function snapshotOf(view: VaultView, asOf: number): VaultSnapshot {
  return {
    v: 1,
    asOf,
    count: view.count,
    capacity: view.capacity,
    groups: view.groups.map((g) => ({
      label: g.label,
      sections: g.sections.map((s) => ({
        name: s.name,
        tiles: s.items.map((t) => ({ name: t.name, tier: t.tier, power: t.power, quantity: t.quantity, locked: t.locked, equipped: t.equipped })),
      })),
    })),
  };
}

/** Saves the view (a full or unavailable storage is ignored: the shell then shows less). */
export function saveVaultSnapshot(view: VaultView, asOf = Date.now()): void {
  try {
    localStorage.setItem(SNAPSHOT_KEY, JSON.stringify(snapshotOf(view, asOf)));
  } catch {
    // Private mode or a full quota: nothing to show offline, nothing broken online.
  }
}

/** The saved snapshot, or null when there is none (or it is not one this version wrote). */
export function readVaultSnapshot(): VaultSnapshot | null {
  try {
    return parseVaultSnapshot(localStorage.getItem(SNAPSHOT_KEY));
  } catch {
    return null;
  }
}

/** A stored snapshot's text as a snapshot, or null when it is none this version wrote. */
export function parseVaultSnapshot(raw: string | null): VaultSnapshot | null {
  try {
    if (!raw) return null;
    const snapshot = JSON.parse(raw) as Partial<VaultSnapshot>;
    return snapshot.v === 1 && typeof snapshot.asOf === 'number' && Array.isArray(snapshot.groups) ? (snapshot as VaultSnapshot) : null;
  } catch {
    return null;
  }
}

/** Forgets the snapshot (signing out). */
export function clearVaultSnapshot(): void {
  try {
    localStorage.removeItem(SNAPSHOT_KEY);
  } catch {
    // Nothing stored.
  }
}
