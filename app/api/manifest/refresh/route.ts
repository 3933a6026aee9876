// POST /api/manifest/refresh — QStash only (signed): the schedule every MANIFEST_REFRESH_MINUTES, and each admin "refresh now".
import { errorResponse } from '@/lib/http/errors';
import { handleRefreshDelivery } from '@/lib/jobs/refresh-callback';
import { otherMethods } from '@/lib/http/methods';

export const dynamic = 'force-dynamic';
// A full ingest takes seconds to tens of seconds; QStash waits for the answer.
export const maxDuration = 300;

export async function POST(request: Request): Promise<Response> {
  try {
    return Response.json(await handleRefreshDelivery(request), { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}

export const { GET, HEAD, PUT, PATCH, DELETE } = otherMethods('POST');
