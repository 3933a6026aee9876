// POST /api/xur/digest — QStash only (signed): the weekly schedule, Friday 17:05 UTC.
import { methods } from '@/lib/http/methods';
import { route } from '@/lib/http/route';
import { postXurDigest } from '@/lib/jobs/xur-digest-job';
import { digestCallbackUrl } from '@/lib/qstash/client';

export const dynamic = 'force-dynamic';

export const { POST, GET, HEAD, PUT, PATCH, DELETE } = methods({
  POST: route({ caller: 'qstash', signedFor: digestCallbackUrl }, async () => ({ outcome: await postXurDigest() })),
});
