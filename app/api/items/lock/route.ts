// POST /api/items/lock — the item action sheet's lock toggle; one per player tap.
import { setLockState } from '@/lib/actions/item-actions';
import { lockSchema } from '@/lib/actions/schemas';
import { methods } from '@/lib/http/methods';
import { rateLimit } from '@/lib/http/rate-limit';
import { route } from '@/lib/http/route';

export const { POST, GET, HEAD, PUT, PATCH, DELETE } = methods({
  POST: route({ caller: 'player', limit: rateLimit, body: lockSchema }, ({ user, body }) => setLockState(user.userId, body)),
});
