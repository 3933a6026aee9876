import { describe, expect, it, onTestFinished } from 'vitest';
import { POST as farm } from '@/app/api/characters/[characterId]/farming/route';
import { POST as transfer } from '@/app/api/items/transfer/route';
import type { SimItem } from '@/dev/bungie-sim';
import { clearAnnotation, setAnnotation } from '@/lib/annotations/annotations';
import type { FarmingReport } from '@/lib/tools/types';
import { jsonPost, withAppStack } from '@/tests/support/app-harness';
import { playerOnFreshItems } from '@/tests/support/item-world';

// Farming mode (issue 19) against the simulated game, as it works in Destiny 2: while on, each full
// weapon or armour bucket of the character sends its least valuable item to the vault (never a
// locked, equipped or favourite/keep-tagged one), so decrypted drops find a place; engrams stay
// (Bungie refuses to move them) and their bucket's fill is reported; consumables only when asked;
// the first refusal — a full vault, maintenance, an ended sign-in — stops it with a sentence.
const stack = withAppStack({ ingestManifest: true });
const session = playerOnFreshItems(stack, () => {
  stack.sim.controls.setVaultCapacity(null);
  stack.sim.controls.setMaintenance(false);
});
const player = () => session.player;

const ENGRAMS = 375726501;
const CONSUMABLES = 1469714392;
const POSTMASTER = 215593132;
const KINETIC = 1498876634;
const ENERGY = 2465295065;
const POWER = 953998645;
const HELMET = 3448274439;
const world = () => stack.sim.world;
const titan = () => world().characters.find((c) => c.classType === 0)!.characterId;
const calls = (endpoint: string) => stack.sim.stats.byEndpoint[endpoint] ?? 0;
const inBucket = (characterId: string, bucketHash: number) => world().items.filter((i) => i.owner === characterId && i.bucketHash === bucketHash);
const byId = (id: string) => world().items.find((i) => i.itemInstanceId === id)!;
const arrive = (bucketHash: number, count: number) => stack.sim.controls.arrive({ characterId: titan(), bucketHash, count });

/** Fills the Titan's `bucket` to its 10 places with drops from the simulator; answers the bucket's items. */
function fill(bucket: number): SimItem[] {
  const landed = arrive(bucket, 10 - inBucket(titan(), bucket).length);
  expect(landed.every((l) => l.owner === titan() && l.bucketHash === bucket)).toBe(true);
  expect(inBucket(titan(), bucket)).toHaveLength(10);
  return inBucket(titan(), bucket);
}

type Answer = { status: number; body: FarmingReport & { error?: { code: string; message: string } } };
async function turn(body: unknown = {}, characterId = titan()): Promise<Answer> {
  const response = await farm(jsonPost(`/api/characters/${characterId}/farming`, body, { cookie: player().cookie }), { params: Promise.resolve({ characterId }) });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

describe('farming mode', () => {
  it('keeps a place free in a full weapon bucket: its least valuable unlocked, untagged, unequipped item goes to the vault', async () => {
    const held = fill(KINETIC);
    // One more drop: the bucket is full, so the game hands it to the postmaster.
    expect(arrive(KINETIC, 1)[0]).toMatchObject({ owner: titan(), bucketHash: POSTMASTER });
    // The bucket's items, from most to least protected: equipped, locked, favourite, keep, and the rest with powers set.
    const unequipped = held.filter((i) => !i.equipped);
    const sameTier = unequipped[0]!.itemHash;
    for (const i of unequipped) Object.assign(i, { locked: false, power: 2000, itemHash: sameTier });
    const [locked, favourite, keep, cheapest, next] = unequipped;
    Object.assign(locked!, { power: 1500, locked: true });
    favourite!.power = 1500;
    keep!.power = 1500;
    cheapest!.power = 1600;
    next!.power = 1700;
    held.find((i) => i.equipped)!.power = 1000;
    await setAnnotation(player().userId, favourite!.itemInstanceId!, { tag: 'favorite' });
    await setAnnotation(player().userId, keep!.itemInstanceId!, { tag: 'keep' });
    // Arrivals after a world reset get the same ids again: the tags must not outlive this test.
    onTestFinished(() => Promise.all([favourite!, keep!].map((i) => clearAnnotation(player().userId, i.itemInstanceId!))).then(() => undefined));
    const engrams = inBucket(titan(), ENGRAMS).length;

    const first = await turn();
    expect(first.status).toBe(200);
    expect(first.body.moved).toEqual([expect.objectContaining({ itemId: cheapest!.itemInstanceId, kind: 'room', slot: 'Kinetic Weapons', quantity: 1 })]);
    expect(first.body.moved[0]!.name).not.toMatch(/^Unknown/);
    expect(first.body).toMatchObject({ summary: 'Moved 1 item to the vault.', stuck: [], waiting: 0, engrams: { count: engrams, capacity: 10 } });
    expect(first.body.stopped).toBeUndefined();
    // The world agrees: one place free, the cheapest in the vault, the protected ones and the engrams where they were.
    expect(byId(cheapest!.itemInstanceId!).owner).toBe('vault');
    expect(inBucket(titan(), KINETIC)).toHaveLength(9);
    for (const stay of [locked!, favourite!, keep!, next!]) expect(byId(stay.itemInstanceId!).owner).toBe(titan());
    expect(inBucket(titan(), ENGRAMS)).toHaveLength(engrams);

    // One place is free: nothing to move, one profile read and no transfer.
    const transfers = calls('TransferItem');
    const second = await turn();
    expect(second.body).toMatchObject({ moved: [], summary: 'Nothing needed moving.', waiting: 0 });
    expect(calls('TransferItem')).toBe(transfers);
  });

  it('never moves engrams (the game refuses them the vault): a full Engrams bucket is reported, nothing is tried', async () => {
    const landed = arrive(ENGRAMS, 10 - inBucket(titan(), ENGRAMS).length + 1);
    expect(landed.at(-1)).toMatchObject({ owner: titan(), bucketHash: POSTMASTER });
    expect(inBucket(titan(), ENGRAMS)).toHaveLength(10);
    const transfers = calls('TransferItem');
    const answer = await turn({ consumables: false });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ moved: [], engrams: { count: 10, capacity: 10 }, summary: 'Nothing needed moving.' });
    expect(calls('TransferItem')).toBe(transfers);
    expect(inBucket(titan(), ENGRAMS)).toHaveLength(10);
  });

  it('an engram moved by hand is refused as the game refuses it (1660), in a player’s words', async () => {
    const engram = inBucket(titan(), ENGRAMS)[0]!;
    const transfers = calls('TransferItem');
    const response = await transfer(jsonPost('/api/items/transfer', { itemId: engram.itemInstanceId, itemHash: engram.itemHash, from: titan(), to: 'vault' }, { cookie: player().cookie }));
    expect(response.status).toBe(409);
    expect(((await response.json()) as { error: { code: string; message: string } }).error).toEqual({ code: 'not_movable', message: 'The game does not allow this item to be moved.' });
    expect(calls('TransferItem')).toBe(transfers + 1);
    expect(byId(engram.itemInstanceId!).owner).toBe(titan());
  });

  it('a full armour bucket where every item is locked, equipped or kept is reported as stuck; nothing of it moves', async () => {
    const held = fill(HELMET);
    for (const i of held) i.locked = !i.equipped;
    const answer = await turn();
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ moved: [], stuck: ['Helmet'] });
    expect(inBucket(titan(), HELMET)).toHaveLength(10);
  });

  it('with consumables chosen, also moves the Consumables bucket’s stacks (arrivals included) to the vault', async () => {
    // A small Consumables bucket, so one turn (at most 20 moves) takes it all.
    const stacks = world().items.filter((i) => i.owner === 'profile' && i.bucketHash === CONSUMABLES);
    world().items = world().items.filter((i) => !stacks.slice(3).includes(i));
    const arrived = arrive(CONSUMABLES, 1)[0]!;
    expect(arrived).toMatchObject({ owner: 'profile', bucketHash: CONSUMABLES, itemInstanceId: null });
    const held = world().items.filter((i) => i.owner === 'profile' && i.bucketHash === CONSUMABLES).map((i) => ({ hash: i.itemHash, quantity: i.quantity }));
    expect(held.length).toBeGreaterThanOrEqual(3);

    expect((await turn()).body.moved).toEqual([]);
    const answer = await turn({ consumables: true });
    expect(answer.status).toBe(200);
    expect(answer.body.moved.every((m) => m.kind === 'consumable')).toBe(true);
    expect(answer.body.moved.map((m) => ({ hash: m.itemHash, quantity: m.quantity })).sort((a, b) => a.hash - b.hash)).toEqual(held.sort((a, b) => a.hash - b.hash));
    expect(answer.body.summary).toBe(`Moved ${held.length} consumable stacks to the vault.`);
    expect(world().items.filter((i) => i.owner === 'profile' && i.bucketHash === CONSUMABLES)).toHaveLength(0);
    for (const h of held) expect(world().items.some((i) => i.owner === 'vault' && i.itemHash === h.hash && i.quantity === h.quantity)).toBe(true);
  });

  it('more than one turn’s worth: 20 move now (full buckets first), the rest are waiting for the next turn', async () => {
    fill(ENERGY);
    const all = 1 + world().items.filter((i) => i.owner === 'profile' && i.bucketHash === CONSUMABLES).length;
    expect(all).toBeGreaterThan(40);
    const answer = await turn({ consumables: true });
    expect(answer.body.moved).toHaveLength(20);
    expect(answer.body.moved[0]).toMatchObject({ kind: 'room', slot: 'Energy Weapons' });
    expect(answer.body.waiting).toBe(all - 20);
    const next = await turn({ consumables: true });
    expect(next.body.moved).toHaveLength(20);
    expect(next.body.waiting).toBe(all - 40);
  });

  it('stops at the first refusal — the vault is full — with the sentence, after reporting what moved', async () => {
    for (const bucket of [KINETIC, ENERGY, POWER]) for (const i of fill(bucket)) i.locked = false;
    const vaultCount = world().items.filter((i) => i.owner === 'vault').length;
    stack.sim.controls.setVaultCapacity(vaultCount + 2);
    const transfers = calls('TransferItem');
    const answer = await turn();
    expect(answer.status).toBe(200);
    expect(answer.body.moved.map((m) => m.slot)).toEqual(['Kinetic Weapons', 'Energy Weapons']);
    expect(answer.body.stopped).toEqual({ code: 'no_room', message: 'Farming stopped: your vault is full. Make room there, then turn farming on again.' });
    // Two moves and the refused one; nothing tried after it.
    expect(calls('TransferItem')).toBe(transfers + 3);
    expect([KINETIC, ENERGY, POWER].map((b) => inBucket(titan(), b).length)).toEqual([9, 9, 10]);
    expect(world().items.filter((i) => i.owner === 'vault')).toHaveLength(vaultCount + 2);
  });

  it('Bungie down for maintenance: the route answers 503 with the sentence and nothing moves', async () => {
    fill(KINETIC);
    stack.sim.controls.setMaintenance(true);
    const answer = await turn();
    expect(answer.status).toBe(503);
    expect(answer.body.error?.code).toBe('bungie_maintenance');
    expect(answer.body.error?.message).toMatch(/maintenance/i);
    expect(inBucket(titan(), KINETIC)).toHaveLength(10);
  });

  it('refuses a character that is not the player’s (404) and a body off its schema (400)', async () => {
    expect((await turn({}, '2305843009000000001')).status).toBe(404);
    const bad = await turn({ consumables: 'yes' });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.message).toBeTruthy();
    expect((await turn({ everything: true })).status).toBe(400);
  });

  it('an ended sign-in (the player removed the app) stops it: 401 with the sentence', async () => {
    fill(KINETIC);
    stack.sim.controls.revokeAuthorization();
    const answer = await turn();
    expect(answer.status).toBe(401);
    expect(answer.body.error).toMatchObject({ code: 'session_ended', message: 'Your Bungie session has ended — sign in again.' });
    expect(inBucket(titan(), KINETIC)).toHaveLength(10);
  });
});
