// POST /api/loadouts/[id]/apply — the Loadouts panel's "Apply"; one per player tap (many Bungie calls).
import { methods } from '@/lib/http/methods';
import { rateLimit } from '@/lib/http/rate-limit';
import { route } from '@/lib/http/route';
import { applyLoadout } from '@/lib/loadouts/apply';
import { loadoutIdOf } from '@/lib/loadouts/loadouts';
import { applySchema } from '@/lib/loadouts/schemas';

export const { POST, GET, HEAD, PUT, PATCH, DELETE } = methods({
  /** Puts the loadout on a character: `{ characterId }` → the per-item report (lib/loadouts/types.ts). */
  POST: route({ caller: 'player', limit: rateLimit, params: loadoutIdOf, body: applySchema }, ({ user, params: id, body }) => applyLoadout(user.userId, id, body.characterId)),
});
