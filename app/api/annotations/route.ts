// GET /api/annotations — the player's tags and notes; the item browser's SWR hook, on focus and every 30 s while visible.
import { listAnnotations } from '@/lib/annotations/annotations';
import { revalidatedJson } from '@/lib/http/etag';
import { methods } from '@/lib/http/methods';
import { rateLimit } from '@/lib/http/rate-limit';
import { route } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  // No Bungie call, so an ended Bungie session may list; an unchanged list costs a 304 and no body.
  GET: route({ caller: 'player', endedSessionOk: true, limit: rateLimit }, async ({ request, user }) => revalidatedJson(request, { annotations: await listAnnotations(user.userId) })),
});
