// GET /api/inventory — the signed-in player's inventory view (every store) as JSON, packed with `?packed=1`; the /inventory screen's SWR hook, on focus, every 30 s while visible and after each action.
import { revalidatedJson } from '@/lib/http/etag';
import { methods } from '@/lib/http/methods';
import { rateLimit } from '@/lib/http/rate-limit';
import { route } from '@/lib/http/route';
import { loadInventory } from '@/lib/inventory/loaders/load-inventory';
import { problemError } from '@/lib/inventory/problem-error';
import { viewForAnswer } from '@/lib/inventory/view-wire';

export const dynamic = 'force-dynamic';

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  // Answered with an ETag (`private, no-cache`): an unchanged inventory costs a 304 and no body.
  GET: route({ caller: 'player', limit: rateLimit }, async ({ request, user }) => {
    const result = await loadInventory(user.userId);
    if (result.kind !== 'ok') throw problemError(result);
    return revalidatedJson(request, viewForAnswer(request, result.view));
  }),
});
