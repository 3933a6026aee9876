import { describe, expect, it } from 'vitest';
import { annotateSections } from '@/lib/annotations/apply';
import { buildCharacter, CHARACTER_COMPONENTS, characterPageNeeds } from '@/lib/inventory/build/build-character';
import { buildInventory, INVENTORY_COMPONENTS, inventoryNeeds } from '@/lib/inventory/build/build-inventory';
import { buildVault, VAULT_COMPONENTS, vaultNeeds } from '@/lib/inventory/build/build-vault';
import type { InventoryView, ItemTile, VaultView } from '@/lib/inventory/types';
import { packView, unpackView } from '@/lib/inventory/view-wire';
import { ICON_ORIGIN, simProfile } from './sim-profile';

/** The trip a view makes: packed on the server, through JSON text, unpacked in the browser. */
const trip = <T>(view: T): T => unpackView<T>(JSON.parse(JSON.stringify(packView(view))));
const bytes = (value: unknown) => JSON.stringify(value).length;
/** What the browser had before: the view through JSON (its undefined fields left out). */
const plain = <T>(view: T): T => JSON.parse(JSON.stringify(view)) as T;

async function inventoryOf(seed: number, size: { vaultItems?: number; fullCharacters?: boolean } = {}) {
  const sim = simProfile(INVENTORY_COMPONENTS, seed, size);
  const answer = sim.profile();
  return { sim, view: buildInventory(answer, await sim.definitions(inventoryNeeds(answer)), { iconOrigin: ICON_ORIGIN }) };
}

const tilesOf = (view: InventoryView): ItemTile[] => [
  ...view.vault.groups.flatMap((g) => g.sections.flatMap((s) => s.items)),
  ...view.stores.flatMap((c) => [...c.slots.flatMap((s) => s.items), ...c.postmaster.items]),
];

describe('packView / unpackView: a view makes the trip to the browser unchanged, in a fraction of the bytes', () => {
  it.each([
    { seed: 1, size: {} },
    { seed: 7, size: { vaultItems: 1000, fullCharacters: true } },
  ])('the inventory screen of a simulated world (seed $seed)', async ({ seed, size }) => {
    const { view } = await inventoryOf(seed, size);
    const tiles = tilesOf(view);
    // The world has what the format treats apart: stacks, equipped tiles, character ids, powers and none.
    expect(tiles.some((t) => !t.instanceId)).toBe(true);
    expect(tiles.some((t) => t.equipped)).toBe(true);
    expect(tiles.some((t) => t.power === null) && tiles.some((t) => t.power !== null)).toBe(true);
    expect(trip(view)).toStrictEqual(plain(view));
    // The equipped tile comes back as the same object as the first of its slot's items.
    const slot = trip(view).stores[0]!.slots.find((s) => s.equipped)!;
    expect(slot.equipped).toBe(slot.items[0]);
    expect(bytes(packView(view))).toBeLessThan(bytes(view) * 0.3);
  });

  it('the vault page and a character page', async () => {
    const vault = simProfile(VAULT_COMPONENTS, 3);
    const vaultAnswer = vault.profile();
    const vaultView: VaultView = buildVault(vaultAnswer, await vault.definitions(vaultNeeds(vaultAnswer)), { iconOrigin: ICON_ORIGIN });
    expect(trip(vaultView)).toStrictEqual(plain(vaultView));

    const character = simProfile(CHARACTER_COMPONENTS, 3);
    const answer = character.profile();
    const characterId = character.sim.world.characters[0]!.characterId;
    const view = buildCharacter(answer, characterId, await character.definitions(characterPageNeeds(answer, characterId)), { iconOrigin: ICON_ORIGIN })!;
    expect(view.slots.some((s) => s.equipped)).toBe(true);
    expect(trip(view)).toStrictEqual(plain(view));
  });

  it('keeps tags, notes, unknown items, crafted ones and odd keys', async () => {
    const { view } = await inventoryOf(2);
    const ids = tilesOf(view).filter((t) => t.instanceId).map((t) => t.instanceId!);
    const lookup = new Map([
      [ids[0]!, { tag: 'favorite' as const, notes: 'god roll — keep "this" one' }],
      [ids[1]!, { tag: 'junk' as const, notes: null }],
      [ids[2]!, { tag: null, notes: '-1' }],
    ]);
    const unknown: ItemTile = { ...tilesOf(view)[0]!, key: 'odd-key', hash: 4294967295, known: false, name: 'Unknown item 4294967295', iconUrl: null, tier: 'unknown', tierName: '', typeName: '', crafted: true, subType: 9, season: 0 };
    const annotated: InventoryView = {
      ...view,
      vault: { ...view.vault, groups: view.vault.groups.map((g) => ({ ...g, sections: annotateSections(g.sections, lookup) })) },
      stores: view.stores.map((c, i) => ({ ...c, slots: annotateSections(c.slots, lookup).map((s, j) => (i === 0 && j === 0 ? { ...s, items: [...s.items, unknown] } : s)) })),
    };
    const tiles = tilesOf(annotated);
    expect(tiles.filter((t) => t.tag).length).toBe(2);
    expect(tiles.filter((t) => t.notes).length).toBe(2);
    expect(trip(annotated)).toStrictEqual(plain(annotated));
  });

  it('sends a tile it does not know the shape of as it is, and a slot whose equipped tile is not among its items', async () => {
    const { view } = await inventoryOf(4);
    const store = view.stores[0]!;
    const [first, ...rest] = store.slots;
    const stranger = { ...first!.items[1]!, somethingNew: [1, 2] } as ItemTile;
    const odd: InventoryView = {
      ...view,
      stores: [{ ...store, slots: [{ ...first!, items: [stranger, ...first!.items.slice(2)], equipped: { ...first!.equipped! } }, ...rest] }, ...view.stores.slice(1)],
    };
    expect(trip(odd)).toStrictEqual(plain(odd));
  });

  it('leaves a view that was never packed as it is', async () => {
    const { view } = await inventoryOf(5);
    expect(unpackView(plain(view))).toStrictEqual(plain(view));
  });
});
