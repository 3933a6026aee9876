import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GET } from '@/app/api/items/[instanceId]/route';
import type { SimItem } from '@/dev/bungie-sim';
import type { SimItemDefinition } from '@/dev/bungie-sim/manifest/item-generator';
import { itemDetails } from '@/dev/bungie-sim/world/item-details';
import { forgetKnownItems } from '@/lib/inventory/known-items';
import type { ItemDetail } from '@/lib/inventory/types';
import { APP_ORIGIN, refusalOf, signInPlayer, withAppStack, type TestPlayer } from '@/tests/support/app-harness';

// The item detail route through its exported handler over the app's real stack (PostgreSQL, the
// Postgres manifest store ingested from the simulator, the simulator behind msw). The simulator's
// own roll of an item is the oracle the answer is compared with.
const stack = withAppStack({ ingestManifest: true });
let player: TestPlayer;
beforeAll(async () => {
  player = await signInPlayer(stack.sim);
});
beforeEach(() => forgetKnownItems());

const calls = (endpoint: string) => stack.sim.stats.byEndpoint[endpoint] ?? 0;
const table = (name: string) => stack.sim.manifest.tables.get(name)!;
const nameOf = (tableName: string, hash: number) => (table(tableName).get(hash) as { displayProperties: { name: string } }).displayProperties.name;

function get(instanceId: string, cookie: string | null = player.cookie): Promise<Response> {
  return GET(new Request(`${APP_ORIGIN}/api/items/${instanceId}`, { headers: cookie ? { cookie } : {} }), { params: Promise.resolve({ instanceId }) });
}

function find(pred: (i: SimItem, def: SimItemDefinition) => boolean): SimItem {
  const item = stack.sim.world.items.find((i) => i.itemInstanceId && pred(i, table('DestinyInventoryItemDefinition').get(i.itemHash) as SimItemDefinition));
  if (!item) throw new Error('the simulated world lacks such an item');
  return item;
}
const oracle = (item: SimItem) => itemDetails(item, table('DestinyInventoryItemDefinition').get(item.itemHash) as SimItemDefinition);

describe('GET /api/items/[instanceId]', () => {
  it("answers a vault weapon's stats in the game's order and its perks, the rolled ones marked: one GetProfile (unknown to this process), one GetItem", async () => {
    const weapon = find((i, d) => i.owner === 'vault' && d?.itemType === 3 && d.itemSubType !== 10 && d.itemSubType !== 18);
    const [profiles, items] = [calls('GetProfile'), calls('GetItem')];
    const response = await get(weapon.itemInstanceId!);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('private, max-age=60');
    const text = await response.text();
    // A view model, never Bungie's JSON.
    expect(text).not.toMatch(/"Response"|plugHash|reusablePlugs|isVisible/);
    const detail = JSON.parse(text) as ItemDetail;
    expect([calls('GetProfile') - profiles, calls('GetItem') - items]).toEqual([1, 1]);

    const sim = oracle(weapon);
    const names = detail.stats.map((s) => s.name);
    expect(names.slice(0, 5)).toEqual(['Impact', 'Range', 'Stability', 'Handling', 'Reload Speed']);
    expect(names).not.toContain('Inventory Size');
    expect(names).not.toContain('Power');
    for (const s of detail.stats) expect(s.value, s.name).toBe(sim.stats[s.statHash]!.value);
    expect(detail.stats.find((s) => s.name === 'Impact')?.max).toBe(100);
    expect(detail.stats.find((s) => s.name === 'Magazine')?.max ?? null).toBeNull();
    // Bars first, then the numbers the game shows as numbers.
    const firstNumber = detail.stats.findIndex((s) => s.max === null);
    expect(detail.stats.slice(firstNumber).every((s) => s.max === null)).toBe(true);

    // Frame, barrel, magazine, two traits and a masterwork; the hidden empty socket is left out.
    expect(detail.sockets.map((s) => s.label)).toEqual(['Intrinsic', 'Barrel', 'Magazine', 'Trait', 'Trait', 'Masterwork']);
    detail.sockets.forEach((socket) => {
      const active = socket.plugs.filter((p) => p.active);
      expect(active).toHaveLength(1);
      expect(active[0]!.name).toBe(nameOf('DestinyInventoryItemDefinition', sim.sockets[socket.index]!.plugHash!));
      const choices = sim.reusablePlugs[socket.index]?.map((p) => nameOf('DestinyInventoryItemDefinition', p.plugItemHash));
      expect(socket.plugs.map((p) => p.name)).toEqual(choices ?? [active[0]!.name]);
      expect(active[0]!.iconUrl).toMatch(/^http:\/\/bungie\.sim\.test\/common\/destiny2_content\/icons\/plug_\d+\.png$/);
      // What the perk does, from its definition, for the sheet's tap-to-explain.
      expect(active[0]!.description).toBe(`${active[0]!.name}: a simulated ${socket.label.toLowerCase()}.`);
    });
    expect(detail.sockets.some((s) => s.plugs.length > 1)).toBe(true);

    // The ids of the profile just read are known now: the next sheet costs GetItem alone.
    const again = await get(weapon.itemInstanceId!);
    expect(again.status).toBe(200);
    expect([calls('GetProfile') - profiles, calls('GetItem') - items]).toEqual([1, 2]);
  });

  it("answers an equipped armour piece's six stats as bars out of 42, and its mods", async () => {
    const armour = find((i, d) => i.equipped && d?.itemType === 2 && i.plugHashes.length > 0);
    const detail = (await (await get(armour.itemInstanceId!)).json()) as ItemDetail;
    expect(detail.stats.map((s) => [s.name, s.max])).toEqual(['Mobility', 'Resilience', 'Recovery', 'Discipline', 'Intellect', 'Strength'].map((n) => [n, 42]));
    // A masterworked piece holds the masterwork (+2 to each stat), another the empty socket.
    expect(detail.sockets.at(-1)?.plugs.map((p) => p.name)).toEqual([armour.masterwork ? 'Armor Masterwork' : 'Empty Masterwork Socket']);
    expect(detail.sockets[0]!.plugs[0]!.name).toBe(nameOf('DestinyInventoryItemDefinition', armour.plugHashes[0]!));
  });

  it("answers 404 for an id that is not the player's, and never asks GetItem", async () => {
    const items = calls('GetItem');
    for (const id of ['6917529000000000001', '4611686018999999999']) {
      expect(await refusalOf(await get(id))).toMatchObject({ status: 404, code: 'unknown_item' });
    }
    expect(calls('GetItem')).toBe(items);
  });

  it('answers 400 for an id that cannot be one, without asking Bungie', async () => {
    const before = stack.sim.stats.total;
    for (const id of ['abc', '1'.repeat(21), '-5']) expect(await refusalOf(await get(id))).toMatchObject({ status: 400, code: 'invalid_item_id' });
    expect(stack.sim.stats.total).toBe(before);
  });

  it('answers 401 signed out or with a forged cookie', async () => {
    const id = find((i) => i.owner === 'vault').itemInstanceId!;
    expect(await refusalOf(await get(id, null))).toMatchObject({ status: 401, code: 'signed_out' });
    expect(await refusalOf(await get(id, 'authjs.session-token=forged'))).toMatchObject({ status: 401, code: 'signed_out' });
  });

  it('says Bungie is down for maintenance with a 503 and a sentence for the player', async () => {
    const id = find((i) => i.owner === 'vault').itemInstanceId!;
    // Known to this process first, so the maintenance answer comes from GetItem itself.
    expect((await get(id)).status).toBe(200);
    stack.sim.controls.setMaintenance(true);
    try {
      const error = await refusalOf(await get(id));
      expect(error).toEqual({ status: 503, code: 'bungie_maintenance', message: 'Bungie.net is down for maintenance. Try again once it is back.' });
    } finally {
      stack.sim.controls.setMaintenance(false);
    }
  });

  it('answers 404 with a sentence when the item was dismantled since the page was read', async () => {
    const item = find((i) => i.owner === 'vault');
    expect((await get(item.itemInstanceId!)).status).toBe(200);
    stack.sim.controls.removeItem(item.itemInstanceId!);
    expect(await refusalOf(await get(item.itemInstanceId!))).toMatchObject({ status: 404, code: 'item_gone' });
  });
});
