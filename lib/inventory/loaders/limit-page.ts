import 'server-only';
import { headers } from 'next/headers';
import { classifyError } from '@/lib/http/errors';
import { clientIpFrom, rateLimit } from '@/lib/http/rate-limit';
import type { LoadProblem } from '@/lib/inventory/types';

/**
 * A page that spends a Bungie call counts against the same per-player and per-address budgets as
 * the JSON routes (`lib/http/rate-limit.ts`). Answers the rate-limited problem page when spent,
 * undefined to go on. `player` is null for a visitor (counted by address only).
 */
export async function limitPage(player: string | null, page: string): Promise<LoadProblem | undefined> {
  try {
    await rateLimit({ userId: player ?? undefined, ip: clientIpFrom(await headers()), route: `page ${page}` });
    return undefined;
  } catch (error) {
    if (classifyError(error)?.code === 'rate_limited') return { kind: 'rate-limited' };
    throw error;
  }
}
