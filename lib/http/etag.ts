import { createHash } from 'node:crypto';

/** A strong ETag for a body: a SHA-256 of its bytes, shortened (collisions are no concern at 128 bits). */
export function etagOf(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
}

/** Whether an `If-None-Match` header names `etag` (a list, weak forms, or `*`). */
export function matchesEtag(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/**
 * A JSON answer the browser revalidates every time (`private, no-cache`) and that costs nothing
 * when unchanged: 304 with no body when the request's `If-None-Match` names the body's ETag
 * (`etag` when the caller knows it from what the body was made of, else a hash of the body).
 */
export function revalidatedJson(request: Request, value: unknown, etag?: string): Response {
  const body = JSON.stringify(value);
  const tag = etag ?? etagOf(body);
  if (matchesEtag(request.headers.get('if-none-match'), tag)) return notModified(tag);
  return new Response(body, { status: 200, headers: { ...revalidationHeaders(tag), 'Content-Type': 'application/json; charset=utf-8' } });
}

/** The bodiless 304 `revalidatedJson` answers, for a value known unchanged without being built. */
export function notModified(etag: string): Response {
  return new Response(null, { status: 304, headers: revalidationHeaders(etag) });
}

function revalidationHeaders(etag: string): Record<string, string> {
  return { ETag: etag, 'Cache-Control': 'private, no-cache', Vary: 'Cookie' };
}
