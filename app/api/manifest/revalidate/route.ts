// POST /api/manifest/revalidate — the admin page's "Refresh now" button (same-origin, admins only); on demand.
import { currentSession } from '@/lib/auth/session';
import { errorResponse } from '@/lib/http/errors';
import { requestManifestRefresh } from '@/lib/jobs/request-refresh';

export const dynamic = 'force-dynamic';

export async function POST(request: Request): Promise<Response> {
  try {
    const { jobId, via } = await requestManifestRefresh(request, await currentSession());
    return Response.json({ jobId, via }, { status: 202, headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}
