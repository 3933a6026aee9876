import { setupServer } from 'msw/node';
import type { ErrorObject } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileOwn, loadSpec, oauthSchemas, SpecValidator } from './openapi-schema';
import { ENDPOINTS, freshContext, SCENARIOS, type Ctx, type Scenario } from './sim-scenarios';

// Validates every kind of answer the Bungie simulator gives against Bungie's OpenAPI spec
// (BUNGIE_OPENAPI_SPEC), so the simulator cannot drift from the real API unnoticed.

const BUNGIE = 'https://www.bungie.net';
const server = setupServer();
const tally = { operations: new Set<string>(), validated: 0, htmlChecked: 0, oauth: 0 };
let validator: SpecValidator;

const describeErrors = (errors: ErrorObject[] | null | undefined) =>
  (errors ?? []).slice(0, 8).map((e) => `${e.instancePath || '/'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`).join('; ');

function tokenFor(c: Ctx, kind: Scenario['token']): string | undefined {
  if (kind === 'none') return undefined;
  if (kind === 'garbage') return 'not-a-token';
  if (kind === 'expired') {
    c.sim.controls.setTokenLifetimes({ accessSeconds: 1 });
    const t = c.sim.issueTokens().access_token;
    c.sim.controls.advance(2);
    return t;
  }
  const t = c.sim.issueTokens().access_token;
  if (kind === 'revoked') c.sim.controls.revokeAuthorization();
  return t;
}

async function send(c: Ctx, s: Scenario, overrides: { apiKey?: boolean } = {}): Promise<Response> {
  // Setup first: a clock change must not expire the token the scenario sends.
  s.setup?.(c);
  const token = tokenFor(c, s.token ?? (s.endpoint.auth === 'none' ? 'none' : 'valid'));
  const headers: Record<string, string> = {};
  if ((overrides.apiKey ?? s.apiKey) !== false) headers['X-API-Key'] = c.sim.credentials.apiKey;
  if (token) headers.Authorization = `Bearer ${token}`;
  const body = s.endpoint.method === 'POST' ? JSON.stringify((s.body ?? s.endpoint.body)?.(c)) : undefined;
  if (body) headers['Content-Type'] = 'application/json';
  const url = `${BUNGIE}/Platform${(s.path ?? s.endpoint.path)(c)}`;
  return fetch(url, { method: s.endpoint.method, headers, body });
}

beforeAll(() => {
  // Fails every test with one sentence when the spec is missing.
  validator = new SpecValidator(loadSpec(process.env.BUNGIE_OPENAPI_SPEC));
  server.listen({ onUnhandledRequest: 'error' });
});

afterAll(() => {
  server.close();
  if (!validator) return;
  const endpoints = tally.operations.size + (tally.oauth ? 1 : 0);
  console.log(`Bungie simulator contract: ${endpoints} endpoints (${tally.operations.size} spec operations + OAuth token), ${tally.validated + tally.oauth} answers validated (${tally.validated} against the spec, ${tally.oauth} OAuth against our schema); ${tally.htmlChecked} HTML outage pages checked.`);
});

describe('Bungie simulator matches Bungie\'s OpenAPI spec', () => {
  it.each(SCENARIOS.map((s) => [`${s.endpoint.name}: ${s.name}`, s] as const))('%s', async (_label, s) => {
    const c = freshContext();
    server.resetHandlers(...c.sim.handlers);
    const path = (s.path ?? s.endpoint.path)(c);
    const template = validator.operationPath(new URL(`${BUNGIE}/Platform${path}`).pathname, s.endpoint.method);
    const validate = validator.validatorFor(template, s.endpoint.method);
    const responses = s.twice ? await Promise.all([send(c, s), send(c, s)]) : [await send(c, s)];
    const codes: number[] = [];
    for (const res of responses) {
      expect(res.headers.get('content-type')).toContain('application/json');
      const json = (await res.json()) as { ErrorCode: number };
      codes.push(json.ErrorCode);
      const valid = validate(json);
      expect(valid, `${s.endpoint.method} ${template} (${s.name}): ${describeErrors(validate.errors)}`).toBe(true);
      tally.validated++;
    }
    expect(codes).toContain(s.expect);
    tally.operations.add(`${s.endpoint.method} ${template}`);
  });

  it.each(Object.values(ENDPOINTS).map((e) => [e.name, e] as const))('%s answers an HTML page during an outage', async (_label, endpoint) => {
    const c = freshContext();
    server.resetHandlers(...c.sim.handlers);
    c.sim.controls.setOutage(true);
    const res = await send(c, { endpoint, name: 'outage', expect: 0 });
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toMatch(/^<!DOCTYPE html>/);
    tally.htmlChecked++;
  });
});

describe('the converted spec is strict', () => {
  it('rejects undefined properties, non-numeric int64 strings and unknown error codes, and accepts null where nullable', () => {
    const manifest = validator.validatorFor('/Destiny2/Manifest/', 'GET');
    const base = { ErrorCode: 1, ThrottleSeconds: 0, ErrorStatus: 'Success', Message: 'Ok', MessageData: {} };
    expect(manifest({ ...base, Response: { version: '1' } })).toBe(true);
    expect(manifest({ ...base, Response: { version: '1', bogus: true } })).toBe(false);
    expect(manifest({ ...base, Surprise: 1 })).toBe(false);
    expect(manifest({ ...base, ErrorCode: 987654 })).toBe(false);
    const item = validator.validatorFor('/Destiny2/{membershipType}/Profile/{destinyMembershipId}/Item/{itemInstanceId}/', 'GET');
    const withItem = (data: object) => ({ ...base, Response: { item: { data, privacy: 1 } } });
    expect(item(withItem({ itemHash: 1, itemInstanceId: '6917529000000000001' }))).toBe(true);
    expect(item(withItem({ itemHash: 1, itemInstanceId: 'abc' }))).toBe(false);
    expect(item(withItem({ itemHash: 1, itemInstanceId: null }))).toBe(true);
    expect(item(withItem({ itemHash: 1, location: 99 }))).toBe(false);
  });
});

describe('Bungie simulator OAuth token answers match our schema', () => {
  const token = compileOwn(oauthSchemas.token);
  const error = compileOwn(oauthSchemas.error);
  const post = (form: Record<string, string>) =>
    fetch(`${BUNGIE}/Platform/App/OAuth/token/`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
  const creds = { client_id: '40000', client_secret: 'vault-raider-demo-secret' };

  type Case = [string, (c: Ctx) => Promise<Record<string, string>>, 'token' | string];
  const code = async (c: Ctx) => {
    const res = await fetch(`${BUNGIE}/en/OAuth/Authorize`, { method: 'POST', redirect: 'manual', body: new URLSearchParams({ client_id: '40000', response_type: 'code' }) });
    return new URL(res.headers.get('location') ?? '').searchParams.get('code') ?? (c ? '' : '');
  };
  const cases: Case[] = [
    ['authorization_code', async (c) => ({ ...creds, grant_type: 'authorization_code', code: await code(c) }), 'token'],
    ['refresh_token', async (c) => ({ ...creds, grant_type: 'refresh_token', refresh_token: c.sim.issueTokens().refresh_token }), 'token'],
    ['used code', async (c) => {
      const k = await code(c);
      await post({ ...creds, grant_type: 'authorization_code', code: k });
      return { ...creds, grant_type: 'authorization_code', code: k };
    }, 'AuthorizationCodeInvalid'],
    ['stale code', async (c) => {
      const k = await code(c);
      c.sim.controls.advance(600);
      return { ...creds, grant_type: 'authorization_code', code: k };
    }, 'AuthorizationCodeStale'],
    ['spent refresh token', async (c) => {
      const r = c.sim.issueTokens().refresh_token;
      await post({ ...creds, grant_type: 'refresh_token', refresh_token: r });
      return { ...creds, grant_type: 'refresh_token', refresh_token: r };
    }, 'ProvidedTokenNotValidRefreshToken'],
    ['refresh not yet valid', async (c) => {
      c.sim.controls.setTokenLifetimes({ refreshReadySeconds: 60 });
      return { ...creds, grant_type: 'refresh_token', refresh_token: c.sim.issueTokens().refresh_token };
    }, 'RefreshTokenNotYetValid'],
    ['expired record', async (c) => {
      const r = c.sim.issueTokens().refresh_token;
      c.sim.controls.advance(7_776_001);
      return { ...creds, grant_type: 'refresh_token', refresh_token: r };
    }, 'AuthorizationRecordExpired'],
    ['revoked record', async (c) => {
      const r = c.sim.issueTokens().refresh_token;
      c.sim.controls.revokeAuthorization();
      return { ...creds, grant_type: 'refresh_token', refresh_token: r };
    }, 'AuthorizationRecordRevoked'],
    ['bad client secret', async () => ({ client_id: '40000', client_secret: 'wrong', grant_type: 'refresh_token', refresh_token: 'x' }), 'ClientIdOrSecretInvalid'],
    ['unsupported grant type', async () => ({ ...creds, grant_type: 'password' }), 'UnsupportedGrantType'],
  ];

  it.each(cases)('%s', async (_label, build, expected) => {
    const c = freshContext();
    server.resetHandlers(...c.sim.handlers);
    const res = await post(await build(c));
    const json = await res.json();
    if (expected === 'token') {
      expect(res.status).toBe(200);
      expect(token(json), describeErrors(token.errors)).toBe(true);
    } else {
      expect(res.status).toBe(400);
      expect(error(json), describeErrors(error.errors)).toBe(true);
      expect(json.error_description).toBe(expected);
    }
    tally.oauth++;
  });
});
