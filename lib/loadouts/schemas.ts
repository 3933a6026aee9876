import { z } from 'zod';

/** Longest loadout name, in characters (after trimming). */
export const MAX_NAME_LENGTH = 40;
/** Most loadouts one player keeps. */
export const MAX_LOADOUTS = 100;

const digits = (what: string) => z.string().regex(/^\d{1,20}$/, `${what} is a string of digits`);
const hash = z.number().int().min(0).max(0xffffffff);

/** A loadout name: trimmed, 1–40 characters, no control characters. */
export const nameSchema = z
  .string()
  .trim()
  .min(1, 'a loadout needs a name')
  .max(MAX_NAME_LENGTH, `a loadout name has at most ${MAX_NAME_LENGTH} characters`)
  .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), 'a loadout name cannot contain control characters');

/** `POST /api/loadouts`: save what this character has equipped under a name. */
export const createSchema = z.object({ name: nameSchema, characterId: digits('a character id') }).strict();
/** `PATCH /api/loadouts/[id]`. */
export const renameSchema = z.object({ name: nameSchema }).strict();
/** `POST /api/loadouts/[id]/apply`. */
export const applySchema = z.object({ characterId: digits('a character id') }).strict();
/** A loadout id in a route (a cuid); anything else cannot be one and is a 404. */
export const loadoutIdSchema = z.string().regex(/^[a-z0-9]{1,40}$/);

/** One saved item, as stored in `Loadout.items`. */
export const storedItemSchema = z.object({ itemId: digits('an item id'), itemHash: hash, bucketHash: hash });
/** `Loadout.items`, checked when read back (a row is data, not code). */
export const storedItemsSchema = z.array(storedItemSchema).max(32);

export type CreateInput = z.infer<typeof createSchema>;
export type StoredItem = z.infer<typeof storedItemSchema>;
