// POST /api/manifest/refresh — QStash only (signed): the schedule every MANIFEST_REFRESH_MINUTES, and each admin "refresh now".
import { methods } from '@/lib/http/methods';
import { route } from '@/lib/http/route';
import { handleRefreshDelivery } from '@/lib/jobs/refresh-callback';
import { refreshCallbackUrl } from '@/lib/qstash/client';

export const dynamic = 'force-dynamic';
// A full ingest takes seconds to tens of seconds; QStash waits for the answer.
export const maxDuration = 300;

export const { POST, GET, HEAD, PUT, PATCH, DELETE } = methods({
  POST: route({ caller: 'qstash', signedFor: refreshCallbackUrl }, ({ rawBody }) => handleRefreshDelivery(rawBody)),
});
