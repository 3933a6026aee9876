import { http, HttpResponse } from 'msw';
import { exchangeCode, issueCode, refreshTokens, type OAuthFailure } from '../auth';
import type { SimCore } from '../core';
import { applyFailureSwitches, count } from './platform';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function page(title: string, body: string, status = 200): Response {
  const html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${title}</title>
<style>body{font-family:sans-serif;background:#111;color:#eee;display:grid;place-items:center;min-height:90vh}main{max-width:28rem;padding:2rem;background:#222;border-radius:8px}button{font-size:1.1rem;padding:.6rem 1.4rem}</style>
</head><body><main>${body}</main></body></html>`;
  return new HttpResponse(html, { status, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}

/** Answers the OAuth pages and the token endpoint; the demo player approves with one click. */
export function oauthHandlers(core: SimCore) {
  const authorizePage = async ({ request }: { request: Request }) => {
    count(core, 'Authorize');
    const url = new URL(request.url);
    const form = request.method === 'POST' ? new URLSearchParams(await request.text()) : url.searchParams;
    const clientId = form.get('client_id') ?? '';
    const state = form.get('state') ?? '';
    if (clientId !== core.options.clientId) {
      return page('Error', `<h1>Invalid application</h1><p>No application is registered with client_id "${escapeHtml(clientId)}".</p>`, 400);
    }
    if (form.get('response_type') !== 'code') return page('Error', '<h1>Invalid request</h1><p>response_type must be "code".</p>', 400);
    const player = core.state.world.player;
    const approveAs = core.state.controls.approveAs;
    if (request.method === 'POST') {
      const code = issueCode(core.state.auth, approveAs ?? player.bungieMembershipId, core.now().getTime(), core.state.controls.lifetimes);
      const target = new URL(core.options.redirectUrl);
      target.searchParams.set('code', code);
      if (state) target.searchParams.set('state', state);
      return new HttpResponse(null, { status: 302, headers: { Location: target.toString() } });
    }
    const hidden = (name: string, value: string) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
    return page('Authorize Vault Raider', `<h1>Authorize Vault Raider</h1>
<p>Signed in as <strong>${approveAs ? `another account (${escapeHtml(approveAs)})` : `${escapeHtml(player.displayName)}#${player.displayNameCode}`}</strong> (Bungie simulator).</p>
<p>Vault Raider wants to read your Destiny inventory and move, equip and lock your items.</p>
<form method="post" action="${escapeHtml(url.pathname)}">${hidden('client_id', clientId)}${hidden('response_type', 'code')}${hidden('state', state)}
<button type="submit" name="approve" value="1">Approve</button></form>`);
  };

  const oauthError = (failure: OAuthFailure) => {
    core.state.stats.refusedGrants++;
    return HttpResponse.json(failure, { status: 400 });
  };

  const token = async ({ request }: { request: Request }) => {
    count(core, 'OAuthToken');
    const failed = await applyFailureSwitches(core);
    if (failed) return failed;
    const form = new URLSearchParams(await request.text());
    let clientId = form.get('client_id');
    let secret = form.get('client_secret');
    const basic = request.headers.get('authorization')?.match(/^Basic\s+(\S+)$/i)?.[1];
    if (basic) {
      const [id, ...rest] = Buffer.from(basic, 'base64').toString('utf8').split(':');
      clientId = decodeURIComponent(id ?? '');
      secret = decodeURIComponent(rest.join(':'));
    }
    if (clientId !== core.options.clientId || secret !== core.options.clientSecret) {
      return oauthError({ error: 'invalid_client', error_description: 'ClientIdOrSecretInvalid' });
    }
    const now = core.now().getTime();
    const life = core.state.controls.lifetimes;
    const grantType = form.get('grant_type');
    let result;
    if (grantType === 'authorization_code') result = exchangeCode(core.state.auth, form.get('code') ?? '', now, life);
    else if (grantType === 'refresh_token') result = refreshTokens(core.state.auth, form.get('refresh_token') ?? '', now, life);
    else return oauthError({ error: 'unsupported_grant_type', error_description: 'UnsupportedGrantType' });
    if ('error' in result) return oauthError(result);
    core.state.stats.tokenGrants[grantType]++;
    if (grantType === 'refresh_token') core.state.stats.refreshes++;
    return HttpResponse.json(result, { headers: { 'Cache-Control': 'no-store' } });
  };

  return [
    http.get('*/en/OAuth/Authorize', authorizePage),
    http.post('*/en/OAuth/Authorize', authorizePage),
    http.get('*/en/OAuth/Authorize/', authorizePage),
    http.post('*/en/OAuth/Authorize/', authorizePage),
    http.post('*/Platform/App/OAuth/token/', token),
  ];
}
