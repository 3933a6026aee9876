// POST /api/postmaster/collect — a character page's "Collect all"; one per player tap (many Bungie calls).
import { methods } from '@/lib/http/methods';
import { rateLimit } from '@/lib/http/rate-limit';
import { route } from '@/lib/http/route';
import { sweepPostmaster } from '@/lib/tools/postmaster-sweep';
import { sweepSchema } from '@/lib/tools/schemas';

export const { POST, GET, HEAD, PUT, PATCH, DELETE } = methods({
  /** `{ characterId, keep? }` → the per-item report (lib/tools/types.ts `SweepReport`). */
  POST: route({ caller: 'player', limit: rateLimit, body: sweepSchema }, ({ user, body }) => sweepPostmaster(user.userId, body.characterId, body.keep)),
});
