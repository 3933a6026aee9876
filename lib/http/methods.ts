import 'server-only';

/** The methods a route file can answer (OPTIONS is left to Next, which answers it with `Allow`). */
export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

type Handler = (request: Request) => Promise<Response>;
/** The methods left over when a route supports `A` (HEAD counts as supported with GET). */
type Others<A extends HttpMethod> = Exclude<HttpMethod, A | (A extends 'GET' ? 'HEAD' : never)>;

/** The methods a route answers, as its `Allow` header says them: a GET route answers HEAD too. */
function allowHeader(allowed: readonly HttpMethod[]): string {
  const methods = new Set<string>(allowed);
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods, 'OPTIONS'].join(', ');
}

/**
 * Handlers for every method a route does not support, answering 405 with a JSON error and an
 * `Allow` header (Next's own 405 has an empty body). A route file exports them beside its own:
 *
 *   export const { GET, HEAD, PUT, PATCH, DELETE } = otherMethods('POST');
 *
 * A route with GET gets no HEAD handler: Next answers HEAD from GET by itself.
 */
export function otherMethods<const A extends HttpMethod>(...allowed: A[]): Record<Others<A>, Handler> {
  const allow = allowHeader(allowed);
  const refuse: Handler = async (request) =>
    Response.json(
      { error: { code: 'method_not_allowed', message: `${request.method} is not supported here; use ${allowed.join(' or ')}.` } },
      { status: 405, headers: { Allow: allow, 'Cache-Control': 'no-store' } },
    );
  const skip = new Set<string>(allowed);
  if (skip.has('GET')) skip.add('HEAD');
  return Object.fromEntries(HTTP_METHODS.filter((m) => !skip.has(m)).map((m) => [m, refuse])) as Record<Others<A>, Handler>;
}
