// GET /api/profile — the signed-in player's vault view as JSON; the /vault page's SWR hook, on focus and every 30 s while visible.
import { revalidatedJson } from '@/lib/http/etag';
import { methods } from '@/lib/http/methods';
import { rateLimit } from '@/lib/http/rate-limit';
import { route } from '@/lib/http/route';
import { loadVault } from '@/lib/inventory/loaders/load-vault';
import { problemError } from '@/lib/inventory/problem-error';

export const dynamic = 'force-dynamic';

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  // Answered with an ETag (`private, no-cache`): an unchanged vault costs a 304 and no body.
  GET: route({ caller: 'player', limit: rateLimit }, async ({ request, user }) => {
    const result = await loadVault(user.userId);
    if (result.kind !== 'ok') throw problemError(result);
    return revalidatedJson(request, result.view);
  }),
});
