// GET /api/items/[instanceId] — stats and perks of one of the player's items; the item sheet asks once each time it opens one.
import { SessionEndedError } from '@/lib/auth/access-token';
import { userFromRequest } from '@/lib/auth/request-user';
import { AppError, errorResponse } from '@/lib/http/errors';
import { clientIp, rateLimit } from '@/lib/http/rate-limit';
import { getItemDetail } from '@/lib/inventory/get-item-detail';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<{ instanceId: string }> }): Promise<Response> {
  try {
    const user = await userFromRequest(request);
    if (!user) throw new AppError('signed_out', 401, 'Sign in to see your items.');
    if (user.needsReauth) throw new SessionEndedError();
    await rateLimit({ userId: user.userId, ip: clientIp(request), route: 'GET /api/items/[instanceId]' });
    const detail = await getItemDetail(user.userId, (await params).instanceId);
    // Rolls change only when the player changes a perk in game: a minute of private caching is fine.
    return Response.json(detail, { headers: { 'Cache-Control': 'private, max-age=60' } });
  } catch (error) {
    return errorResponse(error);
  }
}
