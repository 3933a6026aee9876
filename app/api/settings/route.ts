// GET /api/settings — the player's choices (the item sheet reads them when a move finds no room);
// PUT — changes one (the "make room automatically" switch).
import { methods } from '@/lib/http/methods';
import { rateLimit } from '@/lib/http/rate-limit';
import { route } from '@/lib/http/route';
import { readSettings, saveSettings, settingsSchema } from '@/lib/tools/settings';

export const dynamic = 'force-dynamic';

export const { GET, PUT, POST, PATCH, DELETE } = methods({
  GET: route({ caller: 'player', limit: rateLimit, endedSessionOk: true }, ({ user }) => readSettings(user.userId)),
  PUT: route({ caller: 'player', limit: rateLimit, endedSessionOk: true, body: settingsSchema }, ({ user, body }) => saveSettings(user.userId, body)),
});
