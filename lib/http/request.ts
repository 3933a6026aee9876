import 'server-only';
import type { z } from 'zod';
import { getConfig } from '@/lib/config';
import { AppError } from './errors';

/** Largest JSON body a route reads; bigger ones get 413. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Refuses cross-site requests to state-changing routes: the browser's `Origin` (or, without it,
 * `Sec-Fetch-Site`) must be this app. Scripts without either header (curl) are let through: they
 * carry no victim's cookies, and the session check still applies.
 */
export function assertSameOrigin(request: Request): void {
  const origin = request.headers.get('origin');
  const site = request.headers.get('sec-fetch-site');
  if (origin !== null) {
    if (origin !== new URL(getConfig().appUrl).origin) throw new AppError('cross_site');
    return;
  }
  if (site !== null && site !== 'same-origin' && site !== 'none') throw new AppError('cross_site');
}

/** Reads a JSON body (at most 1 MB) and validates it; every problem is a 4xx with a sentence. */
export async function readJson<T>(request: Request, schema: z.ZodType<T>): Promise<T> {
  const mediaType = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (mediaType !== 'application/json') throw new AppError('unsupported_media_type');
  const text = await readBodyText(request);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError('malformed_json');
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new AppError('invalid_body', `The request body is not what this route expects${describeIssue(parsed.error.issues[0])}.`);
  }
  return parsed.data;
}

/**
 * Where and how a body missed the schema, without echoing what the client sent: the path holds
 * only the schema's own keys (zod does not descend into unknown ones) and array indexes, and the
 * message of an unknown-keys issue, which would list the client's keys, is replaced.
 */
function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return '';
  const where = issue.path.length > 0 ? ` (${issue.path.map(String).join('.')})` : '';
  const what = issue.code === 'unrecognized_keys' ? 'it has fields this route does not take' : issue.message.slice(0, 200);
  return `${where}: ${what}`;
}

/** The raw body as text, at most 1 MB (413 beyond, whatever `Content-Length` says or omits). */
export async function readBodyText(request: Request): Promise<string> {
  return Buffer.from(await readBodyBytes(request)).toString('utf8');
}

/** The raw body, at most 1 MB: a larger `Content-Length` is refused unread, a longer stream cut off. */
export async function readBodyBytes(request: Request): Promise<Buffer> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) throw new AppError('body_too_large');
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    // Counted as it streams: a missing or lying Content-Length cannot get past the limit.
    if (size > MAX_BODY_BYTES) {
      // Not awaited: cancelling one branch of a cloned (tee'd) body settles only when both are cancelled.
      reader.cancel().catch(() => undefined);
      throw new AppError('body_too_large');
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
