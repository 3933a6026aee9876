// POST /api/manifest/revalidate — the admin page's "Refresh now" button (same-origin, admins only); on demand.
import { errorResponse } from '@/lib/http/errors';
import { requestManifestRefresh } from '@/lib/jobs/request-refresh';
import { otherMethods } from '@/lib/http/methods';

export const dynamic = 'force-dynamic';

export async function POST(request: Request): Promise<Response> {
  try {
    const { jobId, via } = await requestManifestRefresh(request);
    return Response.json({ jobId, via }, { status: 202, headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}

export const { GET, HEAD, PUT, PATCH, DELETE } = otherMethods('POST');
