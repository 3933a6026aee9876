import { describe, expect, it } from 'vitest';
import { BUNGIE, useSimulator } from './sim-harness';

describe('Bungie simulator switches', () => {
  const harness = useSimulator();

  it('delays answers by the latency', async () => {
    const h = harness();
    h.sim.controls.setLatency(120);
    const start = performance.now();
    await h.api('/Destiny2/Manifest/');
    expect(performance.now() - start).toBeGreaterThanOrEqual(110);
  });

  it('throttles with a throttle code and ThrottleSeconds', async () => {
    const h = harness();
    h.sim.controls.setThrottled(true);
    expect(await h.api('/Destiny2/Manifest/')).toMatchObject({ status: 429, body: { ErrorCode: 36, ErrorStatus: 'ThrottleLimitExceededMomentarily', ThrottleSeconds: 10 } });
    h.sim.controls.setThrottled(true, { code: 'PerApplicationThrottleExceeded', seconds: 3 });
    expect((await h.api('/Destiny2/Manifest/')).body).toMatchObject({ ErrorCode: 54, ThrottleSeconds: 3 });
    h.sim.controls.setThrottled(false);
    expect((await h.api('/Destiny2/Manifest/')).status).toBe(200);
  });

  it('answers maintenance with SystemDisabled and HTTP 503', async () => {
    const h = harness();
    h.sim.controls.setMaintenance(true);
    expect(await h.api('/Destiny2/Manifest/')).toMatchObject({ status: 503, body: { ErrorCode: 5, ErrorStatus: 'SystemDisabled' } });
  });

  it('fails the next n calls with HTTP 500, then recovers', async () => {
    const h = harness();
    h.sim.controls.failNext(2);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await h.api('/Destiny2/Manifest/')).status);
    expect(statuses).toEqual([500, 500, 200]);
  });

  it('answers an HTML page during an outage, on the token endpoint too', async () => {
    const h = harness();
    h.sim.controls.setOutage(true);
    const res = await fetch(`${BUNGIE}/Platform/Destiny2/Manifest/`, { headers: { 'X-API-Key': 'k' } });
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain('<html>');
    const token = await fetch(`${BUNGIE}/Platform/App/OAuth/token/`, { method: 'POST', body: 'grant_type=refresh_token' });
    expect(token.headers.get('content-type')).toContain('text/html');
  });

  it('counts every endpoint, applies JSON control patches and resets', async () => {
    const h = harness();
    await h.signIn();
    await h.api('/Destiny2/Manifest/');
    expect(h.sim.stats.byEndpoint).toMatchObject({ Authorize: 1, OAuthToken: 1, GetManifest: 1 });
    const character = h.sim.world.characters[1]?.characterId;
    const patch = await fetch(`${BUNGIE}/__sim/control`, { method: 'POST', body: JSON.stringify({ maintenance: true, now: '2026-01-02T03:04:05Z', characterLocation: { characterId: character, location: 'activity' }, publishManifest: true }) });
    const body = await patch.json();
    expect(patch.status).toBe(200);
    expect(body.manifest.version).toBe(h.sim.manifest.version);
    expect(body.state.now).toBe('2026-01-02T03:04:05.000Z');
    expect(h.sim.world.characters[1]?.location).toBe('activity');
    expect((await h.api('/Destiny2/Manifest/')).body.ErrorCode).toBe(5);
    const stats = await (await fetch(`${BUNGIE}/__sim/stats`)).json();
    expect(stats.errorStatus).toMatchObject({ Success: 1, SystemDisabled: 1 });
    expect((await fetch(`${BUNGIE}/__sim/control`, { method: 'POST', body: JSON.stringify({ latencyMs: -1 }) })).status).toBe(400);
    await fetch(`${BUNGIE}/__sim/reset`, { method: 'POST' });
    expect(h.sim.stats.total).toBe(0);
    expect((await h.api('/Destiny2/Manifest/')).body.ErrorCode).toBe(1);
    expect(h.sim.world.characters[1]?.location).toBe('orbit');
  });

  it('is deterministic for a seed', async () => {
    const h = harness();
    const { createBungieSim } = await import('@/dev/bungie-sim/index');
    const again = createBungieSim({ now: '2026-11-25T12:00:00Z' });
    expect(again.world.items.map((i) => i.itemInstanceId)).toEqual(h.sim.world.items.map((i) => i.itemInstanceId));
    expect(again.manifest.version).toBe(h.sim.manifest.version);
    expect(createBungieSim({ seed: 2 }).world.items[0]?.itemInstanceId).not.toBe(h.sim.world.items[0]?.itemInstanceId);
  });
});
