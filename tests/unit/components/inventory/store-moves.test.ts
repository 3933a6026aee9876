import { afterEach, describe, expect, it, vi } from 'vitest';
import { layOut, storeGroupsOf } from '@/components/inventory/inventory-layout';
import { applyOverrides, withChange, type Override } from '@/components/inventory/item-store';
import type { ActionChange } from '@/components/inventory/item-moves';
import { bulkMovable, bulkMove, moveToStore, replacementFor } from '@/components/inventory/store-moves';
import type { CharacterSummary, InventoryView, ItemTile } from '@/lib/inventory/types';

const KINETIC = 1498876634;
const ENERGY = 2465295065;
const TITAN = '2305843009000000010';
const HUNTER = '2305843009000000011';
const character = (characterId: string, className: string): CharacterSummary => ({ characterId, className, raceName: 'Exo', power: 2000, emblemUrl: null, emblemBackgroundUrl: null, dateLastPlayed: '2026-11-27T00:00:00Z' });
const CHARACTERS = [character(TITAN, 'Titan'), character(HUNTER, 'Hunter')];
const tile = (key: string, extra: Partial<ItemTile> = {}): ItemTile => ({
  key, hash: 7, instanceId: key, known: true, name: `Item ${key}`, iconUrl: null, tier: 'legendary', tierName: 'Legendary', typeName: 'Hand Cannon',
  power: 2000, damageType: 'Solar', locked: false, masterwork: false, quantity: 1, equipped: false, slotHash: KINETIC, itemType: 3, classType: 3,
  location: { kind: 'vault', label: 'Vault' }, ...extra,
});
const on = (owner: string, key: string, equipped = false, extra: Partial<ItemTile> = {}) =>
  tile(key, { equipped, location: { kind: equipped ? 'equipped' : 'inventory', characterId: owner, label: '' }, ...extra });
const section = (bucketHash: number, items: ItemTile[], capacity: number | null) => ({ bucketHash, name: `Bucket ${bucketHash}`, items, count: items.length, capacity });

type Call = { route: string; body: Record<string, unknown> };
/** The item routes as the browser reaches them: each answers at once, from `answer`. */
function routes(answer: (call: Call) => { status: number; body: unknown }): Call[] {
  const calls: Call[] = [];
  globalThis.fetch = vi.fn(async (url: string, init: RequestInit) => {
    const call = { route: String(url).replace('/api/items/', ''), body: JSON.parse(String(init.body)) as Record<string, unknown> };
    calls.push(call);
    const { status, body } = answer(call);
    return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  }) as unknown as typeof fetch;
  return calls;
}
const placed = (itemId: unknown, owner: unknown, equipped = false) => ({ status: 200, body: { items: [{ itemId, itemHash: 7, owner, equipped, locked: false }] } });
afterEach(() => vi.restoreAllMocks());

describe('replacementFor', () => {
  const worn = on(TITAN, 'worn', true);
  it('prefers a non-exotic of the same slot in the character’s inventory, then the vault; never another slot or class', () => {
    const tiles = [worn, on(TITAN, 'exo', false, { tier: 'exotic', power: 2010 }), on(TITAN, 'energy', false, { slotHash: ENERGY }), tile('vaulted', { power: 2020 }), on(HUNTER, 'hunters')];
    expect(replacementFor(worn, tiles, 'Titan')?.key).toBe('vaulted');
    expect(replacementFor(worn, [...tiles, on(TITAN, 'plain', false, { power: 1900 })], 'Titan')?.key).toBe('plain');
    expect(replacementFor(worn, [worn, on(TITAN, 'hunter-only', false, { classType: 1 })], 'Titan')).toBeNull();
    expect(replacementFor(worn, [worn, on(HUNTER, 'hunters')], 'Titan')).toBeNull();
  });
});

describe('moveToStore', () => {
  it('equips a replacement before moving an equipped item to another character, and says so', async () => {
    const calls = routes(({ route, body }) =>
      route === 'equip' ? placed((body.items as { itemId: string }[])[0]!.itemId, body.characterId, true) : placed(body.itemId, body.to),
    );
    const changes: ActionChange[] = [];
    const worn = on(TITAN, 'worn', true);
    const result = await moveToStore(worn, HUNTER, false, { tiles: [worn, on(TITAN, 'spare')], characters: CHARACTERS, onChange: (c) => changes.push(c) });
    expect(calls.map((c) => c.route)).toEqual(['equip', 'transfer']);
    expect(calls[0]!.body).toEqual({ characterId: TITAN, items: [{ itemId: 'spare', itemHash: 7 }] });
    expect(calls[1]!.body).toEqual({ itemId: 'worn', itemHash: 7, from: TITAN, to: HUNTER });
    expect(result).toMatchObject({ ok: true, message: 'Moved Item worn to your Hunter (Item spare is equipped on your Titan in its place).' });
    expect(changes.filter((c) => !c.pending).map((c) => [c.key, c.place?.owner, c.place?.equipped])).toEqual([['spare', TITAN, true], ['worn', HUNTER, false]]);
  });

  it('moves nothing and says why when no item can take the slot, or when the game refuses the replacement', async () => {
    const calls = routes(() => ({ status: 409, body: { error: { code: 'exotic_conflict', message: 'Only one exotic weapon can be equipped.' } } }));
    const worn = on(TITAN, 'worn', true);
    const none = await moveToStore(worn, 'vault', false, { tiles: [worn], characters: CHARACTERS, onChange: () => {} });
    expect(none.ok).toBe(false);
    expect(none.message).toMatch(/^Item worn is equipped on your Titan, and Destiny moves only unequipped items: nothing in your Titan's inventory or the vault can take its slot\./);
    expect(calls).toHaveLength(0);
    const refused = await moveToStore(worn, 'vault', false, { tiles: [worn, on(TITAN, 'exo', false, { tier: 'exotic' })], characters: CHARACTERS, onChange: () => {} });
    expect(refused.message).toBe('To free Item worn, Item exo had to be equipped on your Titan in its place, and that was refused: Only one exotic weapon can be equipped.');
    expect(calls.map((c) => c.route)).toEqual(['equip']);
  });
});

describe('bulkMove', () => {
  it('moves each movable item in turn, reporting progress and the server’s own sentence for each refusal', async () => {
    routes(({ body }) =>
      body.itemId === 'b' ? { status: 409, body: { error: { code: 'no_room', message: 'There is no room in your Hunter for this item.' } } } : placed(body.itemId, body.to),
    );
    const set = [tile('a'), tile('b'), on(TITAN, 'c'), on(TITAN, 'worn', true), on(HUNTER, 'there')];
    const movable = bulkMovable(set, HUNTER);
    expect(movable.map((t) => t.key)).toEqual(['a', 'b', 'c']);
    const progress: number[] = [];
    const lines = await bulkMove(movable, HUNTER, () => {}, (done) => progress.push(done));
    expect(progress).toEqual([0, 1, 1, 2, 2, 3]);
    expect(lines.map((l) => [l.key, l.ok, l.message])).toEqual([
      ['a', true, 'Moved.'],
      ['b', false, 'There is no room in your Hunter for this item.'],
      ['c', true, 'Moved.'],
    ]);
  });
});

describe('bulkMove meeting a "not so fast"', () => {
  const slowDown = (code: string, retryAfterSeconds?: number) => ({
    status: 429,
    body: { error: { code, message: 'Too many requests in a short time.', ...(retryAfterSeconds ? { retryAfterSeconds } : {}) } },
  });

  it('waits out the per-player limit and Bungie’s throttling, then moves the same item: nothing after it is refused', async () => {
    // The app's limit refuses the 3rd request once (retry in 4 s); Bungie throttles the 5th once (1 s).
    let n = 0;
    routes(({ body }) => {
      n += 1;
      if (n === 3) return slowDown('rate_limited', 4);
      if (n === 6) return slowDown('bungie_throttled', 1);
      return placed(body.itemId, body.to);
    });
    const set = ['a', 'b', 'c', 'd', 'e'].map((k) => tile(k));
    const waits: number[] = [];
    const slept: number[] = [];
    const lines = await bulkMove(set, HUNTER, () => {}, () => {}, (s) => waits.push(s), async (ms) => void slept.push(ms));
    expect(lines.map((l) => [l.key, l.ok, l.message])).toEqual(set.map((t) => [t.key, true, 'Moved.']));
    expect(waits).toEqual([4, 1]);
    expect(slept).toEqual([4000, 1000]);
    expect(n).toBe(7);
  });

  it('gives up on an item after three waits, or at once when the wait is longer than 30 s, and goes on with the rest', async () => {
    routes(({ body }) => (body.itemId === 'stuck' ? slowDown('rate_limited', 2) : body.itemId === 'long' ? slowDown('bungie_throttled', 120) : placed(body.itemId, body.to)));
    const waits: number[] = [];
    const lines = await bulkMove([tile('stuck'), tile('long'), tile('fine')], HUNTER, () => {}, () => {}, (s) => waits.push(s), async () => {});
    expect(lines.map((l) => [l.key, l.ok])).toEqual([['stuck', false], ['long', false], ['fine', true]]);
    expect(lines[0]!.message).toBe('Too many requests in a short time.');
    expect(waits).toEqual([2, 2, 2]);
  });
});

describe('layOut', () => {
  const view: InventoryView = {
    characters: CHARACTERS,
    stores: [
      { character: CHARACTERS[0]!, stats: [], maxPower: 2000, slots: [{ ...section(KINETIC, [on(TITAN, 'worn', true), on(TITAN, 'spare')], 10), equipped: null }], postmaster: section(215593132, [], 21) },
      { character: CHARACTERS[1]!, stats: [], maxPower: 2000, slots: [{ ...section(KINETIC, [], 10), equipped: null }], postmaster: section(215593132, [], 21) },
    ],
    vault: { groups: [{ id: 'weapons', label: 'Weapons', count: 1, sections: [section(ENERGY, [tile('v', { slotHash: ENERGY })], null)] }], count: 1, capacity: 1300 },
    currencies: [],
    unknownHashes: [],
    manifest: { versionId: 'v1', fromBackup: false },
  };
  const columnsWith = (overrides: Map<string, Override>) => layOut(view, applyOverrides(storeGroupsOf(view), overrides, CHARACTERS, undefined).byKey.values());

  it('puts each tile in its store’s column: equipped on top, counts per slot, the vault’s count', () => {
    const { characters, vault } = columnsWith(new Map());
    expect(characters[0]!.equipped.map((t) => t.key)).toEqual(['worn']);
    expect(characters[0]!.slots[0]).toMatchObject({ count: 2, capacity: 10 });
    expect(characters[0]!.slots[0]!.items.map((t) => t.key)).toEqual(['spare']);
    expect(vault.count).toBe(1);
  });

  it('moves a tile to its new column the moment an action reports it, into its slot’s section, and the counts follow', () => {
    let overrides = withChange(new Map(), 'spare', { itemId: 'spare', itemHash: 7, owner: HUNTER, equipped: false, locked: false }, true);
    overrides = withChange(overrides, 'v', { itemId: 'v', itemHash: 7, owner: TITAN, equipped: false, locked: false }, false);
    const { characters, vault } = columnsWith(overrides);
    expect(characters[1]!.slots.find((s) => s.bucketHash === KINETIC)?.items.map((t) => t.key)).toEqual(['spare']);
    expect(characters[0]!.slots.find((s) => s.bucketHash === KINETIC)?.count).toBe(1);
    // The Titan had no energy section in the read: one is made, named and sized from the read's buckets.
    expect(characters[0]!.slots.find((s) => s.bucketHash === ENERGY)).toMatchObject({ count: 1, name: `Bucket ${ENERGY}` });
    expect(vault.count).toBe(0);
    expect(vault.groups).toEqual([]);
  });
});
