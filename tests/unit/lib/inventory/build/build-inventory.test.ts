import { describe, expect, it } from 'vitest';
import { Bucket, Currency } from '@/dev/bungie-sim/constants';
import { ArmorStat } from '@/dev/bungie-sim/manifest/plug-definitions';
import { buildInventory, INVENTORY_COMPONENTS, inventoryNeeds } from '@/lib/inventory/build/build-inventory';
import type { InventoryView, ItemTile } from '@/lib/inventory/types';
import { ICON_ORIGIN, simProfile } from '../sim-profile';

const tilesOf = (view: InventoryView) => [
  ...view.vault.groups.flatMap((g) => g.sections.flatMap((s) => s.items)),
  ...view.stores.flatMap((c) => [...c.slots.flatMap((s) => s.items), ...c.postmaster.items]),
];

async function built(seed = 1) {
  const sim = simProfile(INVENTORY_COMPONENTS, seed);
  const answer = sim.profile();
  const needs = inventoryNeeds(answer);
  return { ...sim, answer, needs, view: buildInventory(answer, await sim.definitions(needs), { iconOrigin: ICON_ORIGIN }) };
}

describe('buildInventory (ONE simulated GetProfile 102, 103, 200, 201, 205, 300)', () => {
  it('shows every item of the world once, in the store that holds it', async () => {
    const { sim, view } = await built();
    const tiles = tilesOf(view);
    const instanced = sim.world.items.filter((i) => i.itemInstanceId);
    const byId = new Map<string, ItemTile>();
    for (const t of tiles) if (t.instanceId) {
      expect(byId.has(t.instanceId), `tile ${t.instanceId} shown twice`).toBe(false);
      byId.set(t.instanceId, t);
    }
    expect(byId.size).toBe(instanced.length);
    for (const item of instanced) {
      const tile = byId.get(item.itemInstanceId!)!;
      const owner = tile.location.kind === 'vault' ? 'vault' : tile.location.kind === 'account' ? 'profile' : tile.location.characterId;
      expect(owner, `item ${item.itemInstanceId}`).toBe(item.owner);
      expect(tile.equipped).toBe(item.equipped);
    }
    // Stacks too: the whole world, no more, no less.
    expect(tiles).toHaveLength(sim.world.items.length);
    expect(view.vault.count).toBe(sim.world.items.filter((i) => i.owner === 'vault').length);
    expect(view.vault.capacity).toBe(1300);
    expect(view.unknownHashes).toEqual([]);
  });

  it('gives each character a column with its slots bucket by bucket, equipped first, and the postmaster', async () => {
    const { sim, view } = await built();
    expect(view.stores.map((s) => s.character.characterId)).toEqual(view.characters.map((c) => c.characterId));
    expect(view.stores.map((s) => s.character.className).sort()).toEqual(['Hunter', 'Titan', 'Warlock']);
    const order = view.stores[0]!.slots.map((s) => s.bucketHash);
    for (const store of view.stores) {
      // The columns line up: the same slots, in the game's order, each character's own items in them.
      expect(store.slots.map((s) => s.bucketHash)).toEqual(order);
      for (const s of store.slots) for (const t of s.items) expect(t.location.characterId).toBe(store.character.characterId);
      const kinetic = store.slots.find((s) => s.bucketHash === Bucket.Kinetic)!;
      expect(kinetic).toMatchObject({ name: 'Kinetic Weapons', capacity: 10 });
      expect(kinetic.equipped?.equipped).toBe(true);
      expect(kinetic.items[0]).toBe(kinetic.equipped);
      const lost = sim.world.items.filter((i) => i.owner === store.character.characterId && i.bucketHash === Bucket.LostItems);
      expect(store.postmaster.items).toHaveLength(lost.length);
      expect(store.postmaster.capacity).toBe(21);
    }
    expect(order.slice(0, 2)).toEqual([Bucket.Subclass, Bucket.Kinetic]);
  });

  it('names the character stats from component 200 (Power left to the header) and the currencies from 103', async () => {
    const { answer, view } = await built();
    for (const store of view.stores) {
      const sent = answer.characters!.data![store.character.characterId]!.stats;
      expect(store.stats.map((s) => s.name)).toEqual(['Mobility', 'Resilience', 'Recovery', 'Discipline', 'Intellect', 'Strength']);
      for (const s of store.stats) expect(s.value).toBe(sent[s.statHash]);
      expect(store.stats.find((s) => s.statHash === ArmorStat.Mobility)?.iconUrl).toMatch(/^https:\/\/www\.bungie\.net\/.+\.png$/);
      expect(store.stats.some((s) => s.name === 'Power')).toBe(false);
    }
    const sent = answer.profileCurrencies!.data!.items;
    expect(view.currencies.map((c) => c.hash)).toEqual(sent.map((i) => i.itemHash));
    expect(view.currencies.find((c) => c.hash === Currency.Glimmer)).toMatchObject({ name: 'Glimmer', quantity: sent.find((i) => i.itemHash === Currency.Glimmer)!.quantity });
  });

  it('asks the definitions for every store at once: items, buckets, classes, races, stats and currencies', async () => {
    const { answer, needs } = await built();
    const everyItem = [
      ...answer.profileInventory!.data!.items,
      ...Object.values(answer.characterInventories!.data!).flatMap((c) => c.items),
      ...Object.values(answer.characterEquipment!.data!).flatMap((c) => c.items),
      ...answer.profileCurrencies!.data!.items,
    ].map((i) => i.itemHash);
    expect(new Set(needs.items)).toEqual(new Set(everyItem));
    expect(needs.items).toHaveLength(new Set(everyItem).size);
    expect(needs.classes).toHaveLength(3);
    expect(new Set(needs.stats)).toEqual(new Set(Object.values(ArmorStat)));
  });

  it('names an unknown currency and a missing stat definition instead of failing', async () => {
    const { answer, definitions } = await built();
    const first = Object.keys(answer.characters!.data!)[0]!;
    answer.characters!.data![first]!.stats[123456] = 7;
    answer.profileCurrencies!.data!.items.push({ ...answer.profileCurrencies!.data!.items[0]!, itemHash: 4242, quantity: 3 });
    const view = buildInventory(answer, await definitions(inventoryNeeds(answer)), { iconOrigin: ICON_ORIGIN });
    expect(view.stores.find((s) => s.character.characterId === first)!.stats.find((s) => s.statHash === 123456)).toEqual({ statHash: 123456, name: 'Stat 123456', iconUrl: null, value: 7 });
    expect(view.currencies.at(-1)).toEqual({ hash: 4242, name: 'Unknown currency 4242', iconUrl: null, quantity: 3 });
  });
});
