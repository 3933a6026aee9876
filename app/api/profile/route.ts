// GET /api/profile — the signed-in player's vault view as JSON; the /vault page's SWR hook, on focus and every 30 s while visible.
import { userFromRequest } from '@/lib/auth/request-user';
import { AppError, errorResponse } from '@/lib/http/errors';
import { revalidatedJson } from '@/lib/http/etag';
import { clientIp, rateLimit } from '@/lib/http/rate-limit';
import { getVault } from '@/lib/inventory/loaders';
import { problemError } from '@/lib/inventory/problem-error';
import { otherMethods } from '@/lib/http/methods';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  try {
    const user = await userFromRequest(request);
    if (!user || user.needsReauth) throw new AppError('signed_out', 401, 'Sign in to see your vault.');
    await rateLimit({ userId: user.userId, ip: clientIp(request), route: 'GET /api/profile' });
    const result = await getVault(user.userId);
    if (result.kind !== 'ok') throw problemError(result);
    return revalidatedJson(request, result.view);
  } catch (error) {
    return errorResponse(error);
  }
}

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
