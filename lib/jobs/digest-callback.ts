import 'server-only';
import { digestCallbackUrl, qstashConfig } from '@/lib/qstash/client';
import { readBodyText } from '@/lib/http/request';
import { verifyQstashSignature } from '@/lib/qstash/signature';
import { postXurDigest, type DigestOutcome } from './xur-digest-job';

/** The QStash delivery of the weekly digest: 404 unless QStash schedules, 401 unless signed. */
export async function handleDigestDelivery(request: Request): Promise<{ outcome: DigestOutcome }> {
  const config = qstashConfig();
  const body = await readBodyText(request);
  await verifyQstashSignature(
    { signature: request.headers.get('upstash-signature'), body, url: digestCallbackUrl() },
    { currentSigningKey: config.currentSigningKey, nextSigningKey: config.nextSigningKey },
  );
  return { outcome: await postXurDigest() };
}
