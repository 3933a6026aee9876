// POST /api/items/equip — the item action sheet (one item) and loadouts (several); one per player tap.
import { equipItems } from '@/lib/actions/item-actions';
import { equipSchema } from '@/lib/actions/schemas';
import { methods } from '@/lib/http/methods';
import { rateLimit } from '@/lib/http/rate-limit';
import { route } from '@/lib/http/route';

export const { POST, GET, HEAD, PUT, PATCH, DELETE } = methods({
  POST: route({ caller: 'player', limit: rateLimit, body: equipSchema }, ({ user, body }) => equipItems(user.userId, body)),
});
