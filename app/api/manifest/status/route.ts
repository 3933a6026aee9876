// GET /api/manifest/status — the admin page (polling while a refresh runs), the test runner, monitors; any time.
import { isAdminRequest } from '@/lib/http/caller';
import { methods } from '@/lib/http/methods';
import { route } from '@/lib/http/route';
import { getManifestStatus, getPublicManifestStatus } from '@/lib/manifest/status';

export const dynamic = 'force-dynamic';

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  // Run history, job ids and failure messages are for admins only (decided as /admin decides).
  GET: route({ caller: 'public' }, async ({ request }) => ((await isAdminRequest(request)) ? getManifestStatus() : getPublicManifestStatus())),
});
