import 'server-only';
import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { getConfig } from '@/lib/config';
import type { DestinyMembership } from '@/lib/bungie/types';
import { bucketsOf, windowKeys, type Verdict } from '@/lib/http/rate-limit';
import { log } from '@/lib/server/log';
import { sharedRedis } from '@/lib/server/shared-state';

/**
 * A short-lived copy of a signed-in player's session in Upstash Redis (cloud mode), so that the
 * 30 s poll and item actions do not wake Postgres (Neon bills every minute it is awake). Two
 * entries, both with an expiry:
 * - `vr:session:<sha256 of the cookie>` — `<userId>|{json}`: the Bungie.net membership and the
 *   session's end. The cookie's token is never stored, only its hash.
 * - `vr:player:<userId>:token` — the access token as the database holds it (encrypted with the
 *   token keys; Redis never sees it in the clear), with its expiry, and the Destiny profile in use
 *   (one per player, so a profile switch that drops this entry reaches every session of theirs).
 *   It lives until a minute before the token expires, so a token read from it never needs a
 *   refresh; a refresh drops it (the next request reads the database and caches it again), and the
 *   refresh token stays in Postgres.
 * Revocation: signing out, the sign-in guard and a refusal by Bungie delete the entries the same
 * moment they change the database; a session row deleted outside the app is honoured when its
 * entry expires (at most `SESSION_CACHE_SECONDS`).
 *
 * Reading them costs no extra command: the session cookie names its user (`<userId>_<random>`,
 * see `newSessionToken`), so one script reads both entries and counts the request against the
 * rate limit's buckets (lib/http/rate-limit.ts) — counted only when the entries are genuine, so a
 * forged cookie cannot spend another player's budget.
 */

/** Longest life of a session entry. */
export const SESSION_CACHE_SECONDS = 3600;

/** What a genuine cached session says about its player. */
export type CachedPlayer = {
  userId: string;
  /** Bungie.net membership id (the account's provider id). */
  membershipId: string;
  destiny: DestinyMembership | null;
  /** The access token entry: ciphertext, its key id, expiry (epoch s). */
  token: CachedToken;
  /** The version of the player's tags and notes (`vr:player:<userId>:marks`, see lib/annotations/marks-version.ts); '' when unknown. */
  marksVersion: string;
};

/** An access token as stored (encrypted), with its key id and expiry. */
export type CachedToken = { cipher: string; keyId: string; expiresAt: number };

const sessionSchema = z.object({ m: z.string(), e: z.number() });
// `dt`/`di` (the Destiny profile in use) are missing from entries written before they were kept there: a miss.
const tokenSchema = z.object({ c: z.string(), k: z.string(), x: z.number(), dt: z.number().nullable().optional(), di: z.string().nullable().optional() });

const TOKEN_OWNER = /^([A-Za-z0-9]{1,64})_[A-Za-z0-9-]{16,64}$/;

/** A new session cookie token that names its user (`<userId>_<uuid>`): the adapter creates sessions with it. */
export function newSessionToken(userId: string, random: string = randomUUID()): string {
  return `${userId}_${random}`;
}

/** The user a session token says it belongs to (unverified), or undefined for an older token without one. */
export function ownerOf(token: string): string | undefined {
  return TOKEN_OWNER.exec(token)?.[1];
}

const sessionKey = (token: string) => `vr:session:${createHash('sha256').update(token).digest('base64url')}`;
const tokenKey = (userId: string) => `vr:player:${userId}:token`;
/** The key of the version of a player's tags and notes (read with the session, written by lib/annotations/marks-version.ts). */
export const marksVersionKey = (userId: string) => `vr:player:${userId}:marks`;

/** The Upstash client for the session cache and its neighbours; undefined outside cloud mode. */
export function cloudRedis() {
  const store = getConfig().manifestStore;
  return store.kind === 'upstash' ? sharedRedis(store) : undefined;
}

// KEYS[1] the session entry, KEYS[2] the token entry, KEYS[3] the marks version, KEYS[4..] rate limit
// windows in pairs (current, previous); ARGV[1] the owner the cookie names, ARGV[2] the current
// windows' lifetime in ms. Counts only for a genuine entry pair: returns {session, token, marks
// version or '', previous, current, ...} or {}.
const GATE_SCRIPT = `local session = redis.call('GET', KEYS[1])
local token = redis.call('GET', KEYS[2])
if not session or not token or string.sub(session, 1, #ARGV[1] + 1) ~= ARGV[1] .. '|' then return {} end
local out = { session, token, redis.call('GET', KEYS[3]) or '' }
for i = 4, #KEYS, 2 do
  local current = redis.call('INCR', KEYS[i])
  redis.call('PEXPIRE', KEYS[i], ARGV[2])
  out[#out + 1] = tonumber(redis.call('GET', KEYS[i + 1]) or '0') or 0
  out[#out + 1] = current
end
return out`;

/**
 * The cached player behind a session token, with the request counted against the rate limit's
 * buckets when `limit` is given — ONE Upstash command. Undefined (nothing counted) when the
 * token names no user, the entries are missing or expired, not in cloud mode, or Redis fails:
 * the caller then asks Postgres.
 */
export async function cachedPlayer(token: string, limit?: { ip: string }, now = Date.now()): Promise<{ player: CachedPlayer; verdicts: Verdict[] } | undefined> {
  const userId = ownerOf(token);
  const client = cloudRedis();
  if (!userId || !client) return undefined;
  const windows = windowKeys(limit ? bucketsOf({ userId, ip: limit.ip }) : [], now);
  try {
    const answer = (await client.eval(GATE_SCRIPT, [sessionKey(token), tokenKey(userId), marksVersionKey(userId), ...windows.keys], [userId, String(windows.ttlMs)])) as unknown[];
    if (!Array.isArray(answer) || answer.length < 3) return undefined;
    const session = sessionSchema.parse(JSON.parse(String(answer[0]).slice(userId.length + 1)));
    const access = tokenSchema.parse(JSON.parse(String(answer[1])));
    // The entries' own expiry is the cache's; the session's end and the token's are checked here too.
    if (session.e <= now || access.x * 1000 <= now || access.dt === undefined || access.di === undefined) return undefined;
    return {
      player: {
        userId,
        membershipId: session.m,
        destiny: access.dt !== null && access.di ? { membershipType: access.dt, membershipId: access.di } : null,
        token: { cipher: access.c, keyId: access.k, expiresAt: access.x },
        marksVersion: String(answer[2]),
      },
      verdicts: windows.judge(answer.slice(3).map(Number)),
    };
  } catch (error) {
    log.warn(`Session cache unavailable (${describe(error)}); the session is read from the database.`);
    return undefined;
  }
}

/** What a database read of a session found, to cache (see `cachedPlayer`). */
export type SessionFacts = { userId: string; membershipId: string; expires: Date; destiny: DestinyMembership | null };

/**
 * Caches a session the database just confirmed, and the player's access token when it is still
 * good for more than `marginSeconds` (one request, two commands). Skipped for a token without a
 * named owner (sessions made before this cache) and outside cloud mode; failures are logged only.
 */
export async function cacheSession(token: string, facts: SessionFacts, access: CachedToken | null, marginSeconds: number, now = Date.now()): Promise<void> {
  const client = cloudRedis();
  if (!client || ownerOf(token) !== facts.userId) return;
  const sessionMs = Math.min(facts.expires.getTime() - now, SESSION_CACHE_SECONDS * 1000);
  if (sessionMs <= 0) return;
  const value = JSON.stringify({ m: facts.membershipId, e: facts.expires.getTime() });
  const pipeline = client.pipeline().set(sessionKey(token), `${facts.userId}|${value}`, { px: sessionMs });
  const tokenMs = access ? tokenLifetimeMs(access, marginSeconds, now) : 0;
  if (access && tokenMs > 0) pipeline.set(tokenKey(facts.userId), tokenValue(access, facts.destiny), { px: tokenMs });
  await pipeline.exec().catch((error: unknown) => log.warn(`Session cache write failed (${describe(error)}).`));
}

/**
 * Drops the player's cached access token (and with it the profile in use) right after the database
 * changed: a refreshed token, an ended authorization, a new sign-in, a profile switch. Every
 * session of the player is then read from the database once more on its next request and cached
 * again. A failure is logged: the entry would then outlive the change by at most its expiry, which
 * the token's own expiry bounds.
 */
export async function dropCachedToken(userId: string): Promise<void> {
  const client = cloudRedis();
  if (!client) return;
  await client.del(tokenKey(userId)).catch((error: unknown) => log.warn(`Session cache: the token entry could not be dropped (${describe(error)}).`));
}

/** Forgets a session that was just ended (signed out, or ended by the sign-in guard). */
export async function forgetSession(token: string): Promise<void> {
  const client = cloudRedis();
  if (!client) return;
  await client.del(sessionKey(token)).catch((error: unknown) => log.warn(`Session cache: an ended session could not be dropped (${describe(error)}).`));
}

function tokenLifetimeMs(access: CachedToken, marginSeconds: number, now: number): number {
  return Math.min((access.expiresAt - marginSeconds) * 1000 - now, SESSION_CACHE_SECONDS * 1000);
}

function tokenValue(access: CachedToken, destiny: DestinyMembership | null): string {
  return JSON.stringify({ c: access.cipher, k: access.keyId, x: access.expiresAt, dt: destiny?.membershipType ?? null, di: destiny?.membershipId ?? null });
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message.slice(0, 200)}` : 'error';
}
