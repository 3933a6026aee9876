import 'server-only';
import { NextRequest } from 'next/server';
import { AppError, errorResponse } from '@/lib/http/errors';
import { readBodyBytes } from '@/lib/http/request';

type AuthHandler = (request: NextRequest) => Promise<Response>;

/**
 * Auth.js's route handlers with the app's limits around them: a body over 1 MB is refused (413)
 * before Auth.js parses it, and Auth.js's own error answers (a bare `"Bad request."` for an unknown
 * action, a 500 for a failure inside it) become the app's `{ error: { code, message } }`.
 * Redirects and successful answers pass through untouched: they are the OAuth protocol.
 */
export function guardAuthHandler(handler: AuthHandler): AuthHandler {
  return async (request) => {
    try {
      let forwarded = request;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        const body = await readBodyBytes(request);
        forwarded = new NextRequest(request.url, { method: request.method, headers: request.headers, body: body.byteLength > 0 ? new Uint8Array(body) : null });
      }
      const response = await handler(forwarded);
      if (response.status < 400) return response;
      if (response.status >= 500) throw new AppError('sign_in_failed');
      return errorResponse(new AppError('bad_auth_request'));
    } catch (error) {
      return errorResponse(error);
    }
  };
}
