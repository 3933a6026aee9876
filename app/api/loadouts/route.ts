// GET, POST /api/loadouts — the character page's Loadouts panel: list on open, save on a tap.
import { otherMethods } from '@/lib/http/methods';
import { clientIp, rateLimit } from '@/lib/http/rate-limit';
import { readJson } from '@/lib/http/request';
import { createLoadout, listLoadouts } from '@/lib/loadouts/loadouts';
import { playerRoute } from '@/lib/loadouts/route';
import { createSchema } from '@/lib/loadouts/schemas';

/** The player's loadouts, by name. */
export function GET(request: Request): Promise<Response> {
  return playerRoute(request, { write: false }, async (user) => ({ loadouts: await listLoadouts(user.userId) }));
}

/** Saves what a character has equipped now: `{ name, characterId }` → 201 `{ loadout }`. */
export function POST(request: Request): Promise<Response> {
  return playerRoute(request, { write: true, status: 201 }, async (user) => {
    await rateLimit({ userId: user.userId, ip: clientIp(request), route: 'POST /api/loadouts' });
    return { loadout: await createLoadout(user.userId, await readJson(request, createSchema)) };
  });
}

export const { PUT, PATCH, DELETE } = otherMethods('GET', 'POST');
