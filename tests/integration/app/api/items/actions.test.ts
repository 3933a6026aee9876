import { beforeAll, describe, expect, it } from 'vitest';
import { POST as equip } from '@/app/api/items/equip/route';
import { POST as lock } from '@/app/api/items/lock/route';
import { POST as pull } from '@/app/api/items/pull/route';
import { POST as transfer } from '@/app/api/items/transfer/route';
import type { SimItem } from '@/dev/bungie-sim';
import { jsonPost, signInPlayer, withAppStack, type TestPlayer } from '@/tests/support/app-harness';

// Each action through its exported route handler against the simulator's world: the world must
// change as the game would, and the next profile read must show the item where it went.
const stack = withAppStack({ ingestManifest: true });
let player: TestPlayer;
beforeAll(async () => {
  player = await signInPlayer(stack.sim);
});

const world = () => stack.sim.world;
const titan = () => world().characters.find((c) => c.classType === 0)!.characterId;
const hunter = () => world().characters.find((c) => c.classType === 1)!.characterId;
const ACTIONS = ['TransferItem', 'EquipItem', 'EquipItems', 'SetLockState', 'PullFromPostmaster'];
export const actionCalls = () => ACTIONS.reduce((n, a) => n + (stack.sim.stats.byEndpoint[a] ?? 0), 0);

/** An unequipped, instanced vault weapon or armour piece that `classType` can use (3 = anyone). */
function vaultGear(filter: (i: SimItem) => boolean = () => true): SimItem {
  const item = world().items.find((i) => i.owner === 'vault' && i.itemInstanceId && !i.uniqueLabel && (i.classType === 3 || i.classType === 0) && filter(i));
  if (!item) throw new Error('the simulated world has no such vault item');
  return item;
}

async function call(handler: (r: Request) => Promise<Response>, path: string, body: unknown) {
  const response = await handler(jsonPost(path, body, { cookie: player.cookie }));
  return { status: response.status, body: (await response.json()) as { ok?: boolean; items?: unknown[]; error: { code: string; message: string } } };
}

/** Where the next GetProfile says the instance is (fresh read from the simulator). */
function whereIs(itemId: string) {
  const item = world().items.find((i) => i.itemInstanceId === itemId)!;
  return { owner: item.owner, equipped: item.equipped, locked: item.locked, bucketHash: item.bucketHash };
}

describe('item actions against the simulated world', () => {
  it('moves an item from the vault to a character and back', async () => {
    const item = vaultGear();
    const id = item.itemInstanceId!;
    const there = await call(transfer, '/api/items/transfer', { itemId: id, itemHash: item.itemHash, from: 'vault', to: titan() });
    expect(there).toMatchObject({ status: 200, body: { ok: true, items: [{ itemId: id, owner: titan() }] } });
    expect(whereIs(id).owner).toBe(titan());
    const back = await call(transfer, '/api/items/transfer', { itemId: id, itemHash: item.itemHash, from: titan(), to: 'vault' });
    expect(back.status).toBe(200);
    expect(whereIs(id).owner).toBe('vault');
  });

  it('moves between two characters as two transfers through the vault', async () => {
    const item = vaultGear((i) => i.classType === 3);
    const id = item.itemInstanceId!;
    await call(transfer, '/api/items/transfer', { itemId: id, itemHash: item.itemHash, from: 'vault', to: titan() });
    const before = stack.sim.stats.byEndpoint.TransferItem ?? 0;
    const moved = await call(transfer, '/api/items/transfer', { itemId: id, itemHash: item.itemHash, from: titan(), to: hunter() });
    expect(moved.status).toBe(200);
    expect((stack.sim.stats.byEndpoint.TransferItem ?? 0) - before).toBe(2);
    expect(whereIs(id).owner).toBe(hunter());
  });

  it('equips a vault item on a character, moving it there first', async () => {
    const item = vaultGear((i) => i.classType === 3 || i.classType === 0);
    const id = item.itemInstanceId!;
    const result = await call(equip, '/api/items/equip', { characterId: titan(), items: [{ itemId: id, itemHash: item.itemHash }] });
    expect(result).toMatchObject({ status: 200, body: { ok: true, items: [{ itemId: id, owner: titan(), equipped: true }] } });
    expect(whereIs(id)).toMatchObject({ owner: titan(), equipped: true });
  });

  it('locks and unlocks', async () => {
    const item = vaultGear();
    const id = item.itemInstanceId!;
    const wasLocked = item.locked;
    expect((await call(lock, '/api/items/lock', { itemId: id, itemHash: item.itemHash, locked: !wasLocked })).status).toBe(200);
    expect(whereIs(id).locked).toBe(!wasLocked);
    expect((await call(lock, '/api/items/lock', { itemId: id, itemHash: item.itemHash, locked: wasLocked })).status).toBe(200);
    expect(whereIs(id).locked).toBe(wasLocked);
  });

  it('pulls an item from the postmaster onto its character', async () => {
    const item = world().items.find((i) => i.bucketHash === 215593132 && i.itemInstanceId);
    expect(item, 'the simulated world has a postmaster item').toBeDefined();
    const id = item!.itemInstanceId!;
    const owner = item!.owner;
    const result = await call(pull, '/api/items/pull', { itemId: id, itemHash: item!.itemHash, characterId: owner });
    expect(result.status).toBe(200);
    expect(whereIs(id).owner).toBe(owner);
    expect(whereIs(id).bucketHash).not.toBe(215593132);
  });

  it('serialises two actions on one item: the second sees where the first put it', async () => {
    const item = vaultGear((i) => i.classType === 3);
    const id = item.itemInstanceId!;
    const [a, b] = await Promise.all([
      call(transfer, '/api/items/transfer', { itemId: id, itemHash: item.itemHash, from: 'vault', to: titan() }),
      call(transfer, '/api/items/transfer', { itemId: id, itemHash: item.itemHash, from: 'vault', to: hunter() }),
    ]);
    // Both enter the player's queue after their own session lookup, so either may go first; the
    // other must then see where the first put the item and refuse, never move it a second time.
    const [won, lost, winner, className] = a.status === 200 ? [a, b, titan(), 'Titan'] : [b, a, hunter(), 'Hunter'];
    expect(won.status).toBe(200);
    expect(lost).toMatchObject({ status: 409, body: { error: { code: 'item_moved' } } });
    expect(lost.body.error.message).toMatch(new RegExp(`in your ${className} now`));
    expect(whereIs(id).owner).toBe(winner);
  });

  it("spaces one player's actions 0.1 s apart, so the game's throttle never trips", async () => {
    const item = vaultGear();
    const id = item.itemInstanceId!;
    stack.sim.controls.setItemActionThrottle(true);
    try {
      // Two actions back to back: the app spaces them 0.1 s apart, so the game's throttle never trips.
      const first = call(lock, '/api/items/lock', { itemId: id, itemHash: item.itemHash, locked: true });
      const second = call(lock, '/api/items/lock', { itemId: id, itemHash: item.itemHash, locked: false });
      expect((await first).status).toBe(200);
      expect((await second).status).toBe(200);
      expect(stack.sim.stats.errorStatus.DestinyThrottledByGameServer ?? 0).toBe(0);
    } finally {
      stack.sim.controls.setItemActionThrottle(false);
    }
  });

  it('waits out ThrottleSeconds once when the game server says slow down, then succeeds', async () => {
    const item = vaultGear();
    const id = item.itemInstanceId!;
    stack.sim.controls.setItemActionThrottle(true);
    try {
      const refusedBefore = stack.sim.stats.errorStatus.DestinyThrottledByGameServer ?? 0;
      // Another client of the same player acts about now: the game refuses the next action once.
      // The route reads the profile before it acts (a real-sized one takes a few hundred ms under
      // load), so the other action lands 0.6 s ahead; the retry comes after ThrottleSeconds (1 s).
      world().lastActionAt = performance.now() + 600;
      const result = await call(lock, '/api/items/lock', { itemId: id, itemHash: item.itemHash, locked: !item.locked });
      expect(result.status).toBe(200);
      expect((stack.sim.stats.errorStatus.DestinyThrottledByGameServer ?? 0) - refusedBefore).toBe(1);
    } finally {
      stack.sim.controls.setItemActionThrottle(false);
    }
  });
});
