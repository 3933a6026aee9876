import 'server-only';
import { AppError, errorResponse } from './errors';
import { readBodyBytes } from './request';

/**
 * Checks a server-action call (a POST with `Next-Action`) before Next decodes it, since a body Next
 * cannot decode makes it answer 500. React sends an action's arguments as a JSON array: as the whole
 * text body, or — when they hold form data — in the form field "0". A call whose body is over 1 MB,
 * or lacks that array, is refused here with a 4xx. (A plain HTML form post, before the page has
 * hydrated, carries no `Next-Action` header: Next reads its `$ACTION_ID_` field itself.)
 * Answers undefined to let the call through.
 */
export async function checkServerActionCall(request: Request): Promise<Response | undefined> {
  if (request.method !== 'POST' || !request.headers.has('next-action')) return undefined;
  try {
    // A clone: the original body still goes on to Next.
    const bytes = await readBodyBytes(request.clone());
    if (await holdsArguments(bytes, request.headers.get('content-type') ?? '')) return undefined;
    throw new AppError('malformed_action_call');
  } catch (error) {
    return errorResponse(error);
  }
}

async function holdsArguments(bytes: Buffer, contentType: string): Promise<boolean> {
  const mediaType = contentType.split(';')[0]!.trim().toLowerCase();
  if (mediaType === 'multipart/form-data') {
    const form = await new Response(new Uint8Array(bytes), { headers: { 'content-type': contentType } }).formData().catch(() => undefined);
    const root = form?.get('0');
    return typeof root === 'string' && isJsonArray(root);
  }
  return isJsonArray(Buffer.from(bytes).toString('utf8'));
}

function isJsonArray(text: string): boolean {
  try {
    return Array.isArray(JSON.parse(text));
  } catch {
    return false;
  }
}
