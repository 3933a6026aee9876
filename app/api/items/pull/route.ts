// POST /api/items/pull — the postmaster's "pull" button; one per player tap.
import { pullFromPostmaster } from '@/lib/actions/item-actions';
import { pullSchema } from '@/lib/actions/schemas';
import { methods } from '@/lib/http/methods';
import { rateLimit } from '@/lib/http/rate-limit';
import { route } from '@/lib/http/route';

export const { POST, GET, HEAD, PUT, PATCH, DELETE } = methods({
  POST: route({ caller: 'player', limit: rateLimit, body: pullSchema }, ({ user, body }) => pullFromPostmaster(user.userId, body)),
});
