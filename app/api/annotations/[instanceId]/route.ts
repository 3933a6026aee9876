// PATCH, DELETE /api/annotations/[instanceId] — the item sheet's tag picker and note field; one per player tap.
import { clearAnnotation, setAnnotation } from '@/lib/annotations/annotations';
import { instanceIdSchema, setSchema } from '@/lib/annotations/schemas';
import { AppError } from '@/lib/http/errors';
import { methods } from '@/lib/http/methods';
import { rateLimit } from '@/lib/http/rate-limit';
import { route } from '@/lib/http/route';

/** The `[instanceId]` segment: a Bungie instance id (digits), else 400. */
function instanceIdOf(params: Record<string, string>): string {
  const parsed = instanceIdSchema.safeParse(params.instanceId);
  if (!parsed.success) throw new AppError('invalid_item_id');
  return parsed.data;
}

export const { PATCH, DELETE, GET, HEAD, POST, PUT } = methods({
  /** Sets the tag and/or note: `{ tag?, notes? }` (null or "" clears one) → `{ annotation }`. */
  PATCH: route({ caller: 'player', endedSessionOk: true, limit: rateLimit, params: instanceIdOf, body: setSchema }, async ({ user, params: instanceId, body }) => ({
    annotation: await setAnnotation(user.userId, instanceId, body),
  })),
  /** Clears the tag and the note → `{ ok: true }`. */
  DELETE: route({ caller: 'player', endedSessionOk: true, limit: rateLimit, params: instanceIdOf }, async ({ user, params: instanceId }) => {
    await clearAnnotation(user.userId, instanceId);
    return { ok: true };
  }),
});
