// POST /api/loadouts/[id]/apply — the Loadouts panel's "Apply"; one per player tap (many Bungie calls).
import { otherMethods } from '@/lib/http/methods';
import { clientIp, rateLimit } from '@/lib/http/rate-limit';
import { readJson } from '@/lib/http/request';
import { applyLoadout } from '@/lib/loadouts/apply';
import { loadoutIdOf, playerRoute } from '@/lib/loadouts/route';
import { applySchema } from '@/lib/loadouts/schemas';

type Context = { params: Promise<{ id: string }> };

/** Puts the loadout on a character: `{ characterId }` → the per-item report (lib/loadouts/types.ts). */
export function POST(request: Request, { params }: Context): Promise<Response> {
  return playerRoute(request, { write: true }, async (user) => {
    await rateLimit({ userId: user.userId, ip: clientIp(request), route: 'POST /api/loadouts/[id]/apply' });
    const id = await loadoutIdOf(params);
    const { characterId } = await readJson(request, applySchema);
    return applyLoadout(user.userId, id, characterId);
  });
}

export const { GET, HEAD, PUT, PATCH, DELETE } = otherMethods('POST');
