/**
 * Tags and notes a player puts on item instances: the words, the limits and the request bodies.
 * The request bodies (zod; server side). The words and limits are in ./tags, which the browser imports.
 */
import { z } from 'zod';

export { MAX_ANNOTATIONS, MAX_BULK_ITEMS, MAX_NOTES_LENGTH, TAG_INFO, TAGS, isTag, type Tag } from './tags';
import { MAX_BULK_ITEMS, MAX_NOTES_LENGTH, TAGS, type Tag } from './tags';

/** A Bungie item instance id: an int64 in decimal. */
export const instanceIdSchema = z.string().regex(/^\d{1,20}$/, 'an item instance id is a string of up to 20 digits');

const tagSchema = z.enum(TAGS, { error: `a tag is one of ${TAGS.join(', ')}` });

/** A note: trimmed, at most 500 characters, no control characters but line breaks and tabs; empty clears it. */
export const notesSchema = z
  .string()
  .trim()
  .max(MAX_NOTES_LENGTH, `a note has at most ${MAX_NOTES_LENGTH} characters`)
  .refine((notes) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(notes), 'a note cannot contain control characters');

/**
 * `PATCH /api/annotations/[instanceId]`: the tag and/or the note of one item. A field left out stays
 * as it is; `null` (or an empty note) clears it. An item left with neither has no row.
 */
export const setSchema = z
  .object({ tag: tagSchema.nullable().optional(), notes: notesSchema.nullable().optional() })
  .strict()
  .refine((b) => b.tag !== undefined || b.notes !== undefined, 'give a tag, a note, or both');

/** `POST /api/annotations/bulk`: one tag (or `null` to clear the tag) for many items, e.g. a search's results. */
export const bulkSchema = z
  .object({
    instanceIds: z.array(instanceIdSchema).min(1, 'name at least one item').max(MAX_BULK_ITEMS, `at most ${MAX_BULK_ITEMS} items at once`),
    tag: tagSchema.nullable(),
  })
  .strict();

export type SetInput = z.infer<typeof setSchema>;
export type BulkInput = z.infer<typeof bulkSchema>;

/** One item's tag and note as the routes answer and the client keeps them. */
export type Annotation = { instanceId: string; tag: Tag | null; notes: string | null; updatedAt: string };
