/**
 * Puts a player's tags and notes on the tiles a page was built with (pure; server and client).
 * A tile carries `tag` / `notes` only when it has one, so an untagged vault's JSON does not grow.
 */
import type { BucketSection, ItemTile } from '@/lib/inventory/types';
import type { Annotation } from './schemas';

/** What an annotation lookup needs: the tag and note of an instance id. */
export type AnnotationLookup = ReadonlyMap<string, Pick<Annotation, 'tag' | 'notes'>>;

/** The tile with its item's tag and note (the same object when nothing changes). */
export function annotateTile(tile: ItemTile, lookup: AnnotationLookup): ItemTile {
  const a = tile.instanceId ? lookup.get(tile.instanceId) : undefined;
  const tag = a?.tag ?? undefined;
  const notes = a?.notes || undefined;
  if (tile.tag === tag && tile.notes === notes) return tile;
  const { tag: _oldTag, notes: _oldNotes, ...rest } = tile;
  return { ...rest, ...(tag ? { tag } : {}), ...(notes ? { notes } : {}) };
}

/** The sections with every tile annotated (an equipped-item reference follows its tile). */
export function annotateSections<S extends BucketSection & { equipped?: ItemTile | null }>(sections: readonly S[], lookup: AnnotationLookup): S[] {
  return sections.map((s) => {
    const items = s.items.map((t) => annotateTile(t, lookup));
    const next = { ...s, items };
    if (s.equipped) next.equipped = items.find((t) => t.key === s.equipped!.key) ?? annotateTile(s.equipped, lookup);
    return next;
  });
}
