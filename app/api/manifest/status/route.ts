// GET /api/manifest/status — the admin page (polling while a refresh runs), the test runner, monitors; any time.
import { errorResponse } from '@/lib/http/errors';
import { getManifestStatus } from '@/lib/manifest/status';
import { otherMethods } from '@/lib/http/methods';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  try {
    return Response.json(await getManifestStatus(), { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
