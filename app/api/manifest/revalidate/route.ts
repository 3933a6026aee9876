// POST /api/manifest/revalidate — the admin page's "Refresh now" button (same-origin, admins only); on demand.
import { methods } from '@/lib/http/methods';
import { route } from '@/lib/http/route';
import { refreshRequestSchema, requestManifestRefresh } from '@/lib/jobs/request-refresh';

export const dynamic = 'force-dynamic';

export const { POST, GET, HEAD, PUT, PATCH, DELETE } = methods({
  POST: route({ caller: 'admin', body: refreshRequestSchema, status: 202 }, () => requestManifestRefresh()),
});
