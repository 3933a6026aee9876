// POST /api/characters/[characterId]/farming — one turn of farming mode; sent by an open page every 10 s while it is on.
import { methods } from '@/lib/http/methods';
import { rateLimit } from '@/lib/http/rate-limit';
import { route } from '@/lib/http/route';
import { farmOnce } from '@/lib/tools/farming';
import { characterIdOf } from '@/lib/tools/max-power';
import { farmingSchema } from '@/lib/tools/schemas';

export const dynamic = 'force-dynamic';

export const { POST, GET, HEAD, PUT, PATCH, DELETE } = methods({
  /** `{ consumables? }` → what went to the vault, or the refusal that stopped farming (lib/tools/types.ts `FarmingReport`). */
  POST: route({ caller: 'player', limit: rateLimit, params: characterIdOf, body: farmingSchema }, ({ user, params: id, body }) => farmOnce(user.userId, id, body)),
});
