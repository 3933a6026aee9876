import { beforeAll, describe, expect, it } from 'vitest';
import { GET } from '@/app/api/inventory/route';
import { etagOf } from '@/lib/http/etag';
import type { InventoryView } from '@/lib/inventory/types';
import { unpackView } from '@/lib/inventory/view-wire';
import { answerDuringMaintenance, getRequest, signInPlayer, withAppStack, type TestPlayer } from '@/tests/support/app-harness';

// The inventory screen's refresh through its exported handler over the app's real stack: Prisma on
// PostgreSQL, the Postgres manifest store ingested from the simulator, and the simulator behind msw.
const stack = withAppStack({ ingestManifest: true });
let player: TestPlayer;
beforeAll(async () => {
  player = await signInPlayer(stack.sim);
});

const get = (init: { cookie?: string; ifNoneMatch?: string } = {}): Promise<Response> => GET(getRequest('/api/inventory', init));

const vaultTiles = (view: InventoryView) => view.vault.groups.flatMap((g) => g.sections.flatMap((s) => s.items)).filter((t) => t.location.kind === 'vault');

describe('GET /api/inventory', () => {
  it('answers 401 with a sentence when signed out', async () => {
    const response = await get();
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: unknown }).error).toEqual({ code: 'signed_out', message: 'Sign in with Bungie first.' });
  });

  it('answers every store with an ETag, 304 when unchanged, and the new item after a change', async () => {
    const first = await get({ cookie: player.cookie });
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]{22}"$/);
    const text = await first.text();
    const view = JSON.parse(text) as InventoryView;
    const world = stack.sim.world;
    expect(view.characters.map((c) => c.characterId).sort()).toEqual(world.characters.map((c) => c.characterId).sort());
    expect(vaultTiles(view)).toHaveLength(world.items.filter((i) => i.owner === 'vault' && i.bucketHash === 138197802).length);
    expect(text).not.toMatch(/access_token|refresh_token|Bearer/i);

    const unchanged = await get({ cookie: player.cookie, ifNoneMatch: etag! });
    expect(unchanged.status).toBe(304);
    expect(await unchanged.text()).toBe('');

    const known = world.items.find((i) => i.owner === 'vault' && i.itemInstanceId)!;
    const added = stack.sim.controls.addVaultItem(known.itemHash);
    try {
      const changed = await get({ cookie: player.cookie, ifNoneMatch: etag! });
      expect(changed.status).toBe(200);
      expect(changed.headers.get('etag')).not.toBe(etag);
      expect(vaultTiles((await changed.json()) as InventoryView).map((t) => t.instanceId)).toContain(added);
    } finally {
      stack.sim.controls.removeItem(added);
    }
  });

  it('answers the packed view to ?packed=1 (the page\'s refresh): the same view in a fraction of the bytes, with its own ETag and 304', async () => {
    const plain = await (await get({ cookie: player.cookie })).text();
    const packedAnswer = await GET(getRequest('/api/inventory?packed=1', { cookie: player.cookie }));
    expect(packedAnswer.status).toBe(200);
    const packed = await packedAnswer.text();
    expect(JSON.parse(packed)).toMatchObject({ $packed: 1 });
    expect(unpackView(JSON.parse(packed))).toStrictEqual(JSON.parse(plain));
    expect(packed.length).toBeLessThan(plain.length * 0.35);
    const etag = packedAnswer.headers.get('etag')!;
    expect(etag).not.toBe(etagOf(plain));
    expect((await GET(getRequest('/api/inventory?packed=1', { cookie: player.cookie, ifNoneMatch: etag }))).status).toBe(304);
  });

  it('says Bungie is down for maintenance with a 503 and a sentence', async () => {
    const answer = await answerDuringMaintenance(stack.sim, () => get({ cookie: player.cookie }));
    expect(answer.status).toBe(503);
    expect(answer.message).toMatch(/maintenance/);
  });
});
