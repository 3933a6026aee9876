// PATCH, DELETE /api/loadouts/[id] — the Loadouts panel's rename and delete; one per player tap.
import { otherMethods } from '@/lib/http/methods';
import { readJson } from '@/lib/http/request';
import { deleteLoadout, renameLoadout } from '@/lib/loadouts/loadouts';
import { loadoutIdOf, playerRoute } from '@/lib/loadouts/route';
import { renameSchema } from '@/lib/loadouts/schemas';

type Context = { params: Promise<{ id: string }> };

/** Renames a loadout: `{ name }` → `{ loadout }`. */
export function PATCH(request: Request, { params }: Context): Promise<Response> {
  return playerRoute(request, { write: true }, async (user) => {
    const id = await loadoutIdOf(params);
    const { name } = await readJson(request, renameSchema);
    return { loadout: await renameLoadout(user.userId, id, name) };
  });
}

/** Deletes a loadout → `{ ok: true }`. */
export function DELETE(request: Request, { params }: Context): Promise<Response> {
  return playerRoute(request, { write: true }, async (user) => {
    await deleteLoadout(user.userId, await loadoutIdOf(params));
    return { ok: true };
  });
}

export const { GET, HEAD, POST, PUT } = otherMethods('PATCH', 'DELETE');
