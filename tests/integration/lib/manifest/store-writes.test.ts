import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemDefinition } from '@/lib/manifest/types';
import { storeBackends, type TestStore } from '@/tests/support/manifest-stores';

// Names as Bungie writes them, and the characters that break hand-built JSON or SQL.
const NAMES = ['The “Last Word”', 'Ace of Spades', 'Quote " and \\ backslash', "O'Ryan's Hope", 'Ümlaut – ñ – 日本語 – 🚀', 'Tab\tand\nnewline', ''];

function item(hash: number, i: number): ItemDefinition {
  const name = NAMES[i % NAMES.length]!;
  return {
    hash, name, icon: i % 3 === 0 ? '' : `/common/destiny2_content/icons/${hash}.jpg`, itemTypeDisplayName: 'Hand Cannon', tierType: i % 7, tierTypeName: 'Legendary',
    bucketTypeHash: 1498876634, itemType: 3, itemSubType: 9, classType: i % 4, equippable: i % 2 === 0, defaultDamageType: 3, uniqueLabel: i % 5 === 0 ? 'exotic_weapon' : '',
    maxStackSize: 1, isInstanceItem: true, nonTransferrable: false, redacted: i % 11 === 0,
    ...(i % 4 === 0 ? { description: `Plug ${name}` } : {}),
  };
}

// 2,500 items, one write call: the Postgres store splits it into INSERTs of 1,000 rows.
const ITEMS = Array.from({ length: 2500 }, (_, i) => item(i % 2 === 0 ? (0x8000_0000 + i * 104_729) >>> 0 : 1000 + i, i));

describe.each(storeBackends)('manifest store writes: $name', (backend) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await backend.create();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('stores every definition exactly (quotes, backslashes, non-Latin text, top-bit hashes) in bounded requests', async () => {
    const versionId = await t.store.createVersion();
    const trips = t.countRoundTrips();
    await t.store.writeBatch(versionId, 'items', ITEMS);
    trips.stop();
    // Postgres: one INSERT per 1,000 rows. Upstash: pipelined requests, each under its 1 MB limit (~1 MB here: two).
    if (t.store.kind === 'postgres') expect(trips.count).toBe(3);
    else {
      expect(trips.count).toBe(2);
      for (const body of trips.bodies) expect(Buffer.byteLength(body)).toBeLessThan(1024 * 1024);
    }
    const read = await t.store.getManyFromVersion(versionId, 'items', ITEMS.map((d) => d.hash));
    expect(read.size).toBe(ITEMS.length);
    for (const definition of ITEMS) expect(read.get(definition.hash)).toEqual(definition);
  });

  it('writes the other tables exactly too (buckets, stats)', async () => {
    const versionId = await t.store.createVersion();
    await t.store.writeBatch(versionId, 'buckets', [{ hash: 1498876634, name: 'Kinetic "Weapons"', scope: 0, category: 3, location: 1, itemCount: 10, bucketOrder: 10, hasTransferDestination: true }]);
    await t.store.writeBatch(versionId, 'stats', [{ hash: 4284893193, name: 'Rounds Per Minute', description: 'How fast — “really” — it fires.', icon: '' }]);
    expect((await t.store.getManyFromVersion(versionId, 'buckets', [1498876634])).get(1498876634)?.name).toBe('Kinetic "Weapons"');
    expect((await t.store.getManyFromVersion(versionId, 'stats', [4284893193])).get(4284893193)?.description).toBe('How fast — “really” — it fires.');
  });
});
