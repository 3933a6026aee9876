// GET /api/characters/[characterId]/max-power — the character header's max power (once per page view);
// POST — its "Equip max power" button, one per player tap (many Bungie calls).
import { methods } from '@/lib/http/methods';
import { rateLimit } from '@/lib/http/rate-limit';
import { route } from '@/lib/http/route';
import { characterIdOf, equipMaxPower, maxPower } from '@/lib/tools/max-power';

export const dynamic = 'force-dynamic';

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  /** The highest reachable power and its items (lib/tools/types.ts `MaxPowerView`). */
  GET: route({ caller: 'player', limit: rateLimit, params: characterIdOf }, ({ user, params: id }) => maxPower(user.userId, id)),
  /** Equips that set through the loadout engine: its per-item report (lib/loadouts/types.ts `ApplyReport`). */
  POST: route({ caller: 'player', limit: rateLimit, params: characterIdOf }, ({ user, params: id }) => equipMaxPower(user.userId, id)),
});
