import { describe, expect, it } from 'vitest';
import { buildInventory, INVENTORY_COMPONENTS, inventoryNeeds } from '@/lib/inventory/build/build-inventory';
import { buildVault, VAULT_COMPONENTS, vaultNeeds } from '@/lib/inventory/build/build-vault';
import { packView, unpackView } from '@/lib/inventory/view-packing';
import { ICON_ORIGIN, simProfile } from './sim-profile';

/** What the browser got before packing: the view through JSON. */
const viaJson = (view: unknown) => JSON.parse(JSON.stringify(view)) as unknown;

describe('packView / unpackView', () => {
  it('gives back the inventory view exactly as JSON would, in much less text', async () => {
    const sim = simProfile(INVENTORY_COMPONENTS);
    const answer = sim.profile();
    const view = buildInventory(answer, await sim.definitions(inventoryNeeds(answer)), { iconOrigin: ICON_ORIGIN });
    const packed = packView(view);
    expect(unpackView(packed)).toEqual(viaJson(view));
    // Key order too: components and tests may print or compare whole tiles.
    expect(JSON.stringify(unpackView(packed))).toBe(JSON.stringify(view));
    expect(packed.length).toBeLessThan(0.8 * JSON.stringify(view).length);
  });

  it('gives back the vault view exactly as JSON would', async () => {
    const sim = simProfile(VAULT_COMPONENTS, 3);
    const answer = sim.profile();
    const view = buildVault(answer, await sim.definitions(vaultNeeds(answer)), { iconOrigin: ICON_ORIGIN });
    expect(JSON.stringify(unpackView(packView(view)))).toBe(JSON.stringify(view));
  });

  it('keeps absent, undefined, null and false apart, nested tables, and arrays of other things', () => {
    const view = {
      rows: [
        { a: 1, b: null, c: 'x', d: { e: [{ f: 1 }, { f: 2, g: false }] } },
        { a: 2, c: undefined, d: { e: [] }, h: [1, [2, 3]] },
        { b: 0, h: '' },
      ],
      one: [{ a: 1 }],
      mixed: [{ a: 1 }, 2, null, [{ a: 1 }, { a: 2 }]],
      empty: [],
    };
    const back = unpackView<typeof view>(packView(view));
    expect(back).toEqual(viaJson(view));
    expect(JSON.stringify(back)).toBe(JSON.stringify(view));
    expect(Object.keys(back.rows[1]!)).toEqual(['a', 'd', 'h']);
  });

  it('reads plain JSON as it is (views fetched from the routes, older pages)', () => {
    const view = { tiles: [{ a: 1 }, { a: 2 }] };
    expect(unpackView(JSON.stringify(view))).toEqual(view);
  });

  it('refuses a view that holds its markers as keys', () => {
    expect(() => packView({ x: [{ '@k': 1 }, { '@k': 2 }] })).toThrow(/@k/);
    expect(() => packView({ '@packed': 1 })).toThrow(/@packed/);
  });

  it('writes a table of more than 31 keys as plain objects', () => {
    const wide = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, i]));
    const view = { rows: [wide, { ...wide, k0: undefined }] };
    expect(JSON.stringify(unpackView(packView(view)))).toBe(JSON.stringify(view));
  });
});
