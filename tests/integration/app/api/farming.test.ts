import { describe, expect, it, onTestFinished } from 'vitest';
import { POST as farm } from '@/app/api/characters/[characterId]/farming/route';
import { clearAnnotation, setAnnotation } from '@/lib/annotations/annotations';
import type { FarmingReport } from '@/lib/tools/types';
import { jsonPost, withAppStack } from '@/tests/support/app-harness';
import { playerOnFreshItems } from '@/tests/support/item-world';

// Farming mode (issue 19) against the simulated game: engrams arriving on a character go to the
// vault turn by turn, consumables only when asked, never a locked or kept (favourite / keep) item,
// and the first refusal — a full vault, maintenance, an ended sign-in — stops it with a sentence.
const stack = withAppStack({ ingestManifest: true });
const session = playerOnFreshItems(stack, () => {
  stack.sim.controls.setVaultCapacity(null);
  stack.sim.controls.setMaintenance(false);
});
const player = () => session.player;

const ENGRAMS = 375726501;
const CONSUMABLES = 1469714392;
const world = () => stack.sim.world;
const titan = () => world().characters.find((c) => c.classType === 0)!.characterId;
const calls = (endpoint: string) => stack.sim.stats.byEndpoint[endpoint] ?? 0;
const engramsOn = (characterId: string) => world().items.filter((i) => i.owner === characterId && i.bucketHash === ENGRAMS);
const ownerOf = (id: string) => world().items.find((i) => i.itemInstanceId === id)?.owner;
const arrive = (bucketHash: typeof ENGRAMS | typeof CONSUMABLES, count: number) => stack.sim.controls.arrive({ characterId: titan(), bucketHash, count });

type Answer = { status: number; body: FarmingReport & { error?: { code: string; message: string } } };
async function turn(body: unknown = {}, characterId = titan()): Promise<Answer> {
  const response = await farm(jsonPost(`/api/characters/${characterId}/farming`, body, { cookie: player().cookie }), { params: Promise.resolve({ characterId }) });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

describe('farming mode', () => {
  it('moves engrams that arrive on the character to the vault, turn after turn; consumables stay unless asked', async () => {
    const consumablesBefore = world().items.filter((i) => i.owner === 'profile' && i.bucketHash === CONSUMABLES).length;
    const first = await turn();
    expect(first.status).toBe(200);
    // The world's own engrams (3 per character) go on the first turn.
    expect(first.body.moved.map((m) => m.kind)).toEqual(['engram', 'engram', 'engram']);
    expect(first.body.summary).toBe('Moved 3 engrams to the vault.');
    expect(engramsOn(titan())).toHaveLength(0);

    const arrived = arrive(ENGRAMS, 2);
    expect(arrived.map((a) => a.bucketHash)).toEqual([ENGRAMS, ENGRAMS]);
    expect(engramsOn(titan())).toHaveLength(2);
    const second = await turn();
    expect(second.body.summary).toBe('Moved 2 engrams to the vault.');
    expect(second.body.moved.map((m) => m.itemId).sort()).toEqual(arrived.map((a) => a.itemInstanceId).sort());
    expect(second.body.moved.every((m) => m.name && !m.name.startsWith('Unknown'))).toBe(true);
    for (const a of arrived) expect(ownerOf(a.itemInstanceId!)).toBe('vault');
    expect(world().items.filter((i) => i.owner === 'profile' && i.bucketHash === CONSUMABLES)).toHaveLength(consumablesBefore);

    // Nothing new: one profile read, no transfer.
    const transfers = calls('TransferItem');
    const third = await turn();
    expect(third.body).toMatchObject({ moved: [], summary: 'Nothing new to move.', waiting: 0 });
    expect(third.body.stopped).toBeUndefined();
    expect(calls('TransferItem')).toBe(transfers);
  });

  it('never moves a locked item or one tagged favourite or keep; other tags move', async () => {
    const [locked, favourite, keep, junk] = arrive(ENGRAMS, 4).map((a) => a.itemInstanceId!);
    world().items.find((i) => i.itemInstanceId === locked)!.locked = true;
    await setAnnotation(player().userId, favourite!, { tag: 'favorite' });
    await setAnnotation(player().userId, keep!, { tag: 'keep' });
    await setAnnotation(player().userId, junk!, { tag: 'junk' });
    // Arrivals after a world reset get the same ids again: the tags must not outlive this test.
    onTestFinished(() => Promise.all([favourite!, keep!, junk!].map((id) => clearAnnotation(player().userId, id))).then(() => undefined));

    const answer = await turn();
    expect(answer.status).toBe(200);
    expect(answer.body.kept).toBe(3);
    expect(answer.body.moved.map((m) => m.itemId)).toContain(junk);
    for (const stay of [locked!, favourite!, keep!]) expect(ownerOf(stay)).toBe(titan());
    expect(ownerOf(junk!)).toBe('vault');
    expect(engramsOn(titan()).map((i) => i.itemInstanceId).sort()).toEqual([locked, favourite, keep].sort());
  });

  it('with consumables chosen, also moves the Consumables bucket’s stacks (arrivals included) to the vault', async () => {
    // A small Consumables bucket, so one turn (at most 20 moves) takes it all.
    const stacks = world().items.filter((i) => i.owner === 'profile' && i.bucketHash === CONSUMABLES);
    world().items = world().items.filter((i) => !stacks.slice(3).includes(i));
    const arrived = arrive(CONSUMABLES, 1)[0]!;
    expect(arrived).toMatchObject({ owner: 'profile', bucketHash: CONSUMABLES, itemInstanceId: null });
    const held = world().items.filter((i) => i.owner === 'profile' && i.bucketHash === CONSUMABLES).map((i) => ({ hash: i.itemHash, quantity: i.quantity }));
    expect(held.length).toBeGreaterThanOrEqual(3);

    const answer = await turn({ consumables: true });
    expect(answer.status).toBe(200);
    const consumables = answer.body.moved.filter((m) => m.kind === 'consumable');
    expect(consumables.map((m) => ({ hash: m.itemHash, quantity: m.quantity })).sort((a, b) => a.hash - b.hash)).toEqual(held.sort((a, b) => a.hash - b.hash));
    expect(answer.body.summary).toBe(`Moved 3 engrams and ${held.length} consumable stacks to the vault.`);
    expect(world().items.filter((i) => i.owner === 'profile' && i.bucketHash === CONSUMABLES)).toHaveLength(0);
    for (const h of held) expect(world().items.some((i) => i.owner === 'vault' && i.itemHash === h.hash && i.quantity === h.quantity)).toBe(true);
  });

  it('more than one turn’s worth: 20 move now, the rest are waiting for the next turn', async () => {
    const all = engramsOn(titan()).length + world().items.filter((i) => i.owner === 'profile' && i.bucketHash === CONSUMABLES).length;
    expect(all).toBeGreaterThan(40);
    const answer = await turn({ consumables: true });
    expect(answer.body.moved).toHaveLength(20);
    expect(answer.body.waiting).toBe(all - 20);
    const next = await turn({ consumables: true });
    expect(next.body.moved).toHaveLength(20);
    expect(next.body.waiting).toBe(all - 40);
  });

  it('stops at the first refusal — the vault is full — with the sentence, after reporting what moved', async () => {
    const vaultCount = world().items.filter((i) => i.owner === 'vault').length;
    stack.sim.controls.setVaultCapacity(vaultCount + 2);
    arrive(ENGRAMS, 3);
    const transfers = calls('TransferItem');
    const answer = await turn();
    expect(answer.status).toBe(200);
    expect(answer.body.moved).toHaveLength(2);
    expect(answer.body.stopped).toEqual({ code: 'no_room', message: 'Farming stopped: your vault is full. Make room there, then turn farming on again.' });
    expect(answer.body.waiting).toBe(4);
    // Two moves and the refused one; nothing tried after it.
    expect(calls('TransferItem')).toBe(transfers + 3);
    expect(engramsOn(titan())).toHaveLength(4);
    expect(world().items.filter((i) => i.owner === 'vault')).toHaveLength(vaultCount + 2);
  });

  it('Bungie down for maintenance: the route answers 503 with the sentence and nothing moves', async () => {
    stack.sim.controls.setMaintenance(true);
    const answer = await turn();
    expect(answer.status).toBe(503);
    expect(answer.body.error?.code).toBe('bungie_maintenance');
    expect(answer.body.error?.message).toMatch(/maintenance/i);
    expect(engramsOn(titan())).toHaveLength(3);
  });

  it('refuses a character that is not the player’s (404) and a body off its schema (400)', async () => {
    expect((await turn({}, '2305843009000000001')).status).toBe(404);
    const bad = await turn({ consumables: 'yes' });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.message).toBeTruthy();
    expect((await turn({ everything: true })).status).toBe(400);
  });

  it('an ended sign-in (the player removed the app) stops it: 401 with the sentence', async () => {
    stack.sim.controls.revokeAuthorization();
    const answer = await turn();
    expect(answer.status).toBe(401);
    expect(answer.body.error).toMatchObject({ code: 'session_ended', message: 'Your Bungie session has ended — sign in again.' });
    expect(engramsOn(titan())).toHaveLength(3);
  });
});
