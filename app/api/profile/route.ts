// GET /api/profile — the signed-in player's vault view as JSON; the /vault page's SWR hook, on focus and every 30 s while visible.
import { userFromRequest } from '@/lib/auth/request-user';
import { AppError, errorResponse } from '@/lib/http/errors';
import { revalidatedJson } from '@/lib/http/etag';
import { loadVault } from '@/lib/inventory/loaders/load-vault';
import { problemError } from '@/lib/inventory/problem-error';
import { otherMethods } from '@/lib/http/methods';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  try {
    const user = await userFromRequest(request);
    if (!user || user.needsReauth) throw new AppError('signed_out', 401, 'Sign in to see your vault.');
    const result = await loadVault(user.userId);
    if (result.kind !== 'ok') throw problemError(result);
    return revalidatedJson(request, result.view);
  } catch (error) {
    return errorResponse(error);
  }
}

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
