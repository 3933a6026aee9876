// PATCH, DELETE /api/loadouts/[id] — the Loadouts panel's rename and delete; one per player tap.
import { methods } from '@/lib/http/methods';
import { route } from '@/lib/http/route';
import { deleteLoadout, loadoutIdOf, renameLoadout } from '@/lib/loadouts/loadouts';
import { renameSchema } from '@/lib/loadouts/schemas';

export const { PATCH, DELETE, GET, HEAD, POST, PUT } = methods({
  /** Renames a loadout: `{ name }` → `{ loadout }`. */
  PATCH: route({ caller: 'player', params: loadoutIdOf, body: renameSchema }, async ({ user, params: id, body }) => ({ loadout: await renameLoadout(user.userId, id, body.name) })),
  /** Deletes a loadout → `{ ok: true }`. */
  DELETE: route({ caller: 'player', params: loadoutIdOf }, async ({ user, params: id }) => {
    await deleteLoadout(user.userId, id);
    return { ok: true };
  }),
});
