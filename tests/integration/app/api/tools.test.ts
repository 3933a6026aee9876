import { beforeAll, describe, expect, it } from 'vitest';
import { GET as getMaxPower, POST as postMaxPower } from '@/app/api/characters/[characterId]/max-power/route';
import { POST as collect } from '@/app/api/postmaster/collect/route';
import { GET as getSettings, PUT as putSettings } from '@/app/api/settings/route';
import { POST as transfer } from '@/app/api/items/transfer/route';
import type { SimItem } from '@/dev/bungie-sim';
import { forgetInventoryIndex } from '@/lib/actions/action-client';
import { setAnnotation } from '@/lib/annotations/annotations';
import type { ApplyReport } from '@/lib/loadouts/types';
import type { MaxPowerView, SweepReport } from '@/lib/tools/types';
import { APP_ORIGIN, jsonPost, withAppStack, type TestPlayer } from '@/tests/support/app-harness';
import { playerOnFreshItems } from '@/tests/support/item-world';
import { signInOtherUser } from '@/tests/support/loadouts';

// The everyday tools of issue 19 against the simulated game: the postmaster sweep (full slots,
// locked, kept and equipped items), making room on a move (a per-player setting, off by default),
// max power (the vault included, class rules, one exotic weapon and one exotic armour piece) and
// moving part of a stack (37 moved as 10).
const stack = withAppStack({ ingestManifest: true });
const session = playerOnFreshItems(stack);
let player: TestPlayer;
beforeAll(() => {
  player = session.player;
});

const world = () => stack.sim.world;
const charOf = (classType: number) => world().characters.find((c) => c.classType === classType)!.characterId;
const Bucket = { Vault: 138197802, Postmaster: 215593132, Kinetic: 1498876634, Energy: 2465295065, Power: 953998645, Helmet: 3448274439, Gauntlets: 3551918588, Chest: 14239492, Legs: 20886954, ClassItem: 1585787867, Consumables: 1469714392 } as const;
const byId = (id: string) => world().items.find((i) => i.itemInstanceId === id)!;
const calls = (endpoint: string) => stack.sim.stats.byEndpoint[endpoint] ?? 0;

async function json<T>(response: Response): Promise<{ status: number; body: T & { error?: { code: string; message: string; suggestion?: { label: string; move: { itemId: string } } } } }> {
  return { status: response.status, body: (await response.json()) as never };
}
const post = <T>(handler: (r: Request) => Promise<Response>, path: string, body: unknown, cookie = player.cookie) => handler(jsonPost(path, body, { cookie })).then((r) => json<T>(r));
const characterParams = (characterId: string) => ({ params: Promise.resolve({ characterId }) });
const maxPowerRequest = (method: string, characterId: string, cookie = player.cookie) =>
  new Request(`${APP_ORIGIN}/api/characters/${characterId}/max-power`, { method, headers: { cookie, origin: APP_ORIGIN } });
const settingsRequest = (method: string, body?: unknown, cookie = player.cookie) =>
  new Request(`${APP_ORIGIN}/api/settings`, { method, headers: { cookie, origin: APP_ORIGIN, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });

/** Fills `characterId`'s `slot` to its capacity of 10 with vault items of that slot its class can use. */
function fillSlot(characterId: string, slot: number, classType: number): SimItem[] {
  const held = () => world().items.filter((i) => i.owner === characterId && i.bucketHash === slot);
  for (const item of world().items) {
    if (held().length >= 10) break;
    if (item.owner === 'vault' && item.homeBucketHash === slot && item.itemInstanceId && (item.classType === 3 || item.classType === classType)) {
      item.owner = characterId;
      item.bucketHash = slot;
    }
  }
  expect(held()).toHaveLength(10);
  return held();
}

describe('postmaster sweep', () => {
  it('collects every item; a full slot gets room only from its least valuable unlocked, unkept, unequipped item', async () => {
    const titan = charOf(0);
    const waiting = world().items.filter((i) => i.owner === titan && i.bucketHash === Bucket.Postmaster);
    expect(waiting.length).toBeGreaterThanOrEqual(2);
    const full = waiting[0]!;
    const slot = full.homeBucketHash;
    const held = fillSlot(titan, slot, 0);
    // The slot's items, from most to least protected: equipped, locked, kept (tagged), and the rest with powers set.
    const unequipped = held.filter((i) => !i.equipped);
    for (const i of unequipped) Object.assign(i, { locked: false, power: 2000 });
    const [locked, kept, cheapest, next] = unequipped;
    locked!.power = 1500;
    locked!.locked = true;
    kept!.power = 1500;
    cheapest!.power = 1600;
    next!.power = 1700;
    // Same rarity everywhere the ranking looks: the test's lowest-power unlocked one must be chosen.
    const sameTier = world().items.find((i) => i.itemHash === cheapest!.itemHash)!;
    for (const i of unequipped) i.itemHash = sameTier.itemHash;
    const equipped = held.find((i) => i.equipped)!;
    equipped.power = 1000;

    const answer = await post<SweepReport>(collect, '/api/postmaster/collect', { characterId: titan, keep: [kept!.itemInstanceId] });
    expect(answer.status).toBe(200);
    expect(answer.body.total).toBe(waiting.length);
    expect(answer.body.collected).toBe(waiting.length);
    expect(answer.body.summary).toBe(`${waiting.length} of ${waiting.length} items collected from your Titan's postmaster.`);
    const line = answer.body.items.find((l) => l.itemId === full.itemInstanceId)!;
    expect(line.status).toBe('collected_made_room');
    expect(line.madeRoom?.itemId).toBe(cheapest!.itemInstanceId);
    expect(line.message).toMatch(/^Collected onto your Titan after moving .+ \(the least valuable unlocked item there\) to the vault to make room\.$/);
    for (const other of answer.body.items.filter((l) => l.itemId !== full.itemInstanceId)) expect(other.status).toMatch(/^collected/);
    // The world agrees: the postmaster is empty, exactly one item went to the vault, the protected ones stayed.
    expect(world().items.filter((i) => i.owner === titan && i.bucketHash === Bucket.Postmaster)).toHaveLength(0);
    expect(byId(cheapest!.itemInstanceId!).owner).toBe('vault');
    for (const stay of [locked!, kept!, next!, equipped]) expect(byId(stay.itemInstanceId!).owner).toBe(titan);
    expect(byId(equipped.itemInstanceId!).equipped).toBe(true);
  });

  it('never moves an item tagged favourite in the store, though the page sent no keep list (tagged on another device)', async () => {
    const titan = charOf(0);
    const full = world().items.find((i) => i.owner === titan && i.bucketHash === Bucket.Postmaster)!;
    const held = fillSlot(titan, full.homeBucketHash, 0);
    const unequipped = held.filter((i) => !i.equipped);
    for (const i of unequipped) Object.assign(i, { locked: false, power: 2000 });
    const [favourite, cheapest] = unequipped;
    const sameTier = world().items.find((i) => i.itemHash === cheapest!.itemHash)!;
    for (const i of unequipped) i.itemHash = sameTier.itemHash;
    // The favourite is the least valuable by power: only its stored tag keeps it.
    favourite!.power = 1500;
    cheapest!.power = 1600;
    await setAnnotation(player.userId, favourite!.itemInstanceId!, { tag: 'favorite' });

    const answer = await post<SweepReport>(collect, '/api/postmaster/collect', { characterId: titan });
    expect(answer.status).toBe(200);
    const line = answer.body.items.find((l) => l.itemId === full.itemInstanceId)!;
    expect(line.status).toBe('collected_made_room');
    expect(line.madeRoom?.itemId).toBe(cheapest!.itemInstanceId);
    expect(byId(favourite!.itemInstanceId!).owner).toBe(titan);
    expect(byId(cheapest!.itemInstanceId!).owner).toBe('vault');
  });

  it('leaves an item when every item of its full slot is locked, kept or equipped, and says why; nothing else moves', async () => {
    const titan = charOf(0);
    const full = world().items.find((i) => i.owner === titan && i.bucketHash === Bucket.Postmaster)!;
    const held = fillSlot(titan, full.homeBucketHash, 0);
    const unequipped = held.filter((i) => !i.equipped);
    const keep = unequipped.slice(0, 3).map((i) => i.itemInstanceId!);
    for (const i of unequipped.slice(3)) i.locked = true;
    const before = world().items.filter((i) => i.owner === titan && i.bucketHash === full.homeBucketHash).map((i) => i.itemInstanceId).sort();
    const transfers = calls('TransferItem');

    const answer = await post<SweepReport>(collect, '/api/postmaster/collect', { characterId: titan, keep });
    expect(answer.status).toBe(200);
    const line = answer.body.items.find((l) => l.itemId === full.itemInstanceId)!;
    expect(line.status).toBe('left');
    expect(line.message).toMatch(/of your Titan are full, and every item there is locked, equipped or kept: make room yourself, then collect it\.$/);
    expect(calls('TransferItem')).toBe(transfers);
    expect(byId(full.itemInstanceId!).bucketHash).toBe(Bucket.Postmaster);
    expect(world().items.filter((i) => i.owner === titan && i.bucketHash === full.homeBucketHash).map((i) => i.itemInstanceId).sort()).toEqual(before);
    expect(answer.body.collected).toBe(answer.body.total - 1);
  });

  it('refuses a character that is not the player’s (404) and a malformed body (400)', async () => {
    expect((await post(collect, '/api/postmaster/collect', { characterId: '123' })).status).toBe(404);
    const bad = await post(collect, '/api/postmaster/collect', { characterId: charOf(0), keep: 'all' });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.message).toBeTruthy();
  });
});

describe('make room on a move', () => {
  function fullTitanSlot(): { incoming: SimItem; titan: string } {
    const titan = charOf(0);
    const incoming = world().items.find((i) => i.owner === 'vault' && i.itemInstanceId && i.classType === 3 && !i.uniqueLabel && i.homeBucketHash === Bucket.Kinetic)!;
    incoming.owner = 'elsewhere';
    fillSlot(titan, Bucket.Kinetic, 0);
    incoming.owner = 'vault';
    forgetInventoryIndex(player.userId);
    return { incoming, titan };
  }

  it('is off by default: a full slot is refused with the one move offered, and nothing moves', async () => {
    const other = await signInOtherUser();
    expect(await json<{ autoMakeRoom: boolean }>(await getSettings(settingsRequest('GET', undefined, other.cookie)))).toEqual({ status: 200, body: { autoMakeRoom: false } });
    const { incoming, titan } = fullTitanSlot();
    const before = JSON.stringify(world().items);
    const answer = await post(transfer, '/api/items/transfer', { itemId: incoming.itemInstanceId, itemHash: incoming.itemHash, from: 'vault', to: titan });
    expect(answer.status).toBe(409);
    expect(answer.body.error?.code).toBe('no_room');
    expect(JSON.stringify(world().items)).toBe(before);
  });

  it('turned on, makes the one suggested move, then the asked one, and announces it', async () => {
    const saved = await json<{ autoMakeRoom: boolean }>(await putSettings(settingsRequest('PUT', { autoMakeRoom: true })));
    expect(saved).toEqual({ status: 200, body: { autoMakeRoom: true } });
    expect((await json(await getSettings(settingsRequest('GET')))).body).toEqual({ autoMakeRoom: true });
    try {
      const { incoming, titan } = fullTitanSlot();
      const onTitan = new Set(world().items.filter((i) => i.owner === titan && i.bucketHash === Bucket.Kinetic).map((i) => i.itemInstanceId));
      const answer = await post<{ items: { itemId: string; owner: string }[]; madeRoom: { label: string; message: string; move: { itemId: string; from: string; to: string } } }>(transfer, '/api/items/transfer', { itemId: incoming.itemInstanceId, itemHash: incoming.itemHash, from: 'vault', to: titan });
      expect(answer.status).toBe(200);
      expect(answer.body.items[0]).toMatchObject({ itemId: incoming.itemInstanceId, owner: titan });
      expect(answer.body.madeRoom.move).toMatchObject({ from: titan, to: 'vault' });
      expect(answer.body.madeRoom.message).toMatch(/^Move .+ from your Titan to the vault to make room, as your settings ask\.$/);
      const moved = byId(answer.body.madeRoom.move.itemId);
      expect(onTitan.has(moved.itemInstanceId)).toBe(true);
      expect(moved).toMatchObject({ owner: 'vault', locked: false, equipped: false });
      expect(byId(incoming.itemInstanceId!).owner).toBe(titan);
      // Only that one item left the Titan's slot.
      const now = world().items.filter((i) => i.owner === titan && i.bucketHash === Bucket.Kinetic).map((i) => i.itemInstanceId);
      expect(now.filter((id) => !onTitan.has(id))).toEqual([incoming.itemInstanceId]);
      expect([...onTitan].filter((id) => !now.includes(id))).toEqual([moved.itemInstanceId]);
    } finally {
      await putSettings(settingsRequest('PUT', { autoMakeRoom: false }));
    }
  });

  it('a setting that is not a boolean, or no setting, is a 400 with a sentence', async () => {
    for (const body of [{ autoMakeRoom: 'yes' }, {}, { other: true }]) {
      const answer = await json(await putSettings(settingsRequest('PUT', body)));
      expect(answer.status).toBe(400);
      expect(answer.body.error?.message).toMatch(/\w/);
    }
  });
});

describe('max power', () => {
  /** Every piece of gear 1900, then a few chosen items higher: two exotic weapons, two exotic armour pieces, a Hunter-only helmet. */
  function stage() {
    const titan = charOf(0);
    for (const i of world().items) if (i.power > 0) i.power = 1900;
    const pick = (filter: (i: SimItem) => boolean, what: string) => {
      const found = world().items.find((i) => i.itemInstanceId && i.bucketHash !== Bucket.Postmaster && !i.equipped && filter(i));
      if (!found) throw new Error(`the simulated world has no ${what}`);
      return found;
    };
    const kineticExotic = pick((i) => i.owner === 'vault' && i.homeBucketHash === Bucket.Kinetic && i.uniqueLabel === 'exotic_weapon', 'exotic kinetic weapon in the vault');
    const energyExotic = pick((i) => i.homeBucketHash === Bucket.Energy && i.uniqueLabel === 'exotic_weapon', 'exotic energy weapon');
    const energyLegendary = pick((i) => i.owner === 'vault' && i.homeBucketHash === Bucket.Energy && !i.uniqueLabel, 'legendary energy weapon in the vault');
    const helmetExotic = pick((i) => i.homeBucketHash === Bucket.Helmet && i.uniqueLabel === 'exotic_armor' && i.classType === 0, 'Titan exotic helmet');
    const chestExotic = pick((i) => i.homeBucketHash === Bucket.Chest && i.uniqueLabel === 'exotic_armor' && i.classType === 0, 'Titan exotic chest');
    const hunterLegs = pick((i) => i.homeBucketHash === Bucket.Legs && i.classType === 1, 'Hunter leg armour');
    Object.assign(kineticExotic, { power: 2050 });
    Object.assign(energyExotic, { power: 2040 });
    Object.assign(energyLegendary, { power: 2030 });
    Object.assign(helmetExotic, { power: 2070 });
    Object.assign(chestExotic, { power: 2060 });
    Object.assign(hunterLegs, { power: 2100 });
    forgetInventoryIndex(player.userId);
    return { titan, kineticExotic, energyExotic, energyLegendary, helmetExotic, chestExotic, hunterLegs };
  }

  it('picks the best item per slot from anywhere, one exotic weapon and one exotic armour piece, the class’s armour only', async () => {
    const s = stage();
    const answer = await json<MaxPowerView>(await getMaxPower(maxPowerRequest('GET', s.titan), characterParams(s.titan)));
    expect(answer.status).toBe(200);
    const ids = answer.body.items.map((i) => i.itemId);
    expect(ids).toContain(s.kineticExotic.itemInstanceId);
    expect(ids).toContain(s.energyLegendary.itemInstanceId);
    expect(ids).toContain(s.helmetExotic.itemInstanceId);
    for (const not of [s.energyExotic, s.chestExotic, s.hunterLegs]) expect(ids).not.toContain(not.itemInstanceId);
    expect(answer.body.items.map((i) => i.slot)).toEqual(['Kinetic Weapons', 'Energy Weapons', 'Power Weapons', 'Helmet', 'Gauntlets', 'Chest Armor', 'Leg Armor', 'Class Armor']);
    expect(answer.body.power).toBe(Math.floor((2050 + 2030 + 1900 + 2070 + 1900 * 4) / 8));
    expect(answer.body.equippedPower).toBe(1900);
    expect(answer.body.items.find((i) => i.itemId === s.kineticExotic.itemInstanceId)?.where).toBe('In your vault');
  });

  it('“Equip max power” puts the set on through the loadout engine, with its per-item report', async () => {
    const s = stage();
    const before = calls('EquipItems');
    const answer = await json<ApplyReport>(await postMaxPower(maxPowerRequest('POST', s.titan), characterParams(s.titan)));
    expect(answer.status).toBe(200);
    expect(answer.body.total).toBe(8);
    expect(answer.body.summary).toBe('All 8 items equipped on your Titan.');
    expect(calls('EquipItems')).toBe(before + 1);
    for (const item of [s.kineticExotic, s.energyLegendary, s.helmetExotic]) {
      expect(byId(item.itemInstanceId!)).toMatchObject({ owner: s.titan, equipped: true });
      expect(answer.body.items.find((l) => l.itemId === item.itemInstanceId)?.status).toBe('moved_equipped');
    }
    const worn = world().items.filter((i) => i.owner === s.titan && i.equipped);
    expect(worn.filter((i) => i.uniqueLabel === 'exotic_weapon')).toHaveLength(1);
    expect(worn.filter((i) => i.uniqueLabel === 'exotic_armor')).toHaveLength(1);
    const again = await json<MaxPowerView>(await getMaxPower(maxPowerRequest('GET', s.titan), characterParams(s.titan)));
    expect(again.body.equippedPower).toBe(again.body.power);
  });

  it('another player’s or a made-up character is a 404, and no items move', async () => {
    const before = calls('TransferItem');
    for (const id of ['42', 'not-a-character']) {
      const answer = await json(await postMaxPower(maxPowerRequest('POST', id), characterParams(id)));
      expect(answer.status).toBe(404);
      expect(answer.body.error?.code).toBe('unknown_character');
    }
    expect(calls('TransferItem')).toBe(before);
  });
});

describe('stacks move by amount', () => {
  it('a stack of 37 moved as 10 leaves 27 in the vault; then “all” moves the rest', async () => {
    const titan = charOf(0);
    const stackItem = world().items.find((i) => i.owner === 'vault' && !i.itemInstanceId && i.homeBucketHash === Bucket.Consumables && !world().items.some((j) => j !== i && j.itemHash === i.itemHash && j.owner !== 'profile'))!;
    expect(stackItem).toBeDefined();
    stackItem.quantity = 37;
    forgetInventoryIndex(player.userId);
    const moved = await post(transfer, '/api/items/transfer', { itemId: '0', itemHash: stackItem.itemHash, from: 'vault', to: titan, quantity: 10 });
    expect(moved.status).toBe(200);
    const of = (owner: string) => world().items.filter((i) => i.itemHash === stackItem.itemHash && i.owner === owner).reduce((n, i) => n + i.quantity, 0);
    expect(of('vault')).toBe(27);
    expect(of(titan)).toBe(10);
    const rest = await post(transfer, '/api/items/transfer', { itemId: '0', itemHash: stackItem.itemHash, from: 'vault', to: titan });
    expect(rest.status).toBe(200);
    expect(of('vault')).toBe(0);
    expect(of(titan)).toBe(37);
  });
});
