// GET /api/manifest/status — the admin page (polling while a refresh runs), the test runner, monitors; any time.
import { userFromRequest } from '@/lib/auth/request-user';
import { errorResponse } from '@/lib/http/errors';
import { getManifestStatus, getPublicManifestStatus } from '@/lib/manifest/status';
import { otherMethods } from '@/lib/http/methods';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  try {
    // Run history, job ids and failure messages are for admins only (decided as /admin decides).
    const user = await userFromRequest(request);
    const admin = user !== null && user.isAdmin && !user.needsReauth;
    return Response.json(admin ? await getManifestStatus() : await getPublicManifestStatus(), { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
