import { describe, expect, it } from 'vitest';
import { BUNGIE, useSimulator } from './sim-harness';

type VaultList = { capacity: number; items: { itemHash: number; itemInstanceId: string | null; known: boolean; itemType: number | null; bucketTypeHash: number | null }[] };

const post = async (body: unknown) => (await fetch(`${BUNGIE}/__sim/control`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })).json() as Promise<Record<string, unknown>>;
const vault = async () => (await fetch(`${BUNGIE}/__sim/vault`)).json() as Promise<VaultList>;

describe('simulator vault admin endpoints', () => {
  const harness = useSimulator();

  it('lists the vault with definition facts, and adds and removes an item with any hash', async () => {
    const h = harness();
    const before = await vault();
    expect(before.items).toHaveLength(h.sim.world.items.filter((i) => i.owner === 'vault').length);
    expect(before.items.every((i) => i.known && i.itemType !== null && i.bucketTypeHash !== null)).toBe(true);

    const { added } = (await post({ addVaultItem: { itemHash: 1234567 } })) as { added: { itemInstanceId: string } };
    const withUnknown = await vault();
    expect(withUnknown.items.find((i) => i.itemInstanceId === added.itemInstanceId)).toMatchObject({ itemHash: 1234567, known: false, itemType: null });

    expect(await post({ removeItem: added.itemInstanceId })).toMatchObject({ removed: true });
    expect((await vault()).items).toHaveLength(before.items.length);
  });
});
