// POST /api/annotations/bulk — "Tag these 14 items as junk" under a search in the item browser.
import { bulkTag } from '@/lib/annotations/annotations';
import { bulkSchema } from '@/lib/annotations/schemas';
import { methods } from '@/lib/http/methods';
import { rateLimit } from '@/lib/http/rate-limit';
import { route } from '@/lib/http/route';

export const { POST, GET, HEAD, PUT, PATCH, DELETE } = methods({
  /** `{ instanceIds, tag }` (tag null clears the tags, notes stay) → `{ annotations }`, one per item. */
  POST: route({ caller: 'player', endedSessionOk: true, limit: rateLimit, body: bulkSchema }, async ({ user, body }) => ({ annotations: await bulkTag(user.userId, body) })),
});
