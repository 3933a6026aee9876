import 'server-only';
import { randomBytes } from 'node:crypto';
import type { RequestUser } from '@/lib/auth/request-user';
import { cloudRedis, marksVersionKey, SESSION_CACHE_SECONDS } from '@/lib/auth/session-cache';
import { log } from '@/lib/server/log';
import { MARKS_VERSION_HEADER } from './marks-header';

/**
 * A version of each player's tags and notes in Upstash Redis (cloud mode), so the item browser's
 * 30 s refresh of them (`GET /api/annotations`) costs no database read while nothing changed: the
 * session script reads the version with the session (no extra command, lib/auth/session-cache.ts),
 * and an `If-None-Match` that names it is answered 304. Every write of a tag or note gives the
 * version a new random value after the database has it. The version expires after an hour, so a
 * write whose renewal failed is seen within the hour; a missing version is set on the next read.
 */

/** The ETag of a version of the player's tags and notes. */
export const marksEtag = (version: string) => `"m${version}"`;
const newVersion = () => randomBytes(9).toString('base64url');

// KEYS[1] the version: read, or set to ARGV[1] (expiring after ARGV[2] ms) when missing. One command.
const ENSURE = `local v = redis.call('GET', KEYS[1])
if v then return v end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return ARGV[1]`;

/**
 * The current version of the player's tags and notes — as the session script read it, else read
 * (or set) now — or undefined outside cloud mode or when Redis fails. Read it BEFORE the list: a
 * write in between then makes the next version differ.
 */
export async function marksVersionOf(user: RequestUser): Promise<string | undefined> {
  return user.cached?.marksVersion || ensureVersion(user.userId);
}

/**
 * The version the vault poll's answer names (`X-Marks-Version`, see marks-header.ts) with no extra
 * Redis command: the one the session script read. A session read from the database instead (its
 * first request, the token's renewal) has the version read or set now — one command, where the
 * list request it spares costs an invocation and the script. Undefined when the version is
 * missing (expired an hour after it was set: the page then reads the list, whose read sets it),
 * outside cloud mode, or when Redis fails.
 */
export async function polledMarksVersion(user: RequestUser): Promise<string | undefined> {
  return user.cached ? user.cached.marksVersion || undefined : ensureVersion(user.userId);
}

/** The answer with the version of the player's tags and notes in its header, when known. */
export function withMarksVersion(answer: Response, version: string | undefined): Response {
  if (version) answer.headers.set(MARKS_VERSION_HEADER, version);
  return answer;
}

/** Gives the player's tags and notes a new version (after a write); outside cloud mode nothing. */
export async function renewMarksVersion(userId: string): Promise<void> {
  const client = cloudRedis();
  if (!client) return;
  await client
    .set(marksVersionKey(userId), newVersion(), { px: SESSION_CACHE_SECONDS * 1000 })
    .catch((error: unknown) => log.warn(`Tags and notes: the version could not be renewed (${error instanceof Error ? error.name : 'error'}); other devices see the change within the hour.`));
}

async function ensureVersion(userId: string): Promise<string | undefined> {
  const client = cloudRedis();
  if (!client) return undefined;
  try {
    return String(await client.eval(ENSURE, [marksVersionKey(userId)], [newVersion(), String(SESSION_CACHE_SECONDS * 1000)]));
  } catch {
    return undefined; // the body's own hash serves as the ETag, as outside cloud mode
  }
}
