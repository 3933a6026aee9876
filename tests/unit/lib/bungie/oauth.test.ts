import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { BungieOAuthError, BungieUnavailableError } from '@/lib/bungie/errors';
import { readTokenAnswer, refreshBungieTokens } from '@/lib/bungie/oauth';
import { resetConfigForTests } from '@/lib/config';

const NOW = 1_800_000_000;
const answer = { access_token: 'CKv-access', token_type: 'Bearer', expires_in: 3600, refresh_token: 'CKr-refresh', refresh_expires_in: 7_776_000, membership_id: '24526922' };

describe('readTokenAnswer', () => {
  it('turns lifetimes into absolute times', () => {
    expect(readTokenAnswer(answer, NOW)).toEqual({
      accessToken: 'CKv-access',
      accessExpiresAt: NOW + 3600,
      refreshToken: 'CKr-refresh',
      refreshExpiresAt: NOW + 7_776_000,
      membershipId: '24526922',
    });
  });

  it('keeps a numeric membership id as text and tolerates a missing one', () => {
    expect(readTokenAnswer({ ...answer, membership_id: 24526922 }, NOW).membershipId).toBe('24526922');
    expect(readTokenAnswer({ ...answer, membership_id: undefined }, NOW).membershipId).toBe('');
  });

  it.each(['access_token', 'refresh_token', 'expires_in', 'refresh_expires_in'] as const)('refuses an answer without a usable %s as "Bungie unavailable"', (field) => {
    // Malformed is Bungie's fault, not a refusal: it must not end the player's session.
    for (const bad of [undefined, null, field.endsWith('_in') ? '3600' : 42]) {
      expect(() => readTokenAnswer({ ...answer, [field]: bad }, NOW)).toThrow(BungieUnavailableError);
    }
  });
});

describe('refreshBungieTokens: which answers end the session', () => {
  const server = setupServer();
  const TOKEN_URL = 'http://bungie.sim.test/Platform/App/OAuth/token/';
  beforeAll(() => {
    vi.stubEnv('BUNGIE_SIMULATOR_URL', 'http://bungie.sim.test');
    resetConfigForTests();
    server.listen({ onUnhandledRequest: 'error' });
  });
  afterEach(() => server.resetHandlers());
  afterAll(() => {
    server.close();
    vi.unstubAllEnvs();
    resetConfigForTests();
  });

  it('an OAuth refusal (400 invalid_grant) is a BungieOAuthError', async () => {
    server.use(http.post(TOKEN_URL, () => HttpResponse.json({ error: 'invalid_grant', error_description: 'AuthorizationRecordRevoked' }, { status: 400 })));
    await expect(refreshBungieTokens('r')).rejects.toBeInstanceOf(BungieOAuthError);
  });

  it.each([
    ['a 429 throttle envelope', () => HttpResponse.json({ ErrorCode: 36, ErrorStatus: 'ThrottleLimitExceededMomentarily', ThrottleSeconds: 10 }, { status: 429 })],
    ['a 429 with an OAuth-shaped body', () => HttpResponse.json({ error: 'slow_down' }, { status: 429 })],
    ['a 503 maintenance envelope', () => HttpResponse.json({ ErrorCode: 5, ErrorStatus: 'SystemDisabled' }, { status: 503 })],
    ['a 200 JSON null', () => HttpResponse.json(null)],
    // Our own credentials are wrong: a setup mistake, which must not sign every player out.
    ['a 401 invalid_client', () => HttpResponse.json({ error: 'invalid_client', error_description: 'ClientIdOrSecretInvalid' }, { status: 401 })],
    ['a 400 invalid_request', () => HttpResponse.json({ error: 'invalid_request' }, { status: 400 })],
  ])('%s is BungieUnavailableError, not a refusal', async (_name, reply) => {
    server.use(http.post(TOKEN_URL, reply));
    await expect(refreshBungieTokens('r')).rejects.toBeInstanceOf(BungieUnavailableError);
  });

  it('a success answer becomes a token set', async () => {
    server.use(http.post(TOKEN_URL, () => HttpResponse.json(answer)));
    await expect(refreshBungieTokens('r')).resolves.toMatchObject({ accessToken: 'CKv-access', refreshToken: 'CKr-refresh' });
  });
});
