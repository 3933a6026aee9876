// GET /api/manifest/status — the admin page (polling while a refresh runs), the test runner, monitors; any time.
import { methods } from '@/lib/http/methods';
import { route } from '@/lib/http/route';
import { getManifestStatus } from '@/lib/manifest/status';

export const dynamic = 'force-dynamic';

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  GET: route({ caller: 'public' }, () => getManifestStatus()),
});
