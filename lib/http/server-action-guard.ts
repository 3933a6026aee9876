import 'server-only';
import { AppError, errorResponse } from './errors';
import { assertSameOrigin, readBodyBytes } from './request';

/**
 * Checks a server-action call before Next decodes it, since Next answers 500 to a call it refuses.
 * Two kinds reach Next's action handler:
 * - a `fetch` with a `Next-Action` header, whose arguments React sends as a JSON array (the whole
 *   text body, or — when they hold form data — the form field "0");
 * - a plain HTML form post, before the page has hydrated, naming the action in a `$ACTION_…` field.
 * Either one from another site (403), over 1 MB (413) or, with the header, without the argument
 * array (400) is refused here with a sentence. Route handlers under /api check their own bodies.
 * Answers undefined to let the call through.
 */
export async function checkServerActionCall(request: Request): Promise<Response | undefined> {
  if (request.method !== 'POST' || new URL(request.url).pathname.startsWith('/api/')) return undefined;
  const contentType = request.headers.get('content-type') ?? '';
  const mediaType = contentType.split(';')[0]!.trim().toLowerCase();
  const withHeader = request.headers.has('next-action');
  const isForm = mediaType === 'multipart/form-data' || mediaType === 'application/x-www-form-urlencoded';
  if (!withHeader && !isForm) return undefined;
  try {
    // A clone: the original body still goes on to Next.
    const bytes = await readBodyBytes(request.clone());
    if (withHeader) {
      assertSameOrigin(request);
      if (await holdsArguments(bytes, contentType, mediaType)) return undefined;
      throw new AppError('malformed_action_call');
    }
    if (await namesAction(bytes, contentType, mediaType)) assertSameOrigin(request);
    return undefined;
  } catch (error) {
    return errorResponse(error);
  }
}

async function formOf(bytes: Buffer, contentType: string, mediaType: string): Promise<FormData | URLSearchParams | undefined> {
  if (mediaType === 'application/x-www-form-urlencoded') return new URLSearchParams(bytes.toString('utf8'));
  if (mediaType !== 'multipart/form-data') return undefined;
  return new Response(new Uint8Array(bytes), { headers: { 'content-type': contentType } }).formData().catch(() => undefined);
}

async function holdsArguments(bytes: Buffer, contentType: string, mediaType: string): Promise<boolean> {
  if (mediaType === 'multipart/form-data') {
    const root = (await formOf(bytes, contentType, mediaType))?.get('0');
    return typeof root === 'string' && isJsonArray(root);
  }
  return isJsonArray(bytes.toString('utf8'));
}

/** Whether a form post names a server action (`$ACTION_ID_<id>`, or `$ACTION_REF_…` for a bound one). */
async function namesAction(bytes: Buffer, contentType: string, mediaType: string): Promise<boolean> {
  const form = await formOf(bytes, contentType, mediaType);
  if (!form) return false;
  for (const name of form.keys()) if (name.startsWith('$ACTION_')) return true;
  return false;
}

function isJsonArray(text: string): boolean {
  try {
    return Array.isArray(JSON.parse(text));
  } catch {
    return false;
  }
}
