import { describe, expect, it } from 'vitest';
import { Bucket } from '@/dev/bungie-sim/constants';
import { buildVault, VAULT_COMPONENTS, vaultNeeds } from '@/lib/inventory/build/build-vault';
import type { ItemTile } from '@/lib/inventory/types';
import { ICON_ORIGIN, simProfile } from '../sim-profile';

const allTiles = (view: ReturnType<typeof buildVault>, group?: string): ItemTile[] =>
  view.groups.filter((g) => !group || g.id === group).flatMap((g) => g.sections.flatMap((s) => s.items));

describe('buildVault (simulated GetProfile 102, 200, 300)', () => {
  it('shows every vault item once, in the group its definition says, split by slot', async () => {
    const { sim, profile, definitions } = simProfile(VAULT_COMPONENTS);
    const answer = profile();
    const view = buildVault(answer, await definitions(vaultNeeds(answer)), { iconOrigin: ICON_ORIGIN });
    const vaultItems = sim.world.items.filter((i) => i.owner === 'vault');
    expect(view.count).toBe(vaultItems.length);
    // The General bucket's capacity from Bungie's bucket table; account-wide stacks are not counted.
    expect(view.capacity).toBe(1300);
    expect(allTiles(view, 'account').length).toBeGreaterThan(50);
    const defs = sim.manifest.tables.get('DestinyInventoryItemDefinition')!;
    for (const item of vaultItems) {
      const def = defs.get(item.itemHash) as { itemType: number; inventory: { bucketTypeHash: number } };
      const group = def.itemType === 3 ? 'weapons' : def.itemType === 2 ? 'armor' : 'general';
      const section = view.groups.find((g) => g.id === group)?.sections.find((s) => s.bucketHash === def.inventory.bucketTypeHash);
      const found = item.itemInstanceId ? section?.items.filter((t) => t.instanceId === item.itemInstanceId) : section?.items.filter((t) => t.hash === item.itemHash && !t.instanceId);
      expect(found?.length, `item ${item.itemHash} in ${group}`).toBeGreaterThan(0);
    }
    expect(allTiles(view).filter((t) => t.location.kind === 'vault')).toHaveLength(vaultItems.length);
    // Section names come from the bucket definitions, in the game's order.
    expect(view.groups.find((g) => g.id === 'weapons')?.sections.map((s) => s.name)).toEqual(['Kinetic Weapons', 'Energy Weapons', 'Power Weapons']);
    expect(view.groups.map((g) => g.id)).toEqual(['weapons', 'armor', 'general', 'account']);
    expect(view.unknownHashes).toEqual([]);
    expect(view.characters).toHaveLength(3);
  });

  it('fills tiles from definitions and instances', async () => {
    const { sim, profile, definitions } = simProfile(VAULT_COMPONENTS);
    const answer = profile();
    const view = buildVault(answer, await definitions(vaultNeeds(answer)), { iconOrigin: ICON_ORIGIN });
    const weapon = sim.world.items.find((i) => i.owner === 'vault' && i.damageType > 0 && i.locked)!;
    const tile = allTiles(view, 'weapons').find((t) => t.instanceId === weapon.itemInstanceId)!;
    expect(tile).toMatchObject({ known: true, hash: weapon.itemHash, power: weapon.power, locked: true, masterwork: weapon.masterwork, equipped: false, quantity: 1 });
    expect(tile.iconUrl).toMatch(/^https:\/\/www\.bungie\.net\/common\/destiny2_content\/icons\/.+\.jpg$/);
    expect(['Kinetic', 'Arc', 'Solar', 'Void', 'Stasis', 'Strand']).toContain(tile.damageType);
    expect(['exotic', 'legendary', 'rare', 'uncommon', 'common']).toContain(tile.tier);
    const stack = allTiles(view, 'account')[0]!;
    expect(stack.instanceId).toBeUndefined();
    expect(stack.power).toBeNull();
    // The game's bucket order: Modifications (20) before Consumables (30), each with its own capacity.
    expect(view.groups.find((g) => g.id === 'account')?.sections.map((s) => [s.name, s.capacity])).toEqual([['Modifications', 50], ['Consumables', 50]]);
  });

  it('turns a hash the manifest lacks into one marked placeholder and lists it once', async () => {
    const { sim, profile, definitions } = simProfile(VAULT_COMPONENTS);
    for (const id of ['6917529999000000001', '6917529999000000002']) {
      sim.world.items.push({ ...sim.world.items.find((i) => i.owner === 'vault')!, itemHash: 1234567, itemInstanceId: id });
    }
    const answer = profile();
    const view = buildVault(answer, await definitions(vaultNeeds(answer)), { iconOrigin: ICON_ORIGIN });
    expect(view.unknownHashes).toEqual([1234567]);
    const unknown = view.groups.find((g) => g.id === 'general')?.sections.find((s) => s.bucketHash === 0);
    expect(unknown?.name).toBe('Unknown items');
    expect(unknown?.items.map((t) => [t.name, t.known, t.iconUrl])).toEqual([
      ['Unknown item 1234567', false, null],
      ['Unknown item 1234567', false, null],
    ]);
  });

  it('counts only the General bucket as the vault; account-wide stacks (also location 2) keep their bucket, known or not', async () => {
    const { sim, profile, definitions } = simProfile(VAULT_COMPONENTS);
    const vaultItems = sim.world.items.filter((i) => i.owner === 'vault');
    const consumable = sim.world.items.find((i) => i.owner === 'profile' && i.bucketHash === Bucket.Consumables)!;
    // Definitions missing for one consumable stack and one vault weapon: each stays where it sits.
    consumable.itemHash = 7654321;
    vaultItems[0]!.itemHash = 1234567;
    const answer = profile();
    expect(answer.profileInventory?.data?.items.every((i) => i.location === 2)).toBe(true);
    const view = buildVault(answer, await definitions(vaultNeeds(answer)), { iconOrigin: ICON_ORIGIN });
    expect(view.count).toBe(vaultItems.length);
    expect(allTiles(view).filter((t) => t.location.kind === 'vault')).toHaveLength(vaultItems.length);
    const consumables = view.groups.find((g) => g.id === 'account')?.sections.find((s) => s.bucketHash === Bucket.Consumables);
    expect(consumables?.items.find((t) => t.hash === 7654321)).toMatchObject({ known: false, name: 'Unknown item 7654321', location: { kind: 'account' } });
    expect(consumables?.count).toBe(sim.world.items.filter((i) => i.owner === 'profile' && i.bucketHash === Bucket.Consumables).length);
    const unknownInVault = view.groups.find((g) => g.id === 'general')?.sections.find((s) => s.bucketHash === 0);
    expect(unknownInVault?.items.map((t) => [t.name, t.location.kind])).toEqual([['Unknown item 1234567', 'vault']]);
    expect(view.unknownHashes).toEqual([1234567, 7654321]);
  });

  it('copes with an empty answer (privacy, no components)', async () => {
    const { definitions } = simProfile(VAULT_COMPONENTS);
    const view = buildVault({}, await definitions({ buckets: [Bucket.Vault] }), { iconOrigin: ICON_ORIGIN });
    expect(view).toEqual({ groups: [], count: 0, capacity: null, characters: [], unknownHashes: [], manifest: { versionId: expect.any(String), fromBackup: false } });
  });
});
