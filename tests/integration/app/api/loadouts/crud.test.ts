import { beforeAll, describe, expect, it } from 'vitest';
import { getPrisma } from '@/lib/db/client';
import type { LoadoutView } from '@/lib/loadouts/types';
import { signInPlayer, withAppStack, type TestPlayer } from '@/tests/support/app-harness';
import { insertLoadout, loadoutClient, signInOtherUser } from '@/tests/support/loadouts';

// Save, list, rename and delete through the exported route handlers, against the simulator's
// world and a real PostgreSQL database.
const stack = withAppStack({ ingestManifest: true });
let player: TestPlayer;
let other: TestPlayer;
beforeAll(async () => {
  player = await signInPlayer(stack.sim);
  other = await signInOtherUser();
});

const api = loadoutClient(() => player);
const world = () => stack.sim.world;
const titan = () => world().characters.find((c) => c.classType === 0)!.characterId;
const hunter = () => world().characters.find((c) => c.classType === 1)!.characterId;
const LOADOUT_BUCKETS = [1498876634, 2465295065, 953998645, 3448274439, 3551918588, 14239492, 20886954, 1585787867, 4023194814, 2025709351, 284967655, 4274335291];
const equippedOn = (characterId: string) => world().items.filter((i) => i.owner === characterId && i.equipped && LOADOUT_BUCKETS.includes(i.bucketHash));
const profileReads = () => stack.sim.stats.byEndpoint.GetProfile ?? 0;

type One = { loadout: LoadoutView };
type Many = { loadouts: LoadoutView[] };

function expectSentence(body: { error?: { code: string; message: string } }, code: string) {
  expect(body.error?.code).toBe(code);
  expect(body.error?.message).toMatch(/^[A-Z“].+\.$/);
}

describe('saving a loadout', () => {
  it("stores exactly what the character has equipped, with each item's name and icon", async () => {
    const equipped = equippedOn(titan());
    expect(equipped.length).toBeGreaterThanOrEqual(11);
    const saved = await api.create<One>({ name: 'Raid Titan', characterId: titan() });
    expect(saved.status).toBe(201);
    expect(saved.body.loadout).toMatchObject({ name: 'Raid Titan', classType: 0, className: 'Titan' });
    expect(new Set(saved.body.loadout.items.map((i) => i.itemId))).toEqual(new Set(equipped.map((i) => i.itemInstanceId)));
    for (const item of saved.body.loadout.items) {
      expect(item.name).not.toMatch(/^Unknown item/);
      expect(item.iconUrl).toMatch(/^http:\/\/bungie\.sim\.test\//);
    }
    const row = await (await getPrisma()).loadout.findUniqueOrThrow({ where: { id: saved.body.loadout.id } });
    expect(row.userId).toBe(player.userId);
    expect(row.items).toEqual(equipped.map((i) => ({ itemId: i.itemInstanceId, itemHash: i.itemHash, bucketHash: i.bucketHash })));
  });

  it('trims the name, and refuses a name the player already uses with 409 before asking Bungie', async () => {
    const saved = await api.create<One>({ name: '  Crucible  ', characterId: hunter() });
    expect(saved.status).toBe(201);
    expect(saved.body.loadout.name).toBe('Crucible');
    const reads = profileReads();
    const again = await api.create({ name: 'Crucible ', characterId: titan() });
    expect(again.status).toBe(409);
    expectSentence(again.body, 'duplicate_name');
    expect(again.body.error?.message).toContain('“Crucible”');
    expect(profileReads()).toBe(reads);
  });

  it.each([
    ['an empty name', ''],
    ['only spaces', '    '],
    ['41 characters', 'x'.repeat(41)],
    ['a control character', 'Raid\u0007'],
    ['a number', 42],
  ])('refuses %s with 400 and a sentence', async (_what, name) => {
    const answer = await api.create({ name, characterId: titan() });
    expect(answer.status).toBe(400);
    expectSentence(answer.body, 'invalid_body');
  });

  it('accepts a name of exactly 40 characters', async () => {
    const answer = await api.create<One>({ name: 'y'.repeat(40), characterId: titan() });
    expect(answer.status).toBe(201);
    expect((await api.remove(answer.body.loadout.id)).status).toBe(200);
  });

  it('refuses a character that is not the player’s with 404', async () => {
    const answer = await api.create({ name: 'Nobody', characterId: '2305843009000000001' });
    expect(answer.status).toBe(404);
    expectSentence(answer.body, 'unknown_character');
  });

  it('keeps at most 100 loadouts per player', async () => {
    const prisma = await getPrisma();
    const have = await prisma.loadout.count({ where: { userId: player.userId } });
    await prisma.loadout.createMany({ data: Array.from({ length: 100 - have }, (_, n) => ({ userId: player.userId, name: `filler ${n}`, classType: 0, items: [] })) });
    try {
      const answer = await api.create({ name: 'One too many', characterId: titan() });
      expect(answer.status).toBe(409);
      expectSentence(answer.body, 'too_many_loadouts');
      expect(await prisma.loadout.count({ where: { userId: player.userId } })).toBe(100);
    } finally {
      await prisma.loadout.deleteMany({ where: { userId: player.userId, name: { startsWith: 'filler ' } } });
    }
  });

  it('two saves at once cannot both be the 100th', async () => {
    const prisma = await getPrisma();
    const have = await prisma.loadout.count({ where: { userId: player.userId } });
    await prisma.loadout.createMany({ data: Array.from({ length: 99 - have }, (_, n) => ({ userId: player.userId, name: `filler ${n}`, classType: 0, items: [] })) });
    try {
      const answers = await Promise.all(['Race A', 'Race B', 'Race C'].map((name) => api.create({ name, characterId: titan() })));
      expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409]);
      for (const refused of answers.filter((a) => a.status === 409)) expectSentence(refused.body, 'too_many_loadouts');
      expect(await prisma.loadout.count({ where: { userId: player.userId } })).toBe(100);
    } finally {
      await prisma.loadout.deleteMany({ where: { userId: player.userId, name: { startsWith: 'filler ' } } });
      await prisma.loadout.deleteMany({ where: { userId: player.userId, name: { startsWith: 'Race ' } } });
    }
  });

  it('refuses to save a set the game could not equip together (two items in one slot)', async () => {
    const kinetic = 1498876634;
    const second = world().items.find((i) => i.owner === titan() && i.bucketHash === kinetic && !i.equipped)!;
    second.equipped = true;
    try {
      const answer = await api.create({ name: 'Impossible', characterId: titan() });
      expect(answer.status).toBe(409);
      expectSentence(answer.body, 'loadout_conflict');
      expect(answer.body.error?.message).toContain('same slot (Kinetic Weapons)');
    } finally {
      second.equipped = false;
    }
  });
});

describe('listing, renaming and deleting', () => {
  it('lists the player’s loadouts by name, each with its items', async () => {
    const { status, body } = await api.list<Many>();
    expect(status).toBe(200);
    const names = body.loadouts.map((l) => l.name);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(expect.arrayContaining(['Crucible', 'Raid Titan']));
    expect(body.loadouts.find((l) => l.name === 'Raid Titan')!.items.length).toBeGreaterThanOrEqual(11);
  });

  it('renames, refuses a name in use with 409, and keeps the same name as a no-op', async () => {
    const { body } = await api.create<One>({ name: 'Old name', characterId: titan() });
    const id = body.loadout.id;
    const renamed = await api.rename<One>(id, { name: ' New name ' });
    expect(renamed).toMatchObject({ status: 200, body: { loadout: { id, name: 'New name' } } });
    const taken = await api.rename(id, { name: 'Crucible' });
    expect(taken.status).toBe(409);
    expectSentence(taken.body, 'duplicate_name');
    expect((await api.rename<One>(id, { name: 'New name' })).status).toBe(200);
    const bad = await api.rename(id, { name: '' });
    expect(bad.status).toBe(400);
    expect((await api.rename(id, { name: 'x', extra: true })).status).toBe(400);
    const row = await (await getPrisma()).loadout.findUniqueOrThrow({ where: { id } });
    expect(row.name).toBe('New name');
  });

  it('deletes once; the second time it is gone (404)', async () => {
    const { body } = await api.create<One>({ name: 'Short-lived', characterId: titan() });
    const first = await api.remove(body.loadout.id);
    expect(first).toMatchObject({ status: 200, body: { ok: true } });
    const second = await api.remove(body.loadout.id);
    expect(second.status).toBe(404);
    expectSentence(second.body, 'loadout_not_found');
    expect(await (await getPrisma()).loadout.findUnique({ where: { id: body.loadout.id } })).toBeNull();
  });

  it('a malformed id is the same 404 as a missing one', async () => {
    for (const id of ['../etc', 'x'.repeat(80), 'DROP TABLE']) {
      const answer = await api.rename(encodeURIComponent(id), { name: 'Nope' });
      expect(answer.status, id).toBe(404);
    }
  });
});

describe('one user never reaches another’s loadouts', () => {
  it('another user’s loadout id is a 404 for rename, delete and apply, and is not listed', async () => {
    const theirs = await insertLoadout(other.userId, 'Theirs', []);
    const mine = loadoutClient(() => player);
    for (const answer of [await mine.rename(theirs, { name: 'Mine now' }), await mine.remove(theirs), await mine.apply(theirs, { characterId: titan() })]) {
      expect(answer.status).toBe(404);
      expectSentence(answer.body, 'loadout_not_found');
    }
    expect((await mine.list<Many>()).body.loadouts.some((l) => l.id === theirs)).toBe(false);
    const row = await (await getPrisma()).loadout.findUniqueOrThrow({ where: { id: theirs } });
    expect(row.name).toBe('Theirs');
    // And the other way round: the other user sees only their own.
    const { body } = await loadoutClient(() => other).list<Many>();
    expect(body.loadouts.map((l) => l.name)).toEqual(['Theirs']);
  });

  it('both users may use one name', async () => {
    await insertLoadout(other.userId, 'Raid Titan', []);
    expect((await loadoutClient(() => other).list<Many>()).body.loadouts.map((l) => l.name)).toContain('Raid Titan');
  });

  it('deleting a user deletes their loadouts', async () => {
    const prisma = await getPrisma();
    const leaving = await signInOtherUser();
    const id = await insertLoadout(leaving.userId, 'Bye', []);
    await prisma.user.delete({ where: { id: leaving.userId } });
    expect(await prisma.loadout.findUnique({ where: { id } })).toBeNull();
  });
});

describe('who may call the routes', () => {
  it('signed out or with a forged cookie: 401 on every route', async () => {
    for (const cookie of [undefined, 'authjs.session-token=forged']) {
      const anon = loadoutClient(() => ({ cookie }));
      const answers = [await anon.list(), await anon.create({ name: 'x', characterId: titan() }), await anon.rename('abc', { name: 'x' }), await anon.remove('abc'), await anon.apply('abc', { characterId: titan() })];
      for (const answer of answers) {
        expect(answer.status).toBe(401);
        expectSentence(answer.body, 'signed_out');
      }
    }
  });

  it('from another site: 403 on every write, and nothing changes', async () => {
    const { body } = await api.create<One>({ name: 'Guarded', characterId: titan() });
    const id = body.loadout.id;
    for (const init of [{ origin: 'https://evil.example' }, { origin: null, headers: { 'sec-fetch-site': 'cross-site' } }]) {
      const evil = loadoutClient(() => player, init);
      const answers = [await evil.create({ name: 'Forged', characterId: titan() }), await evil.rename(id, { name: 'Forged' }), await evil.remove(id), await evil.apply(id, { characterId: titan() })];
      for (const answer of answers) {
        expect(answer.status).toBe(403);
        expectSentence(answer.body, 'cross_site');
      }
    }
    const row = await (await getPrisma()).loadout.findUniqueOrThrow({ where: { id } });
    expect(row.name).toBe('Guarded');
  });

  it('refuses malformed JSON (400) and a body sent as another type (415)', async () => {
    expect((await api.create('name=x')).status).toBe(400);
    const answer = await loadoutClient(() => player, { headers: { 'content-type': 'text/plain' } }).create({ name: 'x', characterId: titan() });
    expect(answer.status).toBe(415);
  });
});
