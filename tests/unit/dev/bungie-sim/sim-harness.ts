import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createBungieSim, type BungieSim, type BungieSimOptions, type TokenAnswer } from '@/dev/bungie-sim/index';

export const BUNGIE = 'https://www.bungie.net';

type CallInit = { method?: string; body?: unknown; token?: string | null; apiKey?: string | null };

/** A test's view of a simulator served in-process by msw. */
export type Harness = {
  sim: BungieSim;
  /** Calls a /Platform path with the API key (and a token when given); parses the JSON. */
  api<T = Record<string, unknown>>(path: string, init?: CallInit): Promise<{ status: number; body: T }>;
  /** Runs the browser OAuth dance through the Authorize page; returns the token answer. */
  signIn(): Promise<TokenAnswer>;
  /** POSTs the token endpoint with a form body. */
  token(form: Record<string, string>, headers?: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }>;
  membership(): { type: number; id: string };
};

/** Registers msw hooks and gives each test a fresh simulator (built lazily by `harness()`). */
export function useSimulator(options: BungieSimOptions = {}): () => Harness {
  const server = setupServer();
  let current: Harness | undefined;
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    current = undefined;
  });
  afterAll(() => server.close());
  return () => {
    if (current) return current;
    const sim = createBungieSim({ now: '2026-11-25T12:00:00Z', ...options });
    server.use(...sim.handlers, ...sim.adminHandlers);
    const api: Harness['api'] = async (path, init = {}) => {
      const headers: Record<string, string> = {};
      if (init.apiKey !== null) headers['X-API-Key'] = init.apiKey ?? sim.credentials.apiKey;
      if (init.token) headers.Authorization = `Bearer ${init.token}`;
      if (init.body !== undefined) headers['Content-Type'] = 'application/json';
      const res = await fetch(`${BUNGIE}/Platform${path}`, { method: init.method ?? (init.body ? 'POST' : 'GET'), headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
      return { status: res.status, body: (await res.json()) as never };
    };
    const token: Harness['token'] = async (form, headers = {}) => {
      const res = await fetch(`${BUNGIE}/Platform/App/OAuth/token/`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(form).toString() });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const { clientId, clientSecret } = sim.credentials;
    current = {
      sim,
      api,
      token,
      async signIn() {
        const res = await fetch(`${BUNGIE}/en/OAuth/Authorize`, { method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: `client_id=${clientId}&response_type=code&state=s1` });
        const code = new URL(res.headers.get('location') ?? 'http://x/').searchParams.get('code') ?? '';
        const answer = await token({ grant_type: 'authorization_code', code, client_id: clientId, client_secret: clientSecret });
        return answer.body as unknown as TokenAnswer;
      },
      membership() {
        const m = sim.world.player.memberships[0];
        if (!m) throw new Error('no membership');
        return { type: m.membershipType, id: m.membershipId };
      },
    };
    return current;
  };
}

/** The Response of an envelope, asserting success. */
export function ok<T>(body: { ErrorCode?: number; ErrorStatus?: string; Response?: T }): T {
  if (body.ErrorCode !== 1) throw new Error(`expected Success, got ${body.ErrorStatus} (${body.ErrorCode})`);
  return body.Response as T;
}
