import 'server-only';
import { getConfig } from '@/lib/config';
import { BungieOAuthError } from '@/lib/bungie/errors';
import { refreshBungieTokens } from '@/lib/bungie/oauth';
import { getPrisma, type PrismaClient } from '@/lib/db/client';
import { cachedPlayerOf } from './request-player';
import { forgetSessionAccount, sessionAccountOf } from './session-account';
import { dropCachedToken, type CachedToken } from './session-cache';
import { decryptToken, resolveTokenKeys, TokenDecryptError } from './token-crypto';
import { tokenColumns } from './token-columns';

/** The player's Bungie authorization is gone (refused, expired, revoked): they must sign in again. */
export class SessionEndedError extends Error {
  override name = 'SessionEndedError';
  constructor() {
    super('Your Bungie session has ended — sign in again.');
  }
}

/** Refresh when the access token has less than this left, so a call never starts with a dying token. */
export const REFRESH_MARGIN_SECONDS = 60;

type Options = { prisma?: PrismaClient; now?: () => number };
type Outcome = { token: string; stored: CachedToken } | { ended: true };

const nowSeconds = () => Math.floor(Date.now() / 1000);
// In-process single flight, per Prisma client (a client stands for a process in the two-process test).
const inflight = new WeakMap<PrismaClient, Map<string, Promise<string>>>();

function keys() {
  const config = getConfig();
  return resolveTokenKeys(config.tokenKeys, config.authSecret);
}

/**
 * A valid Bungie access token for the user, refreshed (and the rotated pair stored) when it expires
 * within a minute. Concurrent callers share one refresh, in this process through a shared promise
 * and across processes through a row lock on the account. `staleToken` forces a refresh when the
 * stored token is still that one (Bungie answered 401 to it). Throws `SessionEndedError` when the
 * player must sign in again.
 */
export async function getAccessToken(userId: string, options: Options & { staleToken?: string } = {}): Promise<string> {
  const now = options.now ?? nowSeconds;
  // The request's session came from the session cache with the token (its entry ends a margin before the token does).
  const cached = options.prisma ? undefined : cachedPlayerOf(userId)?.token;
  if (cached && cached.expiresAt - now() > REFRESH_MARGIN_SECONDS) {
    const token = decryptOrUndefined(cached.cipher, cached.keyId);
    if (token !== undefined && token !== options.staleToken) return token;
  }
  // A page render: the request's session lookup read the account row a moment ago (lib/auth/session-account.ts).
  const kept = options.prisma || options.staleToken !== undefined ? undefined : sessionAccountOf(userId);
  if (kept && !kept.needs_reauth && kept.access_token && kept.token_key_id && (kept.expires_at ?? 0) - now() > REFRESH_MARGIN_SECONDS) {
    const token = decryptOrUndefined(kept.access_token, kept.token_key_id);
    if (token !== undefined) return token;
  }
  const prisma = options.prisma ?? (await getPrisma());
  const account = await prisma.account.findUnique({ where: { userId_provider: { userId, provider: 'bungie' } } });
  if (!account || account.needs_reauth || !account.access_token || !account.token_key_id) throw new SessionEndedError();
  if ((account.expires_at ?? 0) - now() > REFRESH_MARGIN_SECONDS) {
    const token = decryptOrUndefined(account.access_token, account.token_key_id);
    // Undecryptable (its key was retired): the locked path below flags the account for sign-in.
    if (token !== undefined && token !== options.staleToken) return token;
  }

  let perClient = inflight.get(prisma);
  if (!perClient) inflight.set(prisma, (perClient = new Map()));
  const running = perClient.get(userId);
  if (running) return running;
  const refreshing = refreshUnderLock(prisma, account.providerAccountId, now, options.staleToken)
    .then(
      async (outcome) => {
        // The session cache follows the database: its token entry goes, and the next request caches the new one.
        forgetSessionAccount(userId);
        await dropCachedToken(userId);
        if ('ended' in outcome) throw new SessionEndedError();
        return outcome.token;
      },
    )
    .finally(() => perClient.delete(userId));
  perClient.set(userId, refreshing);
  return refreshing;
}

function decryptOrUndefined(value: string, keyId: string): string | undefined {
  try {
    return decryptToken(value, keyId, keys());
  } catch (error) {
    if (error instanceof TokenDecryptError) return undefined;
    throw error;
  }
}

async function refreshUnderLock(prisma: PrismaClient, providerAccountId: string, now: () => number, staleToken?: string): Promise<Outcome> {
  const where = { provider_providerAccountId: { provider: 'bungie', providerAccountId } };
  const outcome = await prisma.$transaction(
    async (tx): Promise<Outcome> => {
      // Whoever holds this lock refreshes; the others wait here and then find the new token.
      await tx.$queryRaw`SELECT 1 FROM accounts WHERE provider = 'bungie' AND provider_account_id = ${providerAccountId} FOR UPDATE`;
      const account = await tx.account.findUnique({ where });
      if (!account || account.needs_reauth || !account.access_token || !account.refresh_token || !account.token_key_id) return { ended: true };
      const end = async (): Promise<Outcome> => {
        await tx.account.update({ where, data: { needs_reauth: true } });
        return { ended: true };
      };
      let current: string;
      let refreshToken: string;
      try {
        current = decryptToken(account.access_token, account.token_key_id, keys());
        refreshToken = decryptToken(account.refresh_token, account.token_key_id, keys());
      } catch (error) {
        if (error instanceof TokenDecryptError) return end();
        throw error;
      }
      const fresh = (account.expires_at ?? 0) - now() > REFRESH_MARGIN_SECONDS && current !== staleToken;
      if (fresh) return { token: current, stored: { cipher: account.access_token, keyId: account.token_key_id, expiresAt: account.expires_at ?? 0 } };
      if ((account.refresh_expires_at ?? 0) <= now()) return end();
      try {
        const set = await refreshBungieTokens(refreshToken);
        const columns = tokenColumns(set, keys());
        await tx.account.update({ where, data: columns });
        return { token: set.accessToken, stored: { cipher: columns.access_token, keyId: columns.token_key_id, expiresAt: columns.expires_at } };
      } catch (error) {
        if (error instanceof BungieOAuthError) return end();
        throw error;
      }
    },
    { maxWait: 30_000, timeout: 30_000 },
  );
  return outcome;
}
