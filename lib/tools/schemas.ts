import { z } from 'zod';

const digits = (what: string) => z.string().regex(/^\d{1,20}$/, `${what} is a string of digits`);

/**
 * `POST /api/postmaster/collect`: the character whose postmaster to empty, and the instance ids the
 * player keeps (items tagged favourite or keep on the page): the sweep never moves those to make room.
 */
export const sweepSchema = z.object({ characterId: digits('a character id'), keep: z.array(digits('an item id')).max(1500).optional() }).strict();

/** `POST /api/characters/[characterId]/farming`: one farming turn; `consumables` also moves the Consumables bucket's stacks. */
export const farmingSchema = z.object({ consumables: z.boolean().optional() }).strict();
