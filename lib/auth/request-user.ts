import 'server-only';
import { getConfig } from '@/lib/config';
import { getPrisma } from '@/lib/db/client';

/** The signed-in player behind a route request, as route handlers need it. */
export type RequestUser = {
  userId: string;
  /** Bungie.net membership id. */
  membershipId: string;
  isAdmin: boolean;
  /** Bungie refused to renew the session: actions must ask the player to sign in again. */
  needsReauth: boolean;
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
 * The player whose database session the request's cookie names, or null (no cookie, a forged or
 * expired one, no Bungie account). Reads the session row directly — the same row Auth.js reads —
 * so route handlers need no Next.js request scope and can be called with a plain `Request`.
 */
export async function userFromRequest(request: Request): Promise<RequestUser | null> {
  const token = sessionTokenOf(request.headers.get('cookie'));
  if (!token) return null;
  const prisma = await getPrisma();
  // ONE round trip for the session and its Bungie account (Prisma's relation reads would take two or
  // three); the schema allows one Bungie account per user, so this is at most one row.
  const [row] = await prisma.$queryRaw<{ user_id: string; expires: Date; provider_account_id: string; needs_reauth: boolean }[]>`
    SELECT s.user_id, s.expires, a.provider_account_id, a.needs_reauth
    FROM sessions s JOIN accounts a ON a.user_id = s.user_id AND a.provider = 'bungie'
    WHERE s.session_token = ${token}`;
  if (!row || row.expires.getTime() <= Date.now()) return null;
  return {
    userId: row.user_id,
    membershipId: row.provider_account_id,
    isAdmin: getConfig().adminMembershipIds.includes(row.provider_account_id),
    needsReauth: row.needs_reauth,
  };
}
