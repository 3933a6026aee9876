import { z } from 'zod';

/** An item instance id: Bungie's int64 as a decimal string ("0" for a stack without instance). */
const itemId = z.string().regex(/^\d{1,20}$/, 'an item id is a string of digits');
/** An item hash: unsigned 32-bit. */
const itemHash = z.number().int().min(0).max(0xffffffff);
const characterId = z.string().regex(/^\d{1,20}$/, 'a character id is a string of digits');
/** Where an item is or goes: the vault, or one of the player's characters. */
const place = z.union([z.literal('vault'), characterId]);
const quantity = z.number().int().min(1).max(9999);

/** `POST /api/items/transfer`: vault ↔ character, or character → character (through the vault). */
export const transferSchema = z.object({ itemId, itemHash, from: place, to: place, quantity: quantity.optional() }).strict();

/** `POST /api/items/equip`: one or several items onto one character (moved there first if needed). */
export const equipSchema = z.object({ characterId, items: z.array(z.object({ itemId, itemHash }).strict()).min(1).max(12) }).strict();

/** `POST /api/items/lock`: lock or unlock an instanced item. */
export const lockSchema = z.object({ itemId, itemHash, locked: z.boolean() }).strict();

/** `POST /api/items/pull`: take an item out of a character's postmaster. */
export const pullSchema = z.object({ itemId, itemHash, characterId, quantity: quantity.optional() }).strict();

export type TransferInput = z.infer<typeof transferSchema>;
export type EquipInput = z.infer<typeof equipSchema>;
export type LockInput = z.infer<typeof lockSchema>;
export type PullInput = z.infer<typeof pullSchema>;
