// POST /api/items/transfer — the item action sheet and drag and drop (and scripts); one per player tap. With the
// player's "make room" setting on, a refused move may make the one suggested move first (lib/tools/make-room.ts).
import { transferSchema } from '@/lib/actions/schemas';
import { methods } from '@/lib/http/methods';
import { rateLimit } from '@/lib/http/rate-limit';
import { route } from '@/lib/http/route';
import { transferMakingRoom } from '@/lib/tools/make-room';

export const { POST, GET, HEAD, PUT, PATCH, DELETE } = methods({
  POST: route({ caller: 'player', limit: rateLimit, body: transferSchema }, ({ user, body }) => transferMakingRoom(user.userId, body)),
});
