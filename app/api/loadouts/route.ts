// GET, POST /api/loadouts — the character page's Loadouts panel: list on open, save on a tap.
import { methods } from '@/lib/http/methods';
import { rateLimit } from '@/lib/http/rate-limit';
import { route } from '@/lib/http/route';
import { createLoadout, listLoadouts } from '@/lib/loadouts/loadouts';
import { createSchema } from '@/lib/loadouts/schemas';

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  /** The player's loadouts, by name; listing needs no Bungie call, so an ended Bungie session may list. */
  GET: route({ caller: 'player', endedSessionOk: true }, async ({ user }) => ({ loadouts: await listLoadouts(user.userId) })),
  /** Saves what a character has equipped now: `{ name, characterId }` → 201 `{ loadout }`. */
  POST: route({ caller: 'player', limit: rateLimit, body: createSchema, status: 201 }, async ({ user, body }) => ({ loadout: await createLoadout(user.userId, body) })),
});
