// GET /api/profile — the signed-in player's vault view as JSON, packed with `?packed=1`; the /vault page's SWR hook, on focus and every 30 s while visible.
import { polledMarksVersion, withMarksVersion } from '@/lib/annotations/marks-version';
import { notModified, revalidatedJson } from '@/lib/http/etag';
import { methods } from '@/lib/http/methods';
import { rateLimit } from '@/lib/http/rate-limit';
import { route } from '@/lib/http/route';
import { pollVault } from '@/lib/inventory/loaders/load-vault';
import { problemError } from '@/lib/inventory/problem-error';
import { viewForAnswer } from '@/lib/inventory/view-wire';

export const dynamic = 'force-dynamic';

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  // Answered with an ETag (`private, no-cache`) made from Bungie's answer: an unchanged vault costs a
  // 304 with no body, and no parse or tiles on the server (see `pollVault`). Both answers name the
  // version of the player's tags and notes (`X-Marks-Version`, from the session script: no extra
  // Redis command), so the page reads `/api/annotations` only when it changed — one request every
  // 30 s, not two. A header, not part of the ETag: a tag edit then costs no rebuilt and resent vault.
  GET: route({ caller: 'player', limit: rateLimit }, async ({ request, user }) => {
    const [result, marks] = await Promise.all([pollVault(user.userId, request.headers.get('if-none-match')), polledMarksVersion(user)]);
    if (result.kind === 'unchanged') return withMarksVersion(notModified(result.etag), marks);
    if (result.kind !== 'ok') throw problemError(result);
    // The ETag names Bungie's answer; the packed and plain answers are two URLs, each cached apart.
    return withMarksVersion(revalidatedJson(request, viewForAnswer(request, result.view), result.etag), marks);
  }),
});
