// GET /api/annotations — the player's tags and notes; the item browser's SWR hook, on focus and every 30 s while visible.
import { annotationsAnswer } from '@/lib/annotations/annotations';
import { methods } from '@/lib/http/methods';
import { rateLimit } from '@/lib/http/rate-limit';
import { route } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  // No Bungie call, so an ended Bungie session may list; an unchanged list costs a 304 and no body
  // (in cloud mode before any database read: see lib/annotations/marks-version.ts).
  GET: route({ caller: 'player', endedSessionOk: true, limit: rateLimit }, ({ request, user }) => annotationsAnswer(request, user)),
});
