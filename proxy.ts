// Every request but Next's static files (pages, API routes, images): sets the security headers (a fresh CSP nonce each time)
// and refuses server-action calls Next could not decode.
import { NextResponse, type NextRequest } from 'next/server';
import { getConfig } from '@/lib/config';
import { newNonce, securityHeaderOptions, securityHeaders } from '@/lib/http/security-headers';
import { checkServerActionCall } from '@/lib/http/server-action-guard';

/**
 * Sets the Content-Security-Policy (with a per-request nonce), HSTS in production over https, and
 * the other security headers on every response. The CSP also goes on the request, where Next reads
 * the nonce and puts it on the scripts and styles it renders (every page here is dynamic).
 * A server-action call whose arguments Next could not decode gets a 4xx here instead of Next's 500.
 */
export async function proxy(request: NextRequest): Promise<Response> {
  const headers = securityHeaders(securityHeaderOptions(getConfig(), newNonce()));
  const refused = await checkServerActionCall(request);
  if (refused) {
    for (const [name, value] of Object.entries(headers)) refused.headers.set(name, value);
    return refused;
  }
  // Replaces whatever a client sent under that name: the nonce comes from here only.
  const forwarded = new Headers(request.headers);
  forwarded.set('content-security-policy', headers['Content-Security-Policy']!);
  const response = NextResponse.next({ request: { headers: forwarded } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

// Next's static files and the app's icons (public/) never need the proxy: on Vercel every request
// it matches is a billed function invocation, and a page pulls in dozens of these.
export const config = {
  matcher: ['/((?!_next/static/|favicon\\.ico$|apple-touch-icon\\.png$|icon-[a-z0-9-]+\\.png$).*)'],
};
