import 'server-only';
import type { z } from 'zod';
import { SessionEndedError } from '@/lib/auth/access-token';
import { userFromRequest } from '@/lib/auth/request-user';
import { AppError, errorResponse } from '@/lib/http/errors';
import { clientIp, rateLimit } from '@/lib/http/rate-limit';
import { assertSameOrigin, readJson } from '@/lib/http/request';
import type { ActionResult } from './item-actions';

/**
 * A POST handler for one item action: same-origin only, a signed-in player, a zod-checked JSON
 * body; answers the action's result or `{ error: { code, message } }` with a 4xx/5xx status.
 */
export function itemActionRoute<T>(schema: z.ZodType<T>, run: (userId: string, input: T) => Promise<ActionResult>) {
  return async function POST(request: Request): Promise<Response> {
    try {
      assertSameOrigin(request);
      const user = await userFromRequest(request);
      if (!user) throw new AppError('signed_out', 401, 'Sign in with Bungie first.');
      if (user.needsReauth) throw new SessionEndedError();
      await rateLimit({ userId: user.userId, ip: clientIp(request), route: `POST ${new URL(request.url).pathname}` });
      const input = await readJson(request, schema);
      return Response.json(await run(user.userId, input), { headers: { 'Cache-Control': 'no-store' } });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
