import { HttpResponse, type DefaultBodyType, type StrictRequest } from 'msw';
import { checkAccessToken } from '../auth';
import { envelope, SimRefusal, type CodeName } from '../codes';
import { SIM_TIMELINE_LENGTH, type SimCall, type SimCore } from '../core';

/** What a platform endpoint's body function receives. */
export type PlatformCall = {
  request: StrictRequest<DefaultBodyType>;
  url: URL;
  params: Record<string, string | readonly string[] | undefined>;
  /** Bungie.net membership id of the signed-in player, when a valid token came with the call. */
  membershipId?: string;
};

type Auth = 'required' | 'optional' | 'none';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const OUTAGE_PAGE = `<!DOCTYPE html><html><head><title>Bungie.net</title></head><body><h1>Bungie.net is currently unavailable</h1><p>We'll be back soon.</p></body></html>`;

/** Counts a call in the stats. */
export function count(core: SimCore, endpoint: string): void {
  const stats = core.state.stats;
  stats.total++;
  stats.byEndpoint[endpoint] = (stats.byEndpoint[endpoint] ?? 0) + 1;
}

/** The envelope as an HTTP answer, counted by ErrorStatus. */
export function answer(core: SimCore, code: CodeName, response: unknown, status = 200, throttleSeconds = 0): Response {
  core.state.stats.errorStatus[code] = (core.state.stats.errorStatus[code] ?? 0) + 1;
  return HttpResponse.json(envelope(code, response, throttleSeconds) as unknown as Record<string, unknown>, { status });
}

/**
 * Applies the switches (latency, outage, 500s) every Bungie answer is subject to. Returns
 * an answer when one of them decides the outcome; used by the OAuth endpoints too.
 */
export async function applyFailureSwitches(core: SimCore): Promise<Response | undefined> {
  const c = core.state.controls;
  if (c.latencyMs > 0) await sleep(c.latencyMs);
  if (c.outage) return new HttpResponse(OUTAGE_PAGE, { status: 503, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
  if (c.failNext > 0) {
    c.failNext--;
    return answer(core, 'UnhandledException', undefined, 500);
  }
  return undefined;
}

/**
 * Wraps a `/Platform` endpoint: stats, failure switches, X-API-Key, maintenance, throttling,
 * the bearer token, then the endpoint; a thrown `SimRefusal` becomes Bungie's error envelope.
 */
export function platform(core: SimCore, endpoint: string, auth: Auth, body: (call: PlatformCall) => unknown) {
  return async ({ request, params }: { request: StrictRequest<DefaultBodyType>; params: PlatformCall['params'] }): Promise<Response> => {
    count(core, endpoint);
    const call: SimCall = { endpoint, arrivedAt: Date.now() };
    const timeline = core.state.stats.timeline;
    timeline.push(call);
    if (timeline.length > SIM_TIMELINE_LENGTH) timeline.splice(0, timeline.length - SIM_TIMELINE_LENGTH);
    const response = await answerPlatform(core, auth, body, request, params);
    call.answeredAt = Date.now();
    return response;
  };
}

// The switches, the key, the token, then the endpoint.
async function answerPlatform(core: SimCore, auth: Auth, body: (call: PlatformCall) => unknown, request: StrictRequest<DefaultBodyType>, params: PlatformCall['params']): Promise<Response> {
  const failed = await applyFailureSwitches(core);
  if (failed) return failed;
  const c = core.state.controls;
  if (c.maintenance) return answer(core, 'SystemDisabled', undefined, 503);
  const key = request.headers.get('x-api-key');
  if (!key) return answer(core, 'ApiKeyMissingFromRequest', undefined, 401);
  if (core.options.apiKey !== undefined && key !== core.options.apiKey) return answer(core, 'ApiInvalidOrExpiredKey', undefined, 401);
  if (c.throttle.enabled) return answer(core, c.throttle.code, undefined, c.throttle.status, c.throttle.seconds);
  const call: PlatformCall = { request, url: new URL(request.url), params };
  const header = request.headers.get('authorization');
  if (auth !== 'none' && (auth === 'required' || header)) {
    const bearer = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const checked = checkAccessToken(core.state.auth, bearer, core.now().getTime());
    if ('code' in checked) return answer(core, checked.code, undefined, 401);
    call.membershipId = checked.membershipId;
  }
  try {
    const result = await body(call);
    return answer(core, 'Success', result);
  } catch (error) {
    if (error instanceof SimRefusal) return answer(core, error.code, undefined, error.status, error.code === 'DestinyThrottledByGameServer' ? 1 : 0);
    throw error;
  }
}

/** Reads a JSON body or refuses with ParameterParseFailure, as Bungie does for bad bodies. */
export async function jsonBody<T>(request: Request): Promise<T> {
  try {
    return (await request.json()) as T;
  } catch {
    throw new SimRefusal('ParameterParseFailure', 400);
  }
}

/** A path parameter as one string. */
export function param(call: PlatformCall, name: string): string {
  const value = call.params[name];
  return Array.isArray(value) ? String(value[0] ?? '') : String(value ?? '');
}
