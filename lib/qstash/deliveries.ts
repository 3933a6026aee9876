import 'server-only';
import { getConfig } from '@/lib/config';
import { getPrisma } from '@/lib/db/client';
import { AppError } from '@/lib/http/errors';
import { log } from '@/lib/server/log';
import { sharedRedis } from '@/lib/server/shared-state';

/**
 * The QStash deliveries already handled, by the signature's `jti` (issue 15, point 8): a captured
 * delivery posted again while its signature is still valid is answered 200 "already handled"
 * without doing the work twice. Remembered until the signature expires (plus the clock
 * tolerance), after which the signature itself is refused. In cloud mode one
 * `SET vr:qstash:jti:<jti> 1 NX PX <lifetime>` in Upstash Redis; otherwise a row in
 * `qstash_deliveries` (expired rows go in the same statement; an expired one does not count).
 */

/** A verified delivery's identity: its `jti` and when its signature expires (`exp`, seconds). */
export type DeliveryId = { jti: string; exp: number };

/** Seconds past `exp` a signature is still accepted (signature.ts' clock tolerance). */
export const DELIVERY_TOLERANCE_SECONDS = 5;

const key = (jti: string) => `vr:qstash:jti:${jti}`;

function lifetimeMs(delivery: DeliveryId, now: number): number {
  return Math.max(1_000, (delivery.exp + DELIVERY_TOLERANCE_SECONDS) * 1000 - now + 1_000);
}

/**
 * Claims a delivery: true the first time its `jti` is seen (the caller does the work), false for
 * a replay. A store that cannot answer refuses the delivery (503): QStash delivers it again later,
 * and no replay slips through while the memory is down.
 */
export async function claimDelivery(delivery: DeliveryId, now = Date.now()): Promise<boolean> {
  const ttl = lifetimeMs(delivery, now);
  try {
    const store = getConfig().manifestStore;
    if (store.kind === 'upstash') {
      return (await sharedRedis(store).set(key(delivery.jti), '1', { nx: true, px: ttl })) === 'OK';
    }
    const prisma = await getPrisma();
    const rows = await prisma.$queryRaw<{ jti: string }[]>`
      WITH pruned AS (DELETE FROM qstash_deliveries WHERE expires_at < ${new Date(now)} AND jti <> ${delivery.jti})
      INSERT INTO qstash_deliveries (jti, expires_at) VALUES (${delivery.jti}, ${new Date(now + ttl)})
      ON CONFLICT (jti) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE qstash_deliveries.expires_at < ${new Date(now)}
      RETURNING jti`;
    return rows.length === 1;
  } catch (error) {
    log.warn(`QStash delivery memory unavailable (${error instanceof Error ? error.name : 'error'}); delivery refused for a later retry.`);
    throw new AppError('delivery_unchecked');
  }
}

/** Forgets a claimed delivery whose work failed, so QStash's retry of it is not taken for a replay. */
export async function releaseDelivery(delivery: DeliveryId): Promise<void> {
  try {
    const store = getConfig().manifestStore;
    if (store.kind === 'upstash') await sharedRedis(store).del(key(delivery.jti));
    else await (await getPrisma()).$executeRaw`DELETE FROM qstash_deliveries WHERE jti = ${delivery.jti}`;
  } catch (error) {
    log.warn(`QStash delivery ${delivery.jti} could not be forgotten after its failure (${error instanceof Error ? error.name : 'error'}).`);
  }
}
