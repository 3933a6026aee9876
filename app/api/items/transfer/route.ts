// POST /api/items/transfer — the item action sheet and drag and drop (and scripts); one per player tap.
import { transferItem } from '@/lib/actions/item-actions';
import { transferSchema } from '@/lib/actions/schemas';
import { methods } from '@/lib/http/methods';
import { rateLimit } from '@/lib/http/rate-limit';
import { route } from '@/lib/http/route';

export const { POST, GET, HEAD, PUT, PATCH, DELETE } = methods({
  POST: route({ caller: 'player', limit: rateLimit, body: transferSchema }, ({ user, body }) => transferItem(user.userId, body)),
});
