// GET /api/items/[instanceId] — stats and perks of one of the player's items; the item sheet asks once each time it opens one.
import { methods } from '@/lib/http/methods';
import { rateLimit } from '@/lib/http/rate-limit';
import { route } from '@/lib/http/route';
import { loadItemDetail } from '@/lib/inventory/loaders/load-item-detail';

export const dynamic = 'force-dynamic';

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  // Rolls change only when the player changes a perk in game: a minute of private caching is fine.
  GET: route({ caller: 'player', limit: rateLimit, cacheControl: 'private, max-age=60' }, ({ user, params }) => loadItemDetail(user.userId, params.instanceId ?? '')),
});
