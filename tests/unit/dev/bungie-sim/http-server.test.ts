import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimServer, type SimServer } from '@/dev/bungie-sim/http-server';
import { createBungieSim } from '@/dev/bungie-sim/index';

describe('Bungie simulator over HTTP', () => {
  const sim = createBungieSim({ redirectUrl: 'http://localhost:3000/cb' });
  let server: SimServer;
  beforeAll(async () => {
    server = await startSimServer({ sim, port: 0 });
  });
  afterAll(() => server.close());

  it('listens on a free port of 127.0.0.1', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.url.endsWith(':0')).toBe(false);
  });

  it('runs the OAuth dance and a signed-in call through the same handlers', async () => {
    const page = await fetch(`${server.url}/en/OAuth/Authorize?client_id=40000&response_type=code&state=st`);
    expect(await page.text()).toContain('Authorize Vault Raider');
    const approve = await fetch(`${server.url}/en/OAuth/Authorize`, { method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'client_id=40000&response_type=code&state=st' });
    expect(approve.status).toBe(302);
    const location = new URL(approve.headers.get('location') ?? '');
    expect(location.pathname).toBe('/cb');
    const tokenRes = await fetch(`${server.url}/Platform/App/OAuth/token/`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: `grant_type=authorization_code&code=${location.searchParams.get('code')}&client_id=40000&client_secret=vault-raider-demo-secret` });
    const token = await tokenRes.json();
    expect(token.token_type).toBe('Bearer');
    const me = await fetch(`${server.url}/Platform/User/GetMembershipsForCurrentUser/`, { headers: { 'X-API-Key': 'k', Authorization: `Bearer ${token.access_token}` } });
    expect((await me.json()).Response.bungieNetUser.membershipId).toBe(sim.world.player.bungieMembershipId);
  });

  it('serves binary content, admin endpoints and a 404 for unknown paths', async () => {
    const manifest = (await (await fetch(`${server.url}/Platform/Destiny2/Manifest/`, { headers: { 'X-API-Key': 'k' } })).json()).Response;
    const zip = new Uint8Array(await (await fetch(`${server.url}${manifest.mobileWorldContentPaths.en}`)).arrayBuffer());
    expect([...zip.slice(0, 2)]).toEqual([0x50, 0x4b]);
    const control = await fetch(`${server.url}/__sim/control`, { method: 'POST', body: JSON.stringify({ maintenance: true }) });
    expect(control.status).toBe(200);
    expect((await fetch(`${server.url}/Platform/Destiny2/Manifest/`, { headers: { 'X-API-Key': 'k' } })).status).toBe(503);
    const stats = await (await fetch(`${server.url}/__sim/stats`)).json();
    expect(stats.byEndpoint.GetManifest).toBe(2);
    expect((await fetch(`${server.url}/nothing/here`)).status).toBe(404);
  });
});

describe('dev/bungie-sim/main.ts', () => {
  it('starts from the environment, prints one line with its URL and replays recorded files', async () => {
    const root = path.join(import.meta.dirname, '../../../..');
    const fixtures = path.join(root, 'tests/fixtures/bungie');
    const child = spawn(process.execPath, ['--import', 'tsx', 'dev/bungie-sim/main.ts'], {
      cwd: root,
      env: { ...process.env, BUNGIE_SIM_PORT: '0', BUNGIE_SIM_REDIRECT_URL: 'http://localhost:4000/cb', BUNGIE_SIM_VENDORS: path.join(fixtures, 'vendors-recorded.json'), BUNGIE_SIM_DEFINITIONS: path.join(fixtures, 'definitions') },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once('line', resolve);
        child.once('exit', (code) => reject(new Error(`main.ts exited with ${code}`)));
      });
      const url = line.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/)?.[1];
      expect(url, line).toBeDefined();
      expect(line).toContain('replaying vendors, definitions');
      const approve = await fetch(`${url}/en/OAuth/Authorize`, { method: 'POST', redirect: 'manual', body: new URLSearchParams({ client_id: '40000', response_type: 'code' }) });
      expect(approve.headers.get('location')).toMatch(/^http:\/\/localhost:4000\/cb\?code=/);
    } finally {
      child.kill('SIGTERM');
    }
  }, 30_000);
});
