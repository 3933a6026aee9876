import { describe, expect, it } from 'vitest';
import { BUNGIE, useSimulator } from './sim-harness';

describe('Bungie simulator OAuth', () => {
  const harness = useSimulator({ redirectUrl: 'http://localhost:3000/api/auth/callback/bungie' });

  it('shows the Authorize page and redirects with a code and the same state', async () => {
    const { sim } = harness();
    const page = await fetch(`${BUNGIE}/en/OAuth/Authorize?client_id=40000&response_type=code&state=xyz`);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('Authorize Vault Raider');
    expect(html).toContain(`${sim.world.player.displayName}#${sim.world.player.displayNameCode}`);
    expect(html).toMatch(/<form method="post"[\s\S]*Approve/);
    const approve = await fetch(`${BUNGIE}/en/OAuth/Authorize`, { method: 'POST', redirect: 'manual', body: new URLSearchParams({ client_id: '40000', response_type: 'code', state: 'xyz' }) });
    expect(approve.status).toBe(302);
    const location = new URL(approve.headers.get('location') ?? '');
    expect(location.origin + location.pathname).toBe('http://localhost:3000/api/auth/callback/bungie');
    expect(location.searchParams.get('state')).toBe('xyz');
    expect(location.searchParams.get('code')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('answers an error page for an unknown client_id', async () => {
    harness();
    const page = await fetch(`${BUNGIE}/en/OAuth/Authorize?client_id=999&response_type=code&state=x`);
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('Invalid application');
  });

  it('exchanges a code once and rotates refresh tokens, refusing a spent one', async () => {
    const h = harness();
    const first = await h.signIn();
    expect(first).toMatchObject({ token_type: 'Bearer', expires_in: 3600, refresh_expires_in: 7_776_000, membership_id: h.sim.world.player.bungieMembershipId });
    const creds = { client_id: '40000', client_secret: 'vault-raider-demo-secret' };
    const second = await h.token({ grant_type: 'refresh_token', refresh_token: first.refresh_token, ...creds });
    expect(second.status).toBe(200);
    expect(second.body.refresh_token).not.toBe(first.refresh_token);
    expect(second.body.access_token).not.toBe(first.access_token);
    const reused = await h.token({ grant_type: 'refresh_token', refresh_token: first.refresh_token, ...creds });
    expect(reused).toEqual({ status: 400, body: { error: 'invalid_grant', error_description: 'ProvidedTokenNotValidRefreshToken' } });
    expect(h.sim.stats.tokenGrants).toEqual({ authorization_code: 1, refresh_token: 1 });
    expect(h.sim.stats.refreshes).toBe(1);
    expect(h.sim.stats.refusedGrants).toBe(1);
  });

  it('refuses a used code, a stale code and bad client credentials', async () => {
    const h = harness();
    const approve = async () => {
      const res = await fetch(`${BUNGIE}/en/OAuth/Authorize`, { method: 'POST', redirect: 'manual', body: new URLSearchParams({ client_id: '40000', response_type: 'code' }) });
      return new URL(res.headers.get('location') ?? '').searchParams.get('code') ?? '';
    };
    const basic = { Authorization: `Basic ${Buffer.from('40000:vault-raider-demo-secret').toString('base64')}` };
    const code = await approve();
    expect((await h.token({ grant_type: 'authorization_code', code }, basic)).status).toBe(200);
    expect((await h.token({ grant_type: 'authorization_code', code }, basic)).body.error_description).toBe('AuthorizationCodeInvalid');
    const stale = await approve();
    h.sim.controls.advance(301);
    expect((await h.token({ grant_type: 'authorization_code', code: stale }, basic)).body.error_description).toBe('AuthorizationCodeStale');
    const bad = await h.token({ grant_type: 'authorization_code', code: await approve(), client_id: '40000', client_secret: 'nope' });
    expect(bad).toEqual({ status: 400, body: { error: 'invalid_client', error_description: 'ClientIdOrSecretInvalid' } });
  });

  it('refuses refresh tokens that are not yet valid, expired or revoked', async () => {
    const h = harness();
    const creds = { client_id: '40000', client_secret: 'vault-raider-demo-secret', grant_type: 'refresh_token' };
    h.sim.controls.setTokenLifetimes({ refreshReadySeconds: 60, refreshSeconds: 600 });
    const t = await h.signIn();
    expect((await h.token({ ...creds, refresh_token: t.refresh_token })).body.error_description).toBe('RefreshTokenNotYetValid');
    h.sim.controls.advance(601);
    expect((await h.token({ ...creds, refresh_token: t.refresh_token })).body.error_description).toBe('AuthorizationRecordExpired');
    const fresh = await h.signIn();
    h.sim.controls.advance(61);
    h.sim.controls.revokeAuthorization();
    expect((await h.token({ ...creds, refresh_token: fresh.refresh_token })).body.error_description).toBe('AuthorizationRecordRevoked');
  });

  it('answers 401 with WebAuthRequired, AccessTokenHasExpired and AuthorizationRecordRevoked', async () => {
    const h = harness();
    const path = '/User/GetMembershipsForCurrentUser/';
    expect(await h.api(path)).toMatchObject({ status: 401, body: { ErrorCode: 99, ErrorStatus: 'WebAuthRequired' } });
    expect(await h.api(path, { token: 'garbage' })).toMatchObject({ status: 401, body: { ErrorCode: 99 } });
    h.sim.controls.setTokenLifetimes({ accessSeconds: 10 });
    const t = await h.signIn();
    expect((await h.api(path, { token: t.access_token })).body.ErrorCode).toBe(1);
    h.sim.controls.advance(11);
    expect(await h.api(path, { token: t.access_token })).toMatchObject({ status: 401, body: { ErrorCode: 2111, ErrorStatus: 'AccessTokenHasExpired' } });
    const again = await h.signIn();
    h.sim.controls.revokeAuthorization(h.sim.world.player.bungieMembershipId);
    expect(await h.api(path, { token: again.access_token })).toMatchObject({ status: 401, body: { ErrorCode: 2124 } });
  });
});
