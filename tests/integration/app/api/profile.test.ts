import { beforeAll, describe, expect, it } from 'vitest';
import { GET } from '@/app/api/profile/route';
import type { VaultView } from '@/lib/inventory/types';
import { unpackView } from '@/lib/inventory/view-wire';
import { answerDuringMaintenance, getRequest, signInPlayer, withAppStack, type TestPlayer } from '@/tests/support/app-harness';

// The route through its exported handler over the app's real stack: Prisma on PostgreSQL, the
// Postgres manifest store ingested from the simulator, and the simulator behind msw.
const stack = withAppStack({ ingestManifest: true });
let player: TestPlayer;
beforeAll(async () => {
  player = await signInPlayer(stack.sim);
});

const get = (init: { cookie?: string; ifNoneMatch?: string } = {}): Promise<Response> => GET(getRequest('/api/profile', init));

describe('GET /api/profile', () => {
  it('answers 401 with a sentence when signed out, never a token', async () => {
    const response = await get();
    expect(response.status).toBe(401);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error).toEqual({ code: 'signed_out', message: 'Sign in with Bungie first.' });
    expect((await get({ cookie: 'authjs.session-token=forged' })).status).toBe(401);
  });

  it('answers the vault view with an ETag, 304 when unchanged, and a new ETag after a change', async () => {
    const first = await get({ cookie: player.cookie });
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    expect(first.headers.get('content-type')).toMatch(/^application\/json/);
    // Made from Bungie's answer (lib/inventory/profile-etag.ts), not from the body.
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"p[\w-]{22}"$/);
    const text = await first.text();
    const view = JSON.parse(text) as VaultView;
    expect(view.count).toBe(stack.sim.world.items.filter((i) => i.owner === 'vault').length);
    // Nothing secret travels with the view.
    expect(text).not.toMatch(/access_token|refresh_token|Bearer/i);

    const unchanged = await get({ cookie: player.cookie, ifNoneMatch: etag! });
    expect(unchanged.status).toBe(304);
    expect(await unchanged.text()).toBe('');
    expect(unchanged.headers.get('etag')).toBe(etag);

    // The player moves something in game: a new item lands in the vault.
    const known = stack.sim.world.items.find((i) => i.owner === 'vault' && i.itemInstanceId)!;
    const added = stack.sim.controls.addVaultItem(known.itemHash);
    const changed = await get({ cookie: player.cookie, ifNoneMatch: etag! });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(((await changed.json()) as VaultView).count).toBe(view.count + 1);
    stack.sim.controls.removeItem(added);
  });

  it('answers the packed view to ?packed=1 (the page\'s refresh): the same view in a fraction of the bytes, 304 when unchanged', async () => {
    const plain = await get({ cookie: player.cookie });
    const packedAnswer = await GET(getRequest('/api/profile?packed=1', { cookie: player.cookie }));
    expect(packedAnswer.status).toBe(200);
    // The ETag names Bungie's answer, whichever form the body takes: each URL is cached apart.
    const etag = packedAnswer.headers.get('etag')!;
    expect(etag).toBe(plain.headers.get('etag'));
    const [plainText, packed] = [await plain.text(), await packedAnswer.text()];
    expect(JSON.parse(packed)).toMatchObject({ $packed: 1 });
    expect(unpackView(JSON.parse(packed))).toStrictEqual(JSON.parse(plainText));
    expect(packed.length).toBeLessThan(plainText.length * 0.35);
    expect((await GET(getRequest('/api/profile?packed=1', { cookie: player.cookie, ifNoneMatch: etag }))).status).toBe(304);
  });

  it('says Bungie is down for maintenance with a 503 and a sentence', async () => {
    const answer = await answerDuringMaintenance(stack.sim, () => get({ cookie: player.cookie }));
    expect(answer.status).toBe(503);
    expect(answer.message).toMatch(/maintenance/);
  });
});
