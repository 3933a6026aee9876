// GET /api/items/facts — stats, base stats and perk names of every item of the player's active profile; the search asks once a page view, when a query first needs them (stat:, basestat:, perk:).
import { methods } from '@/lib/http/methods';
import { rateLimit } from '@/lib/http/rate-limit';
import { route } from '@/lib/http/route';
import { loadFacts } from '@/lib/inventory/loaders/load-facts';

export const dynamic = 'force-dynamic';

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  // `no-store` (the default): the page asks again when new items arrive, and must get them.
  GET: route({ caller: 'player', limit: rateLimit }, ({ user }) => loadFacts(user.userId)),
});
