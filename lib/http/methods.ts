import 'server-only';
import { AppError, errorResponse } from './errors';

/** The methods a route file can answer (OPTIONS is left to Next, which answers it with `Allow`). */
export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

// `never` parameters: any handler shape (Auth.js's NextRequest ones, route()'s) is accepted as is.
type AnyHandler = (request: never, context: never) => Promise<Response>;
type Refuse = (request: Request) => Promise<Response>;
/** The methods left over when a route supports `A` (HEAD counts as supported with GET). */
type Others<A extends HttpMethod> = Exclude<HttpMethod, A | (A extends 'GET' ? 'HEAD' : never)>;

/** The methods a route answers, as its `Allow` header says them: a GET route answers HEAD too. */
function allowHeader(allowed: readonly string[]): string {
  const methods = new Set<string>(allowed);
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods, 'OPTIONS'].join(', ');
}

/**
 * A route file's handlers, plus one for every method it does not serve, answering 405 with a JSON
 * error and an `Allow` header (Next's own 405 has an empty body):
 *
 *   export const { POST, GET, HEAD, PUT, PATCH, DELETE } = methods({ POST: route(…) });
 *
 * A route with GET gets no HEAD handler: Next answers HEAD from GET by itself.
 */
export function methods<const H extends Partial<Record<HttpMethod, AnyHandler>>>(handlers: H): H & Record<Others<keyof H & HttpMethod>, Refuse> {
  const allowed = Object.keys(handlers);
  const allow = allowHeader(allowed);
  const refuse: Refuse = async (request) => {
    const response = errorResponse(new AppError('method_not_allowed', `${request.method} is not supported here; use ${allowed.join(' or ')}.`));
    response.headers.set('Allow', allow);
    return response;
  };
  const skip = new Set<string>(allowed);
  if (skip.has('GET')) skip.add('HEAD');
  const others = Object.fromEntries(HTTP_METHODS.filter((m) => !skip.has(m)).map((m) => [m, refuse]));
  return { ...others, ...handlers } as H & Record<Others<keyof H & HttpMethod>, Refuse>;
}
