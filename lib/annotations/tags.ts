/**
 * Tags and notes a player puts on item instances: the words and the limits. No zod here: the
 * tiles, the sheet and the bulk bar import this in the browser, and zod 4 probes for `Function`
 * when it loads, which the Content-Security-Policy reports as a blocked eval on every page.
 */

/** The tags, in the order the sheet offers them (DIM's). */
export const TAGS = ['favorite', 'keep', 'junk', 'infuse', 'archive'] as const;
export type Tag = (typeof TAGS)[number];

/** Longest note, in characters (after trimming). */
export const MAX_NOTES_LENGTH = 500;
/** Most items one bulk request tags: a full vault and three full characters fit. */
export const MAX_BULK_ITEMS = 2_000;
/** Most tagged or noted items one player keeps (a row per item; ~2,000 items fit in Destiny at once). */
export const MAX_ANNOTATIONS = 10_000;

/** How each tag reads and shows: its name, and the small glyph on a tile (drawn as text, no image). */
export const TAG_INFO: Record<Tag, { label: string; glyph: string }> = {
  favorite: { label: 'Favorite', glyph: '★' },
  keep: { label: 'Keep', glyph: '✓' },
  junk: { label: 'Junk', glyph: '✕' },
  infuse: { label: 'Infuse', glyph: '⇪' },
  archive: { label: 'Archive', glyph: '▣' },
};

/** Whether a value is one of the tags. */
export function isTag(value: unknown): value is Tag {
  return typeof value === 'string' && (TAGS as readonly string[]).includes(value);
}
