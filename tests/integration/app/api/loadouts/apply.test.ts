import { http, HttpResponse } from 'msw';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SimItem } from '@/dev/bungie-sim';
import type { ApplyReport, LoadoutView } from '@/lib/loadouts/types';
import { signInPlayer, withAppStack, type TestPlayer } from '@/tests/support/app-harness';
import { insertLoadout, loadoutClient } from '@/tests/support/loadouts';

// Applying a loadout through `POST /api/loadouts/[id]/apply` against the simulated game: items come
// from the vault or another character, then ONE EquipItems call; the report says per item what
// happened, and the world must agree.
const stack = withAppStack({ ingestManifest: true });
let player: TestPlayer;
const equipBodies: { itemIds: string[]; characterId: string }[] = [];
beforeAll(async () => {
  player = await signInPlayer(stack.sim);
  stack.server.events.on('request:start', async ({ request }) => {
    if (new URL(request.url).pathname.endsWith('/Actions/Items/EquipItems/')) equipBodies.push((await request.clone().json()) as (typeof equipBodies)[number]);
  });
});
afterEach(() => {
  for (const c of world().characters) stack.sim.controls.setCharacterLocation(c.characterId, 'orbit');
  stack.sim.controls.setMaintenance(false);
});

const api = loadoutClient(() => player);
const world = () => stack.sim.world;
const titan = () => world().characters.find((c) => c.classType === 0)!.characterId;
const hunter = () => world().characters.find((c) => c.classType === 1)!.characterId;
const Bucket = { Vault: 138197802, Kinetic: 1498876634, Energy: 2465295065, Power: 953998645, Helmet: 3448274439 } as const;
const calls = () => ({ transfers: stack.sim.stats.byEndpoint.TransferItem ?? 0, equips: stack.sim.stats.byEndpoint.EquipItems ?? 0, single: stack.sim.stats.byEndpoint.EquipItem ?? 0 });
const since = (before: ReturnType<typeof calls>) => {
  const now = calls();
  return { transfers: now.transfers - before.transfers, equips: now.equips - before.equips, single: now.single - before.single };
};
const item = (id: string) => world().items.find((i) => i.itemInstanceId === id)!;
const equippedIn = (characterId: string, bucket: number) => world().items.find((i) => i.owner === characterId && i.equipped && i.bucketHash === bucket)!;

/** In the game, the player equips a spare (non-exotic) item in the slot, then sends the old one to `to`. */
function sendAway(gone: SimItem, to: string): void {
  const spare = world().items.find((i) => i.owner === gone.owner && i.bucketHash === gone.bucketHash && !i.equipped && !i.uniqueLabel && i.itemInstanceId);
  if (!spare) throw new Error('no spare item in that slot');
  spare.equipped = true;
  gone.equipped = false;
  gone.owner = to;
  gone.bucketHash = to === 'vault' ? Bucket.Vault : gone.homeBucketHash;
}

/** In the game, the player takes `incoming` (from the vault or the character) and equips it. */
function wear(incoming: SimItem, characterId: string): void {
  const current = equippedIn(characterId, incoming.homeBucketHash);
  current.equipped = false;
  incoming.owner = characterId;
  incoming.bucketHash = incoming.homeBucketHash;
  incoming.equipped = true;
}

/** An instanced vault weapon for `bucket`, exotic or not, not among `except`. */
function vaultWeapon(bucket: number, exotic: boolean, except: SimItem[] = []): SimItem {
  const found = world().items.find((i) => i.owner === 'vault' && i.itemInstanceId && i.homeBucketHash === bucket && (i.uniqueLabel === 'exotic_weapon') === exotic && !except.includes(i));
  if (!found) throw new Error(`the simulated vault has no ${exotic ? 'exotic' : 'legendary'} weapon for bucket ${bucket}`);
  return found;
}

/** An unequipped exotic weapon for `bucket` in the vault or on the Titan, for the Titan to wear. */
function spareExotic(bucket: number): SimItem {
  const found = world().items.find((i) => (i.owner === 'vault' || i.owner === titan()) && !i.equipped && i.itemInstanceId && i.homeBucketHash === bucket && i.uniqueLabel === 'exotic_weapon');
  if (!found) throw new Error(`the simulated world has no spare exotic weapon for bucket ${bucket}`);
  return found;
}

/** The Titan takes off every exotic (a spare legendary goes on in its slot), as a player would before a test. */
function wearNoExotics(): void {
  for (const worn of world().items.filter((i) => i.owner === titan() && i.equipped && i.uniqueLabel)) sendAway(worn, 'vault');
}

let saved = 0;
async function saveTitan(): Promise<LoadoutView> {
  const answer = await api.create<{ loadout: LoadoutView }>({ name: `Titan set ${++saved}`, characterId: titan() });
  expect(answer.status).toBe(201);
  return answer.body.loadout;
}

async function apply(id: string, characterId = titan()): Promise<ApplyReport> {
  const answer = await api.apply<ApplyReport>(id, { characterId });
  expect(answer.status, JSON.stringify(answer.body.error)).toBe(200);
  return answer.body;
}

const lineOf = (report: ApplyReport, itemId: string) => report.items.find((i) => i.itemId === itemId)!;

describe('applying a loadout', () => {
  it('does nothing when everything is already equipped: no transfer, no EquipItems', async () => {
    const loadout = await saveTitan();
    const before = calls();
    const report = await apply(loadout.id);
    expect(report.items.map((i) => i.status)).toEqual(loadout.items.map(() => 'equipped'));
    expect(report.items.every((i) => i.message === 'Already equipped.' && i.unchanged)).toBe(true);
    expect(report.summary).toBe(`All ${loadout.items.length} items equipped on your Titan.`);
    expect(since(before)).toEqual({ transfers: 0, equips: 0, single: 0 });
  });

  it('brings items back from the vault and equips them all in ONE EquipItems call', async () => {
    const loadout = await saveTitan();
    const kinetic = equippedIn(titan(), Bucket.Kinetic);
    const helmet = equippedIn(titan(), Bucket.Helmet);
    sendAway(kinetic, 'vault');
    sendAway(helmet, 'vault');
    const before = calls();
    equipBodies.length = 0;
    const report = await apply(loadout.id);
    for (const moved of [kinetic, helmet]) {
      expect(lineOf(report, moved.itemInstanceId!)).toMatchObject({ status: 'moved_equipped', message: 'Moved from your vault and equipped.', unchanged: false });
      expect(item(moved.itemInstanceId!)).toMatchObject({ owner: titan(), equipped: true });
    }
    expect(report.items.filter((i) => i.status === 'equipped')).toHaveLength(loadout.items.length - 2);
    expect(report.equipped).toBe(loadout.items.length);
    expect(since(before)).toEqual({ transfers: 2, equips: 1, single: 0 });
    expect(equipBodies).toEqual([{ itemIds: expect.arrayContaining([kinetic.itemInstanceId, helmet.itemInstanceId]), characterId: titan(), membershipType: expect.any(Number) }]);
    expect(equipBodies[0]!.itemIds).toHaveLength(2);
  });

  it('brings an item from another character through the vault (two transfers)', async () => {
    const loadout = await saveTitan();
    const energy = equippedIn(titan(), Bucket.Energy);
    sendAway(energy, hunter());
    const before = calls();
    const report = await apply(loadout.id);
    expect(lineOf(report, energy.itemInstanceId!)).toMatchObject({ status: 'moved_equipped', message: 'Moved from your Hunter and equipped.' });
    expect(item(energy.itemInstanceId!)).toMatchObject({ owner: titan(), equipped: true });
    expect(since(before)).toEqual({ transfers: 2, equips: 1, single: 0 });
  });

  it('reports an item that is gone from the inventory as missing, and equips the rest', async () => {
    const loadout = await saveTitan();
    const power = equippedIn(titan(), Bucket.Power);
    const helmet = equippedIn(titan(), Bucket.Helmet);
    sendAway(power, 'vault');
    expect(stack.sim.controls.removeItem(power.itemInstanceId!)).toBe(true);
    sendAway(helmet, 'vault');
    const before = calls();
    equipBodies.length = 0;
    const report = await apply(loadout.id);
    expect(lineOf(report, power.itemInstanceId!)).toMatchObject({ status: 'missing', message: 'It is no longer in your inventory.' });
    expect(lineOf(report, helmet.itemInstanceId!).status).toBe('moved_equipped');
    expect(report.summary).toBe(`${loadout.items.length - 1} of ${loadout.items.length} items equipped on your Titan.`);
    expect(since(before)).toEqual({ transfers: 1, equips: 1, single: 0 });
    expect(equipBodies.map((b) => b.itemIds)).toEqual([[helmet.itemInstanceId]]);
  });

  it('a slot conflict: a second item for one slot and a second exotic weapon are reported, not moved', async () => {
    const kineticA = vaultWeapon(Bucket.Kinetic, false);
    const kineticB = vaultWeapon(Bucket.Kinetic, false, [kineticA]);
    const exoticEnergy = vaultWeapon(Bucket.Energy, true);
    const exoticPower = vaultWeapon(Bucket.Power, true);
    const stored = [kineticA, kineticB, exoticEnergy, exoticPower].map((i) => ({ itemId: i.itemInstanceId!, itemHash: i.itemHash, bucketHash: i.homeBucketHash }));
    const id = await insertLoadout(player.userId, 'Clashing', stored);
    const before = calls();
    equipBodies.length = 0;
    const report = await apply(id);
    expect(report.items.map((i) => i.status)).toEqual(['moved_equipped', 'conflict', 'moved_equipped', 'conflict']);
    expect(lineOf(report, kineticB.itemInstanceId!).message).toBe('Another item in this loadout goes in the same slot (Kinetic Weapons).');
    expect(lineOf(report, exoticPower.itemInstanceId!).message).toBe('This loadout already has an exotic weapon, and only one can be equipped at a time.');
    expect(item(kineticB.itemInstanceId!).owner).toBe('vault');
    expect(item(exoticPower.itemInstanceId!).owner).toBe('vault');
    expect(item(kineticA.itemInstanceId!)).toMatchObject({ owner: titan(), equipped: true });
    expect(item(exoticEnergy.itemInstanceId!)).toMatchObject({ owner: titan(), equipped: true });
    expect(since(before)).toEqual({ transfers: 2, equips: 1, single: 0 });
    // The exotic goes last in the one call.
    expect(equipBodies.map((b) => b.itemIds)).toEqual([[kineticA.itemInstanceId, exoticEnergy.itemInstanceId]]);
  });

  it('reads a stored row defensively: an item listed twice counts once, a malformed row is empty', async () => {
    const kinetic = vaultWeapon(Bucket.Kinetic, false);
    const once = { itemId: kinetic.itemInstanceId!, itemHash: kinetic.itemHash, bucketHash: Bucket.Kinetic };
    const report = await apply(await insertLoadout(player.userId, 'Twice', [once, once]));
    expect(report.items).toHaveLength(1);
    expect(report.items[0]).toMatchObject({ itemId: once.itemId, status: 'moved_equipped' });
    const broken = await insertLoadout(player.userId, 'Broken', [{ itemId: 'not digits', itemHash: -1, bucketHash: 0 }]);
    const empty = await apply(broken);
    expect(empty).toMatchObject({ total: 0, equipped: 0, items: [], summary: 'This loadout holds no items.' });
  });

  it('equips the loadout’s other items before its exotic, so an exotic it replaces is off first', async () => {
    const exoticKinetic = vaultWeapon(Bucket.Kinetic, true);
    const legendaryEnergy = vaultWeapon(Bucket.Energy, false);
    // The Titan wears another exotic weapon in the Energy slot, which the loadout replaces.
    wearNoExotics();
    wear(spareExotic(Bucket.Energy), titan());
    const stored = [exoticKinetic, legendaryEnergy].map((i) => ({ itemId: i.itemInstanceId!, itemHash: i.itemHash, bucketHash: i.homeBucketHash }));
    const report = await apply(await insertLoadout(player.userId, 'Exotic swap', stored));
    expect(report.items.map((i) => i.status)).toEqual(['moved_equipped', 'moved_equipped']);
    expect(item(exoticKinetic.itemInstanceId!).equipped).toBe(true);
    expect(item(legendaryEnergy.itemInstanceId!).equipped).toBe(true);
  });

  it('explains the game’s refusal of a second exotic (EquipItems’ per-item status) in a player’s words', async () => {
    // The Titan wears an exotic Energy weapon the loadout does not touch.
    wearNoExotics();
    wear(spareExotic(Bucket.Energy), titan());
    const exoticKinetic = vaultWeapon(Bucket.Kinetic, true);
    const id = await insertLoadout(player.userId, 'Second exotic', [{ itemId: exoticKinetic.itemInstanceId!, itemHash: exoticKinetic.itemHash, bucketHash: Bucket.Kinetic }]);
    const report = await apply(id);
    expect(report.items[0]).toMatchObject({
      status: 'equip_failed',
      message: 'Moved to your Titan, but not equipped: You can equip only one exotic weapon and one exotic armour piece at a time. Unequip the other exotic first.',
    });
    expect(item(exoticKinetic.itemInstanceId!)).toMatchObject({ owner: titan(), equipped: false });
    expect(report.summary).toBe('0 of 1 items equipped on your Titan.');
  });

  it('says when there is no room on the character, and offers the move that makes room', async () => {
    const loadout = await saveTitan();
    const kinetic = equippedIn(titan(), Bucket.Kinetic);
    sendAway(kinetic, 'vault');
    const fillers: SimItem[] = [];
    while (world().items.filter((i) => i.owner === titan() && i.bucketHash === Bucket.Kinetic).length < 10) {
      const filler = vaultWeapon(Bucket.Kinetic, false, [kinetic, ...fillers]);
      Object.assign(filler, { owner: titan(), bucketHash: Bucket.Kinetic });
      fillers.push(filler);
    }
    try {
      const report = await apply(loadout.id);
      const line = lineOf(report, kinetic.itemInstanceId!);
      expect(line.status).toBe('move_failed');
      expect(line.message).toMatch(/^There is no room in your Titan for this item\. Move .+ from your Titan to the vault to make room\?$/);
      expect(item(kinetic.itemInstanceId!).owner).toBe('vault');
      expect(report.items.filter((i) => i.status === 'equipped')).toHaveLength(loadout.items.length - 1);
    } finally {
      for (const filler of fillers) Object.assign(filler, { owner: 'vault', bucketHash: Bucket.Vault });
    }
  });

  it('from another character with no room here: says the item is in the vault now', async () => {
    const loadout = await saveTitan();
    const energy = equippedIn(titan(), Bucket.Energy);
    sendAway(energy, hunter());
    const fillers: SimItem[] = [];
    while (world().items.filter((i) => i.owner === titan() && i.bucketHash === Bucket.Energy).length < 10) {
      const filler = vaultWeapon(Bucket.Energy, false, fillers);
      Object.assign(filler, { owner: titan(), bucketHash: Bucket.Energy });
      fillers.push(filler);
    }
    try {
      const report = await apply(loadout.id);
      expect(lineOf(report, energy.itemInstanceId!)).toMatchObject({ status: 'move_failed', message: expect.stringMatching(/^Moved to your vault, but not on to your Titan: There is no room in your Titan for this item\./) });
      expect(item(energy.itemInstanceId!).owner).toBe('vault');
    } finally {
      for (const filler of fillers) Object.assign(filler, { owner: 'vault', bucketHash: Bucket.Vault });
    }
  });

  it('Bungie goes into maintenance half-way: what moved is reported, the rest is not tried', async () => {
    const loadout = await saveTitan();
    const kinetic = equippedIn(titan(), Bucket.Kinetic);
    const helmet = equippedIn(titan(), Bucket.Helmet);
    sendAway(kinetic, 'vault');
    sendAway(helmet, 'vault');
    let transfers = 0;
    // The first transfer reaches the game; from the second on, Bungie answers maintenance.
    stack.server.use(
      http.post('*/Platform/Destiny2/Actions/Items/:action/', () => {
        if (++transfers < 2) return undefined;
        return HttpResponse.json({ ErrorCode: 5, ErrorStatus: 'SystemDisabled', Message: 'This system is temporarily disabled for maintenance.', ThrottleSeconds: 0, MessageData: {} }, { status: 503 });
      }),
    );
    try {
      const before = calls();
      const report = await apply(loadout.id);
      const maintenance = 'Bungie.net is down for maintenance. Try again once it is back.';
      const [first, second] = [kinetic, helmet].map((i) => lineOf(report, i.itemInstanceId!));
      expect(first).toMatchObject({ status: 'equip_failed', message: `Moved to your Titan, but not equipped: ${maintenance}` });
      expect(second).toMatchObject({ status: 'move_failed', message: maintenance });
      expect(item(kinetic.itemInstanceId!)).toMatchObject({ owner: titan(), equipped: false });
      expect(item(helmet.itemInstanceId!).owner).toBe('vault');
      // One transfer reached the game; no EquipItems was attempted after Bungie said maintenance.
      expect(since(before)).toEqual({ transfers: 1, equips: 0, single: 0 });
    } finally {
      stack.server.resetHandlers();
    }
  });

  it('moves the items but explains that equipping waits for orbit when the character is in an activity', async () => {
    const loadout = await saveTitan();
    const kinetic = equippedIn(titan(), Bucket.Kinetic);
    sendAway(kinetic, 'vault');
    stack.sim.controls.setCharacterLocation(titan(), 'activity');
    const report = await apply(loadout.id);
    expect(lineOf(report, kinetic.itemInstanceId!)).toMatchObject({
      status: 'equip_failed',
      message: expect.stringMatching(/^Moved to your Titan, but not equipped: Your Titan is in an activity\. Equipping works only in orbit or a social space/),
    });
    expect(item(kinetic.itemInstanceId!)).toMatchObject({ owner: titan(), equipped: false });
  });

  it('on another class: frees what the Titan wears by equipping a stand-in there, leaves Titan armour alone', async () => {
    const loadout = await saveTitan();
    const ghostBucket = 4023194814;
    const ghost = equippedIn(titan(), ghostBucket);
    // The Titan has no other ghost to wear instead of the saved one.
    const spareGhosts = world().items.filter((i) => i.owner === titan() && i.bucketHash === ghostBucket && !i.equipped);
    for (const spare of spareGhosts) Object.assign(spare, { owner: 'vault', bucketHash: Bucket.Vault });
    const helmet = equippedIn(titan(), Bucket.Helmet);
    const kinetic = equippedIn(titan(), Bucket.Kinetic);
    const before = calls();
    const report = await apply(loadout.id, hunter());
    expect(lineOf(report, helmet.itemInstanceId!)).toMatchObject({ status: 'equip_failed', message: 'Only a Titan can equip it, so it was left where it is.' });
    expect(lineOf(report, ghost.itemInstanceId!)).toMatchObject({ status: 'move_failed', message: 'It is equipped on your Titan, which has nothing else for that slot to wear instead.' });
    expect(lineOf(report, kinetic.itemInstanceId!)).toMatchObject({ status: 'moved_equipped', message: expect.stringMatching(/^Moved from your Titan \(which wears .+ instead now\) and equipped\.$/) });
    // An emblem cannot change characters (its bucket has no transfer destination): no call is spent on it.
    const emblem = equippedIn(titan(), 4274335291);
    expect(lineOf(report, emblem.itemInstanceId!)).toMatchObject({ status: 'move_failed', message: 'The game does not let it leave your Titan, so it was left where it is.' });
    expect(item(emblem.itemInstanceId!)).toMatchObject({ owner: titan(), equipped: true });
    expect(item(kinetic.itemInstanceId!)).toMatchObject({ owner: hunter(), equipped: true });
    // The Titan wears a stand-in in the kinetic slot now.
    expect(equippedIn(titan(), Bucket.Kinetic)).toBeDefined();
    const moved = report.items.filter((i) => i.status === 'moved_equipped').length;
    expect(moved).toBeGreaterThanOrEqual(3);
    expect(report.summary).toBe(`${moved} of ${loadout.items.length} items equipped on your Hunter.`);
    // Per moved item: one EquipItem on the Titan and two transfers; then one EquipItems on the Hunter.
    expect(since(before)).toEqual({ transfers: 2 * moved, equips: 1, single: moved });
  });
});

describe('when applying cannot start', () => {
  it('a character that is not the player’s: 404, and nothing moves', async () => {
    const loadout = await saveTitan();
    const before = calls();
    const answer = await api.apply(loadout.id, { characterId: '2305843009000000001' });
    expect(answer.status).toBe(404);
    expect(answer.body.error).toMatchObject({ code: 'unknown_character', message: 'That character is not yours.' });
    expect(since(before)).toEqual({ transfers: 0, equips: 0, single: 0 });
  });

  it('Bungie in maintenance before anything changed: 503 with a sentence, not a report', async () => {
    const loadout = await saveTitan();
    stack.sim.controls.setMaintenance(true);
    const answer = await api.apply(loadout.id, { characterId: titan() });
    expect(answer.status).toBe(503);
    expect(answer.body.error).toMatchObject({ code: 'bungie_maintenance', message: 'Bungie.net is down for maintenance. Try again once it is back.' });
  });

  it('a bad body: 400 with a sentence', async () => {
    const loadout = await saveTitan();
    for (const body of [{}, { characterId: 12 }, { characterId: titan(), extra: 1 }]) {
      const answer = await api.apply(loadout.id, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.error?.message).toMatch(/^The request body is not what this route expects/);
    }
  });
});
