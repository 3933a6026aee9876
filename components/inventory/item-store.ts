/**
 * The client's one answer to "where is each item, is it equipped, is it locked": the page's last
 * profile read with the places item actions reported laid over it (keyed by tile key = instance id).
 * The tiles, the detail sheet, the dock and the counts all read this, so they cannot disagree.
 * Pure functions; `use-item-store.ts` holds the state.
 */
import { annotateSections, annotateTile, type AnnotationLookup } from '@/lib/annotations/apply';
import type { BucketSection, CharacterSummary, ItemLocation, ItemTile } from '@/lib/inventory/types';
import type { ItemPlace } from './item-action-client';

/** A titled list of sections (the vault's weapons, a character's slots, ...). */
export type StoreGroup = { id: string; label: string; sections: BucketSection[] };

/**
 * One item's place as an action reported it: `pending` until the server answered; `previous` is the
 * place it replaced, which a refusal brings back (the read under it may predate an earlier action).
 */
export type Override = { place: ItemPlace; pending: boolean; previous?: Override };

/** The store as the page shows it. */
export type StoreView = {
  /** The page's groups, each tile at its current place; tiles that left the page are gone. */
  groups: StoreGroup[];
  /** Every tile the page has held this read, at its current place (the sheet follows an item that left). */
  byKey: ReadonlyMap<string, ItemTile>;
};

/** Where a tile's item is, as the routes name owners: "vault", "profile" or a character id. */
function ownerOfTile(tile: ItemTile): string {
  return tile.location.kind === 'vault' ? 'vault' : tile.location.characterId ?? 'profile';
}

function locationAt(tile: ItemTile, place: ItemPlace, characters: readonly CharacterSummary[]): ItemLocation {
  if (place.owner === 'vault') return { kind: 'vault', label: 'Vault' };
  if (place.owner === 'profile') return tile.location;
  const className = characters.find((c) => c.characterId === place.owner)?.className;
  const who = className ? `your ${className}` : 'a character';
  return place.equipped
    ? { kind: 'equipped', characterId: place.owner, label: `Equipped on ${who}` }
    : { kind: 'inventory', characterId: place.owner, label: `In the inventory of ${who}` };
}

/** The tile moved to `place` (location, equipped and locked follow it). */
export function placeTile(tile: ItemTile, place: ItemPlace, characters: readonly CharacterSummary[]): ItemTile {
  if (ownerOfTile(tile) === place.owner && tile.equipped === place.equipped && tile.locked === place.locked && tile.location.kind !== 'postmaster') return tile;
  return { ...tile, location: locationAt(tile, place, characters), equipped: place.equipped, locked: place.locked };
}

/** Whether a tile at its current place is shown on the page `home` ("vault", a character id, or none). */
function belongsTo(tile: ItemTile, home: string | undefined): boolean {
  if (!home) return true;
  if (home === 'vault') return tile.location.kind === 'vault' || tile.location.kind === 'account';
  return tile.location.characterId === home;
}

/**
 * Lays the overrides over the page's groups. An item equipped by an action unequips whatever the
 * read showed equipped in the same slot of that character (the game swaps them). A tile that left
 * the page's owner leaves its section; one pulled from the postmaster joins its slot's section.
 * Section counts are the tiles a section now holds.
 */
export function applyOverrides(groups: readonly StoreGroup[], overrides: ReadonlyMap<string, Override>, characters: readonly CharacterSummary[], home: string | undefined): StoreView {
  const base = groups.flatMap((g) => g.sections.flatMap((s) => s.items));
  const byKey = new Map<string, ItemTile>();
  // "character:slot" → the key of the item an action equipped there.
  const equippedBy = new Map<string, string>();
  for (const tile of base) {
    const override = overrides.get(tile.key);
    const now = override ? placeTile(tile, override.place, characters) : tile;
    byKey.set(tile.key, now);
    if (override?.place.equipped) equippedBy.set(`${override.place.owner}:${tile.slotHash}`, tile.key);
  }
  for (const [key, tile] of byKey) {
    const by = tile.equipped && tile.location.characterId ? equippedBy.get(`${tile.location.characterId}:${tile.slotHash}`) : undefined;
    if (by && by !== key) byKey.set(key, placeTile(tile, { itemId: tile.instanceId ?? '0', itemHash: tile.hash, owner: tile.location.characterId!, equipped: false, locked: tile.locked }, characters));
  }

  const sectionOf = new Map<number, BucketSection>();
  for (const g of groups) for (const s of g.sections) sectionOf.set(s.bucketHash, s);
  // Tiles that change section on this page (pulled from the postmaster into their slot).
  const arriving = new Map<number, ItemTile[]>();
  const staying = (s: BucketSection) =>
    s.items.flatMap((t) => {
      const now = byKey.get(t.key)!;
      if (!belongsTo(now, home)) return [];
      if (t.location.kind === 'postmaster' && now.location.kind !== 'postmaster' && sectionOf.has(t.slotHash) && t.slotHash !== s.bucketHash) {
        arriving.set(t.slotHash, [...(arriving.get(t.slotHash) ?? []), now]);
        return [];
      }
      return [now];
    });
  const kept = groups.map((g) => ({ ...g, sections: g.sections.map((s) => ({ ...s, items: staying(s) })) }));
  const shown = kept.map((g) => ({
    ...g,
    sections: g.sections.map((s) => {
      const items = [...s.items, ...(arriving.get(s.bucketHash) ?? [])];
      return { ...s, items, count: items.length };
    }),
  }));
  return { groups: shown, byKey };
}

/**
 * The overrides to keep when a new profile read arrives: only those still waiting for the server.
 * A confirmed place is in the new read (it was read after the action), so the read is the truth.
 */
export function reconcile(overrides: ReadonlyMap<string, Override>): Map<string, Override> {
  return new Map([...overrides].filter(([, o]) => o.pending).map(([key, o]) => [key, { place: o.place, pending: true }]));
}

/**
 * The overrides after an action's change: a guess (`pending`) stacks on the place it replaces, an
 * answer replaces both, and a refusal (`place` null) brings back the place before the guess.
 */
export function withChange(overrides: ReadonlyMap<string, Override>, key: string, place: ItemPlace | null, pending: boolean): Map<string, Override> {
  const next = new Map(overrides);
  const old = overrides.get(key);
  if (place) next.set(key, pending ? { place, pending, previous: old } : { place, pending });
  else if (old?.previous) next.set(key, old.previous);
  else next.delete(key);
  return next;
}

/**
 * The view with the player's tags and notes on its tiles, from the client's one map of them (see
 * use-annotations.ts): a tag set here or on another device replaces what the read carried.
 */
export function withAnnotations(view: StoreView, lookup: AnnotationLookup): StoreView {
  const groups = view.groups.map((g) => ({ ...g, sections: annotateSections(g.sections, lookup) }));
  const byKey = new Map<string, ItemTile>();
  for (const [key, tile] of view.byKey) byKey.set(key, annotateTile(tile, lookup));
  return { groups, byKey };
}
