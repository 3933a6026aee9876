import { beforeAll, describe, expect, it } from 'vitest';
import { GET as getProfile } from '@/app/api/profile/route';
import type { Annotation } from '@/lib/annotations/schemas';
import { MAX_ANNOTATIONS } from '@/lib/annotations/schemas';
import { getPrisma } from '@/lib/db/client';
import { loadCharacter } from '@/lib/inventory/loaders/load-character';
import type { VaultView } from '@/lib/inventory/types';
import { annotationClient, parseCsv } from '@/tests/support/annotations';
import { APP_ORIGIN, signInPlayer, withAppStack, type TestPlayer } from '@/tests/support/app-harness';
import { signInOtherUser } from '@/tests/support/loadouts';

// Tags and notes through the exported route handlers, on a real PostgreSQL database, with the
// simulator's world behind msw for the pages and the CSV export.
const stack = withAppStack({ ingestManifest: true });
let player: TestPlayer;
let other: TestPlayer;
beforeAll(async () => {
  player = await signInPlayer(stack.sim);
  other = await signInOtherUser();
});

const api = annotationClient(() => player);
const theirs = annotationClient(() => other);
const instanced = () => stack.sim.world.items.filter((i) => i.itemInstanceId);
const vaultIds = () => instanced().filter((i) => i.owner === 'vault').map((i) => i.itemInstanceId!);
const rows = async (userId: string) => (await getPrisma()).itemAnnotation.findMany({ where: { userId }, orderBy: { instanceId: 'asc' } });

type One = { annotation: Annotation };
type Many = { annotations: Annotation[] };

function expectSentence(body: { error?: { code: string; message: string } }, code: string) {
  expect(body.error?.code).toBe(code);
  expect(body.error?.message).toMatch(/^[A-Z“].+\.$/);
}

async function vaultView(): Promise<VaultView> {
  const response = await getProfile(new Request(`${APP_ORIGIN}/api/profile`, { headers: { cookie: player.cookie } }));
  expect(response.status).toBe(200);
  return (await response.json()) as VaultView;
}
const vaultTiles = (view: VaultView) => view.groups.flatMap((g) => g.sections.flatMap((s) => s.items));

describe('setting and clearing one item’s tag and note', () => {
  it('stores a tag, then a note beside it, then clears each; an item with neither has no row', async () => {
    const id = vaultIds()[0]!;
    const tagged = await api.set<One>(id, { tag: 'favorite' });
    expect(tagged.status).toBe(200);
    expect(tagged.body.annotation).toMatchObject({ instanceId: id, tag: 'favorite', notes: null });
    const noted = await api.set<One>(id, { notes: '  God roll, keep for Trials  ' });
    expect(noted.body.annotation).toMatchObject({ tag: 'favorite', notes: 'God roll, keep for Trials' });
    expect(await rows(player.userId)).toMatchObject([{ instanceId: id, tag: 'favorite', notes: 'God roll, keep for Trials' }]);

    const listed = await api.list<Many>();
    expect(listed.status).toBe(200);
    expect(listed.body.annotations).toEqual([expect.objectContaining({ instanceId: id, tag: 'favorite', notes: 'God roll, keep for Trials' })]);

    expect((await api.set<One>(id, { tag: null })).body.annotation).toMatchObject({ tag: null, notes: 'God roll, keep for Trials' });
    expect((await api.set<One>(id, { notes: '' })).body.annotation).toMatchObject({ tag: null, notes: null });
    expect(await rows(player.userId)).toEqual([]);

    await api.set(id, { tag: 'junk', notes: 'shard it' });
    const cleared = await api.clear(id);
    expect(cleared).toEqual({ status: 200, body: { ok: true } });
    expect(await rows(player.userId)).toEqual([]);
    // Clearing what is not there answers the same.
    expect((await api.clear(id)).status).toBe(200);
  });

  it('refuses bad input with a 400 and a sentence that says what is wrong', async () => {
    const id = vaultIds()[1]!;
    const badTag = await api.set(id, { tag: 'trash' });
    expect(badTag.status).toBe(400);
    expectSentence(badTag.body, 'invalid_body');
    expect(badTag.body.error?.message).toContain('favorite, keep, junk, infuse, archive');
    const long = await api.set(id, { notes: 'x'.repeat(501) });
    expect(long.status).toBe(400);
    expect(long.body.error?.message).toContain('at most 500 characters');
    expect((await api.set<One>(id, { notes: 'é'.repeat(500) })).status).toBe(200);
    const control = await api.set(id, { notes: 'bell\u0007' });
    expect(control.status).toBe(400);
    expect(control.body.error?.message).toContain('control characters');
    expect((await api.set(id, {})).body.error?.message).toContain('give a tag, a note, or both');
    expect((await api.set(id, { tag: 'keep', owner: 'x' })).body.error?.message).toContain('fields this route does not take');
    const badId = await api.set('12ab', { tag: 'keep' });
    expect(badId.status).toBe(400);
    expectSentence(badId.body, 'invalid_item_id');
    const notJson = await api.set(id, '{tag:');
    expect(notJson.status).toBe(400);
    expectSentence(notJson.body, 'malformed_json');
    await api.clear(id);
  });

  it('needs a session (401) and the app’s own origin for writes (403)', async () => {
    const id = vaultIds()[2]!;
    const signedOut = annotationClient(() => ({}));
    expect((await signedOut.list()).status).toBe(401);
    expect((await signedOut.set(id, { tag: 'keep' })).status).toBe(401);
    const crossSite = annotationClient(() => player, { origin: 'https://evil.example' });
    const refused = await crossSite.set(id, { tag: 'keep' });
    expect(refused.status).toBe(403);
    expectSentence(refused.body, 'cross_site');
    expect((await crossSite.bulk({ instanceIds: [id], tag: 'junk' })).status).toBe(403);
    expect(await rows(player.userId)).toEqual([]);
  });

  it('keeps each player’s tags their own', async () => {
    const id = vaultIds()[3]!;
    await api.set(id, { tag: 'keep', notes: 'mine' });
    await theirs.set(id, { tag: 'junk' });
    expect((await theirs.clear(id)).status).toBe(200);
    expect((await theirs.list<Many>()).body.annotations).toEqual([]);
    expect((await api.list<Many>()).body.annotations).toEqual([expect.objectContaining({ instanceId: id, tag: 'keep', notes: 'mine' })]);
    await api.clear(id);
  });
});

describe('tagging a search’s results at once', () => {
  it('tags 14 items as junk keeping their notes, and clears the tags again (notes stay)', async () => {
    const ids = vaultIds().slice(0, 14);
    await api.set(ids[0]!, { notes: 'check the roll' });
    await api.set(ids[1]!, { tag: 'favorite' });
    const tagged = await api.bulk<Many>({ instanceIds: [...ids, ids[2]!], tag: 'junk' });
    expect(tagged.status).toBe(200);
    expect(tagged.body.annotations).toHaveLength(14);
    expect(tagged.body.annotations.every((a) => a.tag === 'junk')).toBe(true);
    const stored = await rows(player.userId);
    expect(stored.map((r) => r.instanceId).sort()).toEqual([...ids].sort());
    expect(stored.find((r) => r.instanceId === ids[0])?.notes).toBe('check the roll');

    const cleared = await api.bulk<Many>({ instanceIds: ids, tag: null });
    expect(cleared.body.annotations.every((a) => a.tag === null)).toBe(true);
    expect(await rows(player.userId)).toMatchObject([{ instanceId: ids[0], tag: null, notes: 'check the roll' }]);
    await api.clear(ids[0]!);
  });

  it('refuses an empty list, more than 2,000 ids, a bad id or a bad tag with 400', async () => {
    expect((await api.bulk({ instanceIds: [], tag: 'junk' })).body.error?.message).toContain('at least one item');
    const many = Array.from({ length: 2001 }, (_, i) => String(i + 1));
    expect((await api.bulk({ instanceIds: many, tag: 'junk' })).body.error?.message).toContain('at most 2000 items');
    expect((await api.bulk({ instanceIds: ['1', 'x'], tag: 'junk' })).body.error?.message).toContain('instanceIds.1');
    expect((await api.bulk({ instanceIds: ['1'], tag: 'shiny' })).status).toBe(400);
    expect((await api.bulk({ instanceIds: ['1'] })).status).toBe(400);
    expect(await rows(player.userId)).toEqual([]);
  });

  it(`stops at ${MAX_ANNOTATIONS.toLocaleString('en-US')} tagged items with a 409 that says what to do`, async () => {
    const crowded = await signInOtherUser();
    const prisma = await getPrisma();
    await prisma.itemAnnotation.createMany({ data: Array.from({ length: MAX_ANNOTATIONS - 1 }, (_, i) => ({ userId: crowded.userId, instanceId: String(10_000_000 + i), tag: 'keep' })) });
    const client = annotationClient(() => crowded);
    expect((await client.set('1', { tag: 'junk' })).status).toBe(200);
    const full = await client.set('2', { notes: 'one more' });
    expect(full.status).toBe(409);
    expectSentence(full.body, 'too_many_annotations');
    // Changing an item already tagged is still fine; a bulk that would pass the cap is refused whole.
    expect((await client.set('1', { tag: 'archive' })).status).toBe(200);
    expect((await client.bulk({ instanceIds: ['1', '3'], tag: 'junk' })).status).toBe(409);
    expect(await prisma.itemAnnotation.count({ where: { userId: crowded.userId } })).toBe(MAX_ANNOTATIONS);
  }, 60_000);
});

describe('tags and notes on the pages', () => {
  it('rides on the vault’s tiles when they are built; a tag alone leaves the vault’s ETag (the page’s /api/annotations refresh brings it to other devices)', async () => {
    const first = await getProfile(new Request(`${APP_ORIGIN}/api/profile`, { headers: { cookie: player.cookie } }));
    const etag = first.headers.get('etag')!;
    const [a, b] = vaultIds();
    expect(vaultTiles((await first.json()) as VaultView).some((t) => t.tag || t.notes)).toBe(false);
    await api.set(a!, { tag: 'infuse' });
    await api.set(b!, { notes: 'for PvP' });
    // The poll's ETag is made from Bungie's answer: an unchanged profile is a 304, tags or not.
    const unchanged = await getProfile(new Request(`${APP_ORIGIN}/api/profile`, { headers: { cookie: player.cookie, 'if-none-match': etag } }));
    expect(unchanged.status).toBe(304);
    const again = await getProfile(new Request(`${APP_ORIGIN}/api/profile`, { headers: { cookie: player.cookie } }));
    expect(again.status).toBe(200);
    const tiles = vaultTiles((await again.json()) as VaultView);
    expect(tiles.find((t) => t.instanceId === a)).toMatchObject({ tag: 'infuse' });
    expect(tiles.find((t) => t.instanceId === a)).not.toHaveProperty('notes');
    expect(tiles.find((t) => t.instanceId === b)).toMatchObject({ notes: 'for PvP' });
    expect(tiles.filter((t) => t.tag || t.notes)).toHaveLength(2);
    await api.clear(a!);
    await api.clear(b!);
    expect(vaultTiles(await vaultView()).some((t) => t.tag || t.notes)).toBe(false);
  });

  it('rides on a character’s tiles, the equipped one included', async () => {
    const character = stack.sim.world.characters[0]!.characterId;
    const worn = instanced().find((i) => i.owner === character && i.equipped)!;
    await api.set(worn.itemInstanceId!, { tag: 'favorite', notes: 'main' });
    const result = await loadCharacter(player.userId, character);
    expect(result.kind).toBe('ok');
    if (result.kind !== 'ok') return;
    const slot = result.view.slots.find((s) => s.items.some((t) => t.instanceId === worn.itemInstanceId))!;
    expect(slot.items.find((t) => t.instanceId === worn.itemInstanceId)).toMatchObject({ tag: 'favorite', notes: 'main' });
    expect(slot.equipped).toMatchObject({ instanceId: worn.itemInstanceId, tag: 'favorite', notes: 'main' });
    await api.clear(worn.itemInstanceId!);
  });
});

describe('GET /api/export/items', () => {
  it('answers every item as CSV with its tag and note, escaped and guarded against formulas', async () => {
    const [a, b, c] = vaultIds();
    const tricky = 'Roll: "Outlaw, Rampage"\nkeep for raids';
    await api.set(a!, { tag: 'keep', notes: tricky });
    await api.set(b!, { notes: '=HYPERLINK("http://evil.example","x")' });
    await api.set(c!, { tag: 'junk', notes: '@SUM(1,2)' });
    const response = await api.exportCsv();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="vault-raider-items-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const bytes = new Uint8Array(await response.arrayBuffer());
    // A UTF-8 byte-order mark first, so spreadsheet programs read "Xûr" as such.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.startsWith('Name,Hash,Id,Tag,Notes,Type,Tier,Element,Power,Location,Equipped,Locked,Masterwork,Quantity\r\n')).toBe(true);
    expect(text).toContain('"Roll: ""Outlaw, Rampage""\nkeep for raids"');
    const [header, ...records] = parseCsv(text);
    expect(header).toHaveLength(14);
    for (const r of records) expect(r).toHaveLength(14);
    // One row per item of the profile: the vault, the account-wide stacks and every character's.
    expect(records).toHaveLength(stack.sim.world.items.length);
    const row = (id: string) => Object.fromEntries(header!.map((h, i) => [h, records.find((r) => r[2] === id)![i]]));
    expect(row(a!)).toMatchObject({ Tag: 'keep', Notes: tricky, Location: 'Vault' });
    expect(row(b!).Notes).toBe(`'=HYPERLINK("http://evil.example","x")`);
    expect(row(c!)).toMatchObject({ Tag: 'junk', Notes: "'@SUM(1,2)" });
    const item = stack.sim.world.items.find((i) => i.itemInstanceId === a)!;
    expect(row(a!).Hash).toBe(String(item.itemHash));
    const worn = instanced().find((i) => i.equipped)!;
    expect(row(worn.itemInstanceId!)).toMatchObject({ Equipped: 'true' });
    expect(row(worn.itemInstanceId!).Location).toMatch(/^Equipped on your (Titan|Hunter|Warlock)$/);
    for (const id of [a!, b!, c!]) await api.clear(id);
  });

  it('says Bungie is down for maintenance with a 503 and a sentence, not a broken file', async () => {
    stack.sim.controls.setMaintenance(true);
    try {
      const response = await api.exportCsv();
      expect(response.status).toBe(503);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expectSentence(body, 'bungie_maintenance');
    } finally {
      stack.sim.controls.setMaintenance(false);
    }
  });

  it('needs a session', async () => {
    expect((await annotationClient(() => ({})).exportCsv()).status).toBe(401);
  });
});
