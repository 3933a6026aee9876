// POST /api/xur/digest — QStash only (signed): the weekly schedule, Friday 17:05 UTC.
import { errorResponse } from '@/lib/http/errors';
import { handleDigestDelivery } from '@/lib/jobs/digest-callback';
import { otherMethods } from '@/lib/http/methods';

export const dynamic = 'force-dynamic';

export async function POST(request: Request): Promise<Response> {
  try {
    return Response.json(await handleDigestDelivery(request), { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}

export const { GET, HEAD, PUT, PATCH, DELETE } = otherMethods('POST');
