import 'server-only';
import { getConfig } from '@/lib/config';
import { getPrisma } from '@/lib/db/client';
import type { Verdict } from '@/lib/http/rate-limit';
import { REFRESH_MARGIN_SECONDS } from './access-token';
import { activeMembership } from '@/lib/memberships/profiles';
import { cachedPlayer, cacheSession, cloudRedis, type CachedPlayer } from './session-cache';

/** The signed-in player behind a route request, as route handlers need it. */
export type RequestUser = {
  userId: string;
  /** Bungie.net membership id. */
  membershipId: string;
  isAdmin: boolean;
  /** Bungie refused to renew the session: actions must ask the player to sign in again. */
  needsReauth: boolean;
  /** Set when the session came from the session cache: what the handler's Bungie calls need. */
  cached?: CachedPlayer;
};

// Auth.js's cookie; the `__Secure-` form is the one it sets on https.
const COOKIE_NAMES = ['__Secure-authjs.session-token', 'authjs.session-token'];

// Auth.js makes session tokens with crypto.randomUUID(); anything else cannot name a session row,
// and is refused before it reaches the database (which rejects, e.g., a NUL byte with an error).
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{1,128}$/;

function decoded(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined; // a malformed %-escape: not a cookie Auth.js set
  }
}

/** The Auth.js session token a `Cookie` header carries, when it has the shape Auth.js gives one. */
export function sessionTokenOf(cookieHeader: string | null): string | undefined {
  const cookies = new Map<string, string>();
  for (const part of (cookieHeader ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    const value = decoded(part.slice(eq + 1).trim());
    if (value !== undefined && !cookies.has(name)) cookies.set(name, value);
  }
  for (const name of COOKIE_NAMES) {
    const value = cookies.get(name);
    if (value && TOKEN_SHAPE.test(value)) return value;
  }
  return undefined;
}

/**
 * The player whose session the request's cookie names, or null (no cookie, a forged or expired
 * one, no Bungie account). In cloud mode from the session cache when it has the session (see
 * session-cache.ts), else from the session row — the same row Auth.js reads — which is then
 * cached. Route handlers need no Next.js request scope: it takes a plain `Request`.
 */
export async function userFromRequest(request: Request): Promise<RequestUser | null> {
  return (await gateRequest(request)).user;
}

/**
 * `userFromRequest`, and with `countIp` the request counted against the rate limit's buckets in
 * the same Upstash command when the session is cached (`verdicts`; absent when it was not counted).
 */
export async function gateRequest(request: Request, countIp?: string): Promise<{ user: RequestUser | null; verdicts?: Verdict[] }> {
  const token = sessionTokenOf(request.headers.get('cookie'));
  if (!token) return { user: null };
  const hit = await cachedPlayer(token, countIp === undefined ? undefined : { ip: countIp });
  if (hit) {
    const { player } = hit;
    const user = { userId: player.userId, membershipId: player.membershipId, isAdmin: getConfig().adminMembershipIds.includes(player.membershipId), needsReauth: false, cached: player };
    return { user, verdicts: countIp === undefined ? undefined : hit.verdicts };
  }
  return { user: await sessionFromDatabase(token) };
}

type SessionRow = {
  user_id: string; expires: Date; provider_account_id: string; needs_reauth: boolean;
  destiny_membership_id: string | null; destiny_membership_type: number | null;
  access_token: string | null; token_key_id: string | null; expires_at: number | null;
};

async function sessionFromDatabase(token: string): Promise<RequestUser | null> {
  const prisma = await getPrisma();
  // ONE round trip for the session and its Bungie account (Prisma's relation reads would take two or
  // three); the schema allows one Bungie account per user, so this is at most one row.
  const [row] = await prisma.$queryRaw<SessionRow[]>`
    SELECT s.user_id, s.expires, a.provider_account_id, a.needs_reauth, a.destiny_membership_id, a.destiny_membership_type,
           a.access_token, a.token_key_id, a.expires_at
    FROM sessions s JOIN accounts a ON a.user_id = s.user_id AND a.provider = 'bungie'
    WHERE s.session_token = ${token}`;
  if (!row || row.expires.getTime() <= Date.now()) return null;
  if (!row.needs_reauth && cloudRedis()) {
    // The profile every read of this player takes now (the switcher's choice, else the default);
    // a switch drops the player's token entry, so every cached session of theirs is read again.
    const destiny = await activeMembership(row.user_id);
    const access = row.access_token && row.token_key_id && row.expires_at !== null ? { cipher: row.access_token, keyId: row.token_key_id, expiresAt: Number(row.expires_at) } : null;
    await cacheSession(token, { userId: row.user_id, membershipId: row.provider_account_id, expires: row.expires, destiny }, access, REFRESH_MARGIN_SECONDS);
  }
  return {
    userId: row.user_id,
    membershipId: row.provider_account_id,
    isAdmin: getConfig().adminMembershipIds.includes(row.provider_account_id),
    needsReauth: row.needs_reauth,
  };
}
