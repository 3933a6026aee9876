import { describe, expect, it } from 'vitest';
import type { SimItem } from '@/dev/bungie-sim/index';
import { useSimulator, type Harness } from './sim-harness';

type Envelope = { ErrorCode: number; ErrorStatus: string; Response?: unknown; ThrottleSeconds: number };
const KINETIC = 1498876634;

async function act(h: Harness, name: string, body: Record<string, unknown>): Promise<Envelope> {
  const token = (await h.signIn()).access_token;
  return (await h.api<Envelope>(`/Destiny2/Actions/Items/${name}/`, { token, body: { membershipType: h.membership().type, ...body } })).body;
}

function setup(h: Harness) {
  const titan = h.sim.world.characters.find((c) => c.classType === 0);
  if (!titan) throw new Error('no titan');
  const mine = (pred: (i: SimItem) => boolean) => h.sim.world.items.filter((i) => i.owner === titan.characterId && pred(i));
  return { titan, mine };
}

describe('Bungie simulator item actions', () => {
  const harness = useSimulator();

  it('transfers to the vault and back, and refuses equipped or missing items', async () => {
    const h = harness();
    const { titan, mine } = setup(h);
    const item = mine((i) => !i.equipped && i.bucketHash === KINETIC)[0] as SimItem;
    const req = { itemReferenceHash: item.itemHash, stackSize: 1, itemId: item.itemInstanceId, characterId: titan.characterId };
    expect((await act(h, 'TransferItem', { ...req, transferToVault: true })).ErrorCode).toBe(1);
    expect(item).toMatchObject({ owner: 'vault', bucketHash: 138197802 });
    expect((await act(h, 'TransferItem', { ...req, transferToVault: false })).Response).toBe(0);
    expect(item).toMatchObject({ owner: titan.characterId, bucketHash: KINETIC });
    const equipped = mine((i) => i.equipped && i.bucketHash === KINETIC)[0] as SimItem;
    expect((await act(h, 'TransferItem', { ...req, itemId: equipped.itemInstanceId, itemReferenceHash: equipped.itemHash, transferToVault: true })).ErrorCode).toBe(1656);
    expect((await act(h, 'TransferItem', { ...req, itemId: '6917529999999999999', transferToVault: true })).ErrorCode).toBe(1623);
  });

  it('refuses with 1660 what the game keeps on the character: engrams (bucket without a transfer destination), subclasses', async () => {
    const h = harness();
    const { titan, mine } = setup(h);
    for (const bucketHash of [375726501, 3284755031]) {
      const item = mine((i) => !i.equipped && i.bucketHash === bucketHash)[0] as SimItem;
      const answer = await act(h, 'TransferItem', { itemReferenceHash: item.itemHash, stackSize: 1, itemId: item.itemInstanceId, characterId: titan.characterId, transferToVault: true });
      expect(answer).toMatchObject({ ErrorCode: 1660, ErrorStatus: 'DestinyItemNotTransferrable', ThrottleSeconds: 0 });
      expect(answer.Response).toBeUndefined();
      expect(item.owner).toBe(titan.characterId);
    }
    // A consumable stack (account-wide bucket, transfer destination true) still goes.
    const stack = h.sim.world.items.find((i) => i.owner === 'profile' && i.bucketHash === 1469714392) as SimItem;
    expect((await act(h, 'TransferItem', { itemReferenceHash: stack.itemHash, stackSize: stack.quantity, itemId: '0', characterId: titan.characterId, transferToVault: true })).ErrorCode).toBe(1);
    expect(stack.owner).toBe('vault');
  });

  it('refuses with 1642 when the vault or the character bucket is full', async () => {
    const h = harness();
    const { titan, mine } = setup(h);
    h.sim.world.vaultCapacity = h.sim.world.items.filter((i) => i.owner === 'vault').length;
    const item = mine((i) => !i.equipped && i.bucketHash === KINETIC)[0] as SimItem;
    expect((await act(h, 'TransferItem', { itemReferenceHash: item.itemHash, stackSize: 1, itemId: item.itemInstanceId, characterId: titan.characterId, transferToVault: true })).ErrorCode).toBe(1642);
    const fromVault = h.sim.world.items.filter((i) => i.owner === 'vault' && i.homeBucketHash === KINETIC);
    for (const extra of fromVault.slice(0, 10 - mine((i) => i.bucketHash === KINETIC).length)) Object.assign(extra, { owner: titan.characterId, bucketHash: KINETIC });
    const next = h.sim.world.items.find((i) => i.owner === 'vault' && i.homeBucketHash === KINETIC) as SimItem;
    expect((await act(h, 'TransferItem', { itemReferenceHash: next.itemHash, stackSize: 1, itemId: next.itemInstanceId, characterId: titan.characterId, transferToVault: false })).ErrorCode).toBe(1642);
  });

  it('equips, swapping the old item out, and refuses a second exotic in a group', async () => {
    const h = harness();
    const { titan, mine } = setup(h);
    const next = mine((i) => !i.equipped && i.bucketHash === KINETIC && !i.uniqueLabel)[0] as SimItem;
    const old = mine((i) => i.equipped && i.bucketHash === KINETIC)[0] as SimItem;
    expect((await act(h, 'EquipItem', { itemId: next.itemInstanceId, characterId: titan.characterId })).ErrorCode).toBe(1);
    expect([next.equipped, old.equipped]).toEqual([true, false]);
    const energy = mine((i) => i.equipped && i.bucketHash === 2465295065)[0] as SimItem;
    const kinetic = mine((i) => !i.equipped && i.bucketHash === KINETIC)[0] as SimItem;
    energy.uniqueLabel = 'exotic_weapon';
    kinetic.uniqueLabel = 'exotic_weapon';
    expect((await act(h, 'EquipItem', { itemId: kinetic.itemInstanceId, characterId: titan.characterId })).ErrorCode).toBe(1641);
    expect(kinetic.equipped).toBe(false);
  });

  it('refuses equipping outside orbit or a social space (1671)', async () => {
    const h = harness();
    const { titan, mine } = setup(h);
    const item = mine((i) => !i.equipped && i.bucketHash === KINETIC)[0] as SimItem;
    h.sim.controls.setCharacterLocation(titan.characterId, 'activity');
    expect((await act(h, 'EquipItem', { itemId: item.itemInstanceId, characterId: titan.characterId })).ErrorCode).toBe(1671);
    h.sim.controls.setCharacterLocation(titan.characterId, 'social');
    expect((await act(h, 'EquipItem', { itemId: item.itemInstanceId, characterId: titan.characterId })).ErrorCode).toBe(1);
  });

  it('answers EquipItems with a result per item', async () => {
    const h = harness();
    const { titan, mine } = setup(h);
    const good = mine((i) => !i.equipped && i.bucketHash === KINETIC)[0] as SimItem;
    const res = await act(h, 'EquipItems', { itemIds: [good.itemInstanceId, '6917529999999999999'], characterId: titan.characterId });
    expect(res.ErrorCode).toBe(1);
    expect(res.Response).toEqual({ equipResults: [{ itemInstanceId: good.itemInstanceId, equipStatus: 1 }, { itemInstanceId: '6917529999999999999', equipStatus: 1623 }] });
  });

  it('sets the lock state and reports it in the item state bits', async () => {
    const h = harness();
    const { titan } = setup(h);
    const item = h.sim.world.items.find((i) => i.owner === 'vault' && i.itemInstanceId && !i.locked) as SimItem;
    expect((await act(h, 'SetLockState', { state: true, itemId: item.itemInstanceId, characterId: titan.characterId })).ErrorCode).toBe(1);
    expect(item.locked).toBe(true);
    expect((await act(h, 'SetLockState', { state: true, itemId: '1', characterId: titan.characterId })).ErrorCode).toBe(1623);
  });

  it('pulls from the postmaster, refusing when the bucket is full', async () => {
    const h = harness();
    const { titan, mine } = setup(h);
    const [first, second] = mine((i) => i.bucketHash === 215593132) as [SimItem, SimItem];
    const pull = (i: SimItem) => act(h, 'PullFromPostmaster', { itemReferenceHash: i.itemHash, stackSize: 1, itemId: i.itemInstanceId, characterId: titan.characterId });
    expect((await pull(first)).ErrorCode).toBe(1);
    expect(first.bucketHash).toBe(first.homeBucketHash);
    expect((await pull(first)).ErrorCode).toBe(1623);
    const bucket = second.homeBucketHash;
    const free = 10 - mine((i) => i.bucketHash === bucket).length;
    for (const filler of h.sim.world.items.filter((i) => i.owner === 'vault' && i.homeBucketHash === bucket).slice(0, free)) Object.assign(filler, { owner: titan.characterId, bucketHash: bucket });
    expect((await pull(second)).ErrorCode).toBe(1642);
  });

  it('throttles item actions closer than 0.1 s when switched on (1672)', async () => {
    const h = harness();
    const { titan } = setup(h);
    h.sim.controls.setItemActionThrottle(true);
    const item = h.sim.world.items.find((i) => i.owner === 'vault' && i.itemInstanceId) as SimItem;
    const token = (await h.signIn()).access_token;
    const body = { membershipType: h.membership().type, state: true, itemId: item.itemInstanceId, characterId: titan.characterId };
    const [a, b] = await Promise.all([0, 1].map(() => h.api<Envelope>('/Destiny2/Actions/Items/SetLockState/', { token, body })));
    expect([a?.body.ErrorCode, b?.body.ErrorCode].sort()).toEqual([1, 1672]);
    expect([a?.body.ThrottleSeconds, b?.body.ThrottleSeconds]).toContain(1);
  });
});
