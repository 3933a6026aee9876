// GET /api/profile — the signed-in player's vault view as JSON; the /vault page's SWR hook, on focus and every 30 s while visible.
import { notModified, revalidatedJson } from '@/lib/http/etag';
import { methods } from '@/lib/http/methods';
import { rateLimit } from '@/lib/http/rate-limit';
import { route } from '@/lib/http/route';
import { pollVault } from '@/lib/inventory/loaders/load-vault';
import { problemError } from '@/lib/inventory/problem-error';

export const dynamic = 'force-dynamic';

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  // Answered with an ETag (`private, no-cache`) made from Bungie's answer: an unchanged vault costs a
  // 304 with no body, and no parse or tiles on the server (see `pollVault`).
  GET: route({ caller: 'player', limit: rateLimit }, async ({ request, user }) => {
    const result = await pollVault(user.userId, request.headers.get('if-none-match'));
    if (result.kind === 'unchanged') return notModified(result.etag);
    if (result.kind !== 'ok') throw problemError(result);
    return revalidatedJson(request, result.view, result.etag);
  }),
});
