import { NextRequest } from 'next/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig, resetConfigForTests } from '@/lib/config';
import { contentSecurityPolicy, newNonce, securityHeaderOptions, securityHeaders } from '@/lib/http/security-headers';
import { proxy } from '@/proxy';

const SIM = 'http://127.0.0.1:3100';
const bungieEnv = { BUNGIE_API_KEY: 'k', BUNGIE_CLIENT_ID: '123', BUNGIE_CLIENT_SECRET: 's' };

/** The CSP as a map of directive → sources. */
function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name!, sources]));
}

describe('the security headers', () => {
  it('demo (simulator, http, production build): a nonce CSP that allows the simulator’s images and Bungie’s, no HSTS', () => {
    const config = loadConfig({ NODE_ENV: 'production', AUTH_URL: 'http://localhost:3000', BUNGIE_SIMULATOR_URL: SIM });
    const headers = securityHeaders(securityHeaderOptions(config, 'bm9uY2U='));
    const csp = directives(headers['Content-Security-Policy']!);
    expect(csp.get('script-src')).toEqual(["'self'", "'nonce-bm9uY2U='", "'strict-dynamic'"]);
    expect(csp.get('style-src')).toEqual(["'self'", "'nonce-bm9uY2U='"]);
    expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'https://www.bungie.net', SIM]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    // The service worker (/serwist/sw.js) and the web app manifest, from this origin only.
    expect(csp.get('worker-src')).toEqual(["'self'"]);
    expect(csp.get('manifest-src')).toEqual(["'self'"]);
    expect(csp.get('form-action')).toEqual(["'self'", SIM]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'self'"]);
    expect(csp.has('upgrade-insecure-requests')).toBe(false);
    expect(headers['Content-Security-Policy']).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(headers['Strict-Transport-Security']).toBeUndefined();
    expect(headers).toMatchObject({ 'Referrer-Policy': 'strict-origin-when-cross-origin', 'X-Content-Type-Options': 'nosniff', 'X-Frame-Options': 'DENY' });
    expect(headers['Permissions-Policy']).toMatch(/camera=\(\)/);
  });

  it('production on https with bungie.net: HSTS, upgrade-insecure-requests, only bungie.net beside the app', () => {
    const config = loadConfig({ NODE_ENV: 'production', AUTH_URL: 'https://vault.example.org', ...bungieEnv });
    const headers = securityHeaders(securityHeaderOptions(config, 'abc'));
    const csp = directives(headers['Content-Security-Policy']!);
    expect(headers['Strict-Transport-Security']).toBe('max-age=63072000; includeSubDomains');
    expect(csp.has('upgrade-insecure-requests')).toBe(true);
    expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'https://www.bungie.net']);
    expect(csp.get('form-action')).toEqual(["'self'", 'https://www.bungie.net']);
  });

  it.each([
    ['production over plain http', { NODE_ENV: 'production', AUTH_URL: 'http://vault.lan:3000' }],
    ['development over https', { NODE_ENV: 'development', AUTH_URL: 'https://vault.example.org' }],
    ['test over https', { NODE_ENV: 'test', AUTH_URL: 'https://vault.example.org' }],
  ])('no HSTS in %s', (_name, env) => {
    const headers = securityHeaders(securityHeaderOptions(loadConfig({ ...env, ...bungieEnv }), 'abc'));
    expect(headers['Strict-Transport-Security']).toBeUndefined();
  });

  it('next dev: eval for React’s overlay and inline styles, still no framing', () => {
    const csp = directives(contentSecurityPolicy(securityHeaderOptions(loadConfig({ NODE_ENV: 'development', BUNGIE_SIMULATOR_URL: SIM }), 'n')));
    expect(csp.get('script-src')).toContain("'unsafe-eval'");
    expect(csp.get('style-src')).toContain("'unsafe-inline'");
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('a fresh 128-bit nonce each time', () => {
    const nonces = new Set(Array.from({ length: 50 }, newNonce));
    expect(nonces.size).toBe(50);
    for (const n of nonces) expect(Buffer.from(n, 'base64')).toHaveLength(16);
  });
});

describe('proxy', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    resetConfigForTests();
  });

  it('puts the headers on the response and the same CSP on the request (for Next’s nonce), replacing a client’s', async () => {
    vi.stubEnv('BUNGIE_SIMULATOR_URL', SIM);
    vi.stubEnv('AUTH_URL', 'http://localhost:3000');
    resetConfigForTests();
    const request = new NextRequest('http://localhost:3000/vault', { headers: { 'content-security-policy': "script-src 'nonce-attacker'" } });
    const first = await proxy(request);
    const second = await proxy(new NextRequest('http://localhost:3000/vault'));
    const csp = first.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'/);
    expect(csp).not.toContain('attacker');
    expect(second.headers.get('content-security-policy')).not.toBe(csp);
    // NextResponse.next({ request }) hands overridden request headers to Next as x-middleware-request-*.
    expect(first.headers.get('x-middleware-request-content-security-policy')).toBe(csp);
    expect(first.headers.get('x-frame-options')).toBe('DENY');
  });

  it.each([
    ['not JSON', 400, 'text/plain;charset=UTF-8', '{"__proto__":{"x":1}'],
    ['JSON, not an array', 400, 'text/plain;charset=UTF-8', '{"a":1}'],
    ['without a content type', 400, '', 'garbage'],
    ['over 1 MB', 413, 'text/plain;charset=UTF-8', `["${'x'.repeat(1_100_000)}"]`],
  ])('refuses a server-action call with arguments %s: %i JSON, with the headers', async (_name, status, type, body) => {
    vi.stubEnv('BUNGIE_SIMULATOR_URL', SIM);
    resetConfigForTests();
    const headers: Record<string, string> = { 'next-action': 'a'.repeat(42) };
    if (type) headers['content-type'] = type;
    const response = await proxy(new NextRequest('http://localhost:3000/', { method: 'POST', headers, body }));
    expect(response.status).toBe(status);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(status === 413 ? 'body_too_large' : 'malformed_action_call');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  });

  const form = (fields: Record<string, string>) => {
    const data = new FormData();
    for (const [k, v] of Object.entries(fields)) data.set(k, v);
    return data;
  };
  const actionCall = (body: BodyInit, type?: string) =>
    new NextRequest('http://localhost:3000/', { method: 'POST', headers: { 'next-action': 'a'.repeat(42), ...(type ? { 'content-type': type } : {}) }, body });

  it('refuses form data without React’s argument list (field "0")', async () => {
    vi.stubEnv('BUNGIE_SIMULATOR_URL', SIM);
    resetConfigForTests();
    expect((await proxy(actionCall(form({ '1_$ACTION_REF_1': '%%%' })))).status).toBe(400);
    expect((await proxy(actionCall(form({ 0: '{"not":"a list"}' })))).status).toBe(400);
  });

  const formPost = (body: BodyInit, headers: Record<string, string> = {}) => new NextRequest('http://localhost:3000/', { method: 'POST', headers, body });
  const urlEncoded = (fields: string, origin?: string) =>
    formPost(fields, { 'content-type': 'application/x-www-form-urlencoded', ...(origin ? { origin } : {}) });

  it.each([
    ['a multipart form naming an action', () => new NextRequest('http://localhost:3000/', { method: 'POST', headers: { origin: 'https://evil.example' }, body: form({ '$ACTION_ID_0123abcd': '' }) })],
    ['a url-encoded form naming an action', () => urlEncoded('%24ACTION_ID_0123abcd=', 'https://evil.example')],
    ['a bound action (no origin, Sec-Fetch-Site cross-site)', () => formPost(form({ '$ACTION_REF_1': '', '$ACTION_1:0': '{}' }), { 'sec-fetch-site': 'cross-site' })],
    ['a fetch-style call (Next-Action header)', () => new NextRequest('http://localhost:3000/', { method: 'POST', headers: { 'next-action': 'a'.repeat(42), origin: 'https://evil.example', 'content-type': 'text/plain' }, body: '[]' })],
  ])('refuses a cross-site server-action post — %s — with 403 and a sentence (issue 17)', async (_name, make) => {
    vi.stubEnv('BUNGIE_SIMULATOR_URL', SIM);
    resetConfigForTests();
    const response = await proxy(make());
    expect(response.status).toBe(403);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error).toEqual({ code: 'cross_site', message: 'This request came from another site and was refused.' });
  });

  it('refuses a form post naming an action over 1 MB with 413, before Next reads it', async () => {
    vi.stubEnv('BUNGIE_SIMULATOR_URL', SIM);
    resetConfigForTests();
    const response = await proxy(new NextRequest('http://localhost:3000/', { method: 'POST', body: form({ '$ACTION_ID_0123abcd': '', pad: 'x'.repeat(1_100_000) }) }));
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('body_too_large');
  });

  it.each([
    ['a same-site form naming an action', () => urlEncoded('%24ACTION_ID_0123abcd=', 'http://localhost:3000')],
    ['a cross-site form naming no action', () => urlEncoded('q=1', 'https://evil.example')],
    ['a post to an API route (it checks its own origin)', () => new NextRequest('http://localhost:3000/api/items/lock', { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' }, body: '%24ACTION_ID_1=' })],
  ])('lets %s through', async (_name, make) => {
    vi.stubEnv('BUNGIE_SIMULATOR_URL', SIM);
    resetConfigForTests();
    expect((await proxy(make())).headers.get('x-middleware-next')).toBe('1');
  });

  it.each([
    ['React’s encoded arguments (a JSON array)', () => actionCall('["$K1"]', 'text/plain;charset=UTF-8')],
    ['form data holding them', () => actionCall(form({ 0: '["$K1"]', '1_name': 'value' }))],
  ])('lets a server-action call with %s through to Next', async (_name, make) => {
    vi.stubEnv('BUNGIE_SIMULATOR_URL', SIM);
    resetConfigForTests();
    const response = await proxy(make());
    expect(response.headers.get('x-middleware-next')).toBe('1');
  });
});
