import { beforeAll, describe, expect, it } from 'vitest';
import { POST as equip } from '@/app/api/items/equip/route';
import { POST as transfer } from '@/app/api/items/transfer/route';
import { forgetInventoryIndex } from '@/lib/actions/action-client';
import type { SimItem } from '@/dev/bungie-sim';
import { jsonPost, signInPlayer, withAppStack, type TestPlayer } from '@/tests/support/app-harness';

// Each refusal the game makes, as the player reads it. Bungie's code is turned into a sentence
// (and, for a full slot, one specific move offered, never made).
const stack = withAppStack({ ingestManifest: true });
let player: TestPlayer;
beforeAll(async () => {
  player = await signInPlayer(stack.sim);
});

const world = () => stack.sim.world;
const charOf = (classType: number) => world().characters.find((c) => c.classType === classType)!.characterId;
const ACTIONS = ['TransferItem', 'EquipItem', 'EquipItems', 'SetLockState', 'PullFromPostmaster'];
const actionCalls = () => ACTIONS.reduce((n, a) => n + (stack.sim.stats.byEndpoint[a] ?? 0), 0);

async function call(handler: (r: Request) => Promise<Response>, path: string, body: unknown) {
  const response = await handler(jsonPost(path, body, { cookie: player.cookie }));
  return { status: response.status, body: (await response.json()) as { error: { code: string; message: string; suggestion: { move: { itemId: string; from: string; to: string } } } } };
}

function vaultItem(filter: (i: SimItem) => boolean): SimItem {
  const item = world().items.find((i) => i.owner === 'vault' && i.itemInstanceId && filter(i));
  if (!item) throw new Error('the simulated world has no such vault item');
  return item;
}

/** Fills a character's slot to its capacity of 10 with vault items of that slot (directly in the world). */
function fillSlot(characterId: string, slot: number, keep?: SimItem): void {
  const onIt = () => world().items.filter((i) => i.owner === characterId && i.bucketHash === slot).length;
  for (const item of world().items) {
    if (onIt() >= 10) break;
    if (item !== keep && item.owner === 'vault' && item.homeBucketHash === slot && item.itemInstanceId && (item.classType === 3 || item.classType === 0)) {
      item.owner = characterId;
      item.bucketHash = slot;
    }
  }
  forgetInventoryIndex(player.userId);
}

describe('refusals, in a player’s words', () => {
  it('no room on the character: says where, and offers one specific move that makes room', async () => {
    const titan = charOf(0);
    const incoming = vaultItem((i) => i.classType === 3 && !i.uniqueLabel && i.homeBucketHash === 1498876634);
    fillSlot(titan, incoming.homeBucketHash, incoming);
    const before = JSON.stringify(world().items);
    const result = await call(transfer, '/api/items/transfer', { itemId: incoming.itemInstanceId, itemHash: incoming.itemHash, from: 'vault', to: titan });
    expect(result.status).toBe(409);
    expect(result.body.error.code).toBe('no_room');
    expect(result.body.error.message).toMatch(/^There is no room in your Titan for this item\. Move .+ from your Titan to the vault to make room\?$/);
    const move = result.body.error.suggestion.move;
    expect(move).toMatchObject({ from: titan, to: 'vault' });
    const suggested = world().items.find((i) => i.itemInstanceId === move.itemId)!;
    expect(suggested).toMatchObject({ owner: titan, equipped: false, locked: false, homeBucketHash: incoming.homeBucketHash });
    // Nothing was shuffled without asking.
    expect(JSON.stringify(world().items)).toBe(before);
  });

  it('character → character whose second step fails: says the item is in the vault now', async () => {
    const titan = charOf(0);
    const hunter = charOf(1);
    const item = world().items.find((i) => i.owner === titan && !i.equipped && i.bucketHash === 1498876634 && i.classType === 3)!;
    fillSlot(hunter, 1498876634);
    // fillSlot took Titan-or-anyone items; the Hunter's slot must be full of items it may hold.
    const result = await call(transfer, '/api/items/transfer', { itemId: item.itemInstanceId, itemHash: item.itemHash, from: titan, to: hunter });
    expect(result.status).toBe(409);
    expect(result.body.error).toMatchObject({ code: 'no_room', partial: true, nowIn: 'vault' });
    expect(result.body.error.message).toMatch(/^Moved to your vault, but not on to your Hunter: There is no room in your Hunter/);
    expect(world().items.find((i) => i.itemInstanceId === item.itemInstanceId)!.owner).toBe('vault');
  });

  it('equip on one character of an item on another, refused half-way: says the item is in the vault now', async () => {
    const titan = charOf(0);
    const hunter = charOf(1);
    const item = world().items.find((i) => i.owner === hunter && !i.equipped && i.bucketHash === 1498876634 && i.classType === 3 && !i.uniqueLabel)!;
    fillSlot(titan, 1498876634);
    const result = await call(equip, '/api/items/equip', { characterId: titan, items: [{ itemId: item.itemInstanceId, itemHash: item.itemHash }] });
    expect(result.status).toBe(409);
    expect(result.body.error).toMatchObject({ code: 'no_room', partial: true, nowIn: 'vault', itemId: item.itemInstanceId });
    expect(result.body.error.message).toMatch(/^There is no room in your Titan for this item\..* It is in your vault now\.$/);
    const now = world().items.find((i) => i.itemInstanceId === item.itemInstanceId)!;
    expect([now.owner, now.equipped]).toEqual(['vault', false]);
  });

  it('no room in the vault: offers moving one vault item to a character', async () => {
    const warlock = charOf(2);
    const item = world().items.find((i) => i.owner === warlock && !i.equipped && i.itemInstanceId && i.bucketHash !== 215593132)!;
    const capacity = world().vaultCapacity;
    world().vaultCapacity = world().items.filter((i) => i.owner === 'vault').length;
    try {
      const result = await call(transfer, '/api/items/transfer', { itemId: item.itemInstanceId, itemHash: item.itemHash, from: warlock, to: 'vault' });
      expect(result.status).toBe(409);
      expect(result.body.error.message).toMatch(/^There is no room in your vault for this item\. Move .+ from your vault to your (Titan|Hunter|Warlock) to make room\?$/);
      expect(result.body.error.suggestion.move.from).toBe('vault');
    } finally {
      world().vaultCapacity = capacity;
    }
  });

  it('a second exotic in the same group', async () => {
    const titan = charOf(0);
    const exotics = world().items.filter((i) => i.owner === 'vault' && i.uniqueLabel === 'exotic_weapon' && i.itemInstanceId);
    const first = exotics[0]!;
    const second = exotics.find((i) => i.homeBucketHash !== first.homeBucketHash)!;
    expect((await call(equip, '/api/items/equip', { characterId: titan, items: [{ itemId: first.itemInstanceId, itemHash: first.itemHash }] })).status).toBe(200);
    const result = await call(equip, '/api/items/equip', { characterId: titan, items: [{ itemId: second.itemInstanceId, itemHash: second.itemHash }] });
    expect(result.status).toBe(409);
    expect(result.body.error.code).toBe('exotic_conflict');
    expect(result.body.error.message).toBe('You can equip only one exotic weapon and one exotic armour piece at a time. Unequip the other exotic first.');
  });

  it('not in orbit or a social space', async () => {
    const hunter = charOf(1);
    const item = world().items.find((i) => i.owner === hunter && !i.equipped && i.itemInstanceId && (i.classType === 3 || i.classType === 1) && !i.uniqueLabel && i.bucketHash === i.homeBucketHash)!;
    stack.sim.controls.setCharacterLocation(hunter, 'activity');
    try {
      const result = await call(equip, '/api/items/equip', { characterId: hunter, items: [{ itemId: item.itemInstanceId, itemHash: item.itemHash }] });
      expect(result.status).toBe(409);
      expect(result.body.error).toMatchObject({ code: 'not_in_orbit', message: 'Your Hunter is in an activity. Equipping works only in orbit or a social space: go to orbit and try again.' });
    } finally {
      stack.sim.controls.setCharacterLocation(hunter, 'orbit');
    }
  });

  it('an equipped item cannot move, and Bungie is not even asked', async () => {
    const titan = charOf(0);
    const item = world().items.find((i) => i.owner === titan && i.equipped && i.itemInstanceId)!;
    const calls = actionCalls();
    const result = await call(transfer, '/api/items/transfer', { itemId: item.itemInstanceId, itemHash: item.itemHash, from: titan, to: 'vault' });
    expect(result.status).toBe(409);
    expect(result.body.error.code).toBe('item_equipped');
    expect(actionCalls()).toBe(calls);
  });

  it('an item that is no longer there: says so, re-reads the profile, then knows it is gone', async () => {
    const item = vaultItem(() => true);
    const titan = charOf(0);
    // Read the index first, then the item vanishes in the game (dismantled elsewhere).
    await call(transfer, '/api/items/transfer', { itemId: '1', itemHash: 1, from: 'vault', to: titan });
    stack.sim.controls.removeItem(item.itemInstanceId!);
    const result = await call(transfer, '/api/items/transfer', { itemId: item.itemInstanceId, itemHash: item.itemHash, from: 'vault', to: titan });
    // item_gone has one status on every route: 404, as the item detail answers it.
    expect(result.status).toBe(404);
    expect(result.body.error.code).toBe('item_gone');
    expect(result.body.error.message).toMatch(/not where Vault Raider last saw it/);
    const again = await call(transfer, '/api/items/transfer', { itemId: item.itemInstanceId, itemHash: item.itemHash, from: 'vault', to: titan });
    expect(again.status).toBe(404);
  });
});
