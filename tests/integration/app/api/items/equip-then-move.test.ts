import { beforeAll, describe, expect, it } from 'vitest';
import { POST as equip } from '@/app/api/items/equip/route';
import { POST as transfer } from '@/app/api/items/transfer/route';
import { jsonPost, signInPlayer, withAppStack, type TestPlayer } from '@/tests/support/app-harness';

// Equipping displaces the item that was in the slot; the very next action must know it is free
// to move (the app caches where items are for a few seconds between actions).
const stack = withAppStack();
let player: TestPlayer;
beforeAll(async () => {
  player = await signInPlayer(stack.sim);
});

describe('equip, then move the item it replaced', () => {
  it('moves the displaced item to the vault at once (no stale "that item is equipped")', async () => {
    const world = stack.sim.world;
    const titan = world.characters.find((c) => c.classType === 0)!.characterId;
    const KINETIC = 1498876634;
    const worn = world.items.find((i) => i.owner === titan && i.equipped && i.bucketHash === KINETIC)!;
    const spare = world.items.find((i) => i.owner === titan && !i.equipped && i.bucketHash === KINETIC && !i.uniqueLabel)!;
    const equipped = await equip(jsonPost('/api/items/equip', { characterId: titan, items: [{ itemId: spare.itemInstanceId, itemHash: spare.itemHash }] }, { cookie: player.cookie }));
    expect(equipped.status).toBe(200);
    const moved = await transfer(jsonPost('/api/items/transfer', { itemId: worn.itemInstanceId, itemHash: worn.itemHash, from: titan, to: 'vault' }, { cookie: player.cookie }));
    expect(moved.status, JSON.stringify(await moved.clone().json())).toBe(200);
    expect(world.items.find((i) => i.itemInstanceId === worn.itemInstanceId)!.owner).toBe('vault');
  });
});
