import path from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { loadReplay, loadSqlJs } from '@/dev/bungie-sim/index';
import { BUNGIE, ok, useSimulator } from './sim-harness';

const FIXTURES = path.join(import.meta.dirname, '../../../fixtures/bungie');
const replay = loadReplay({
  profile: path.join(FIXTURES, 'profile-recorded.json'),
  vendors: path.join(FIXTURES, 'vendors-recorded.json'),
  definitionsDir: path.join(FIXTURES, 'definitions'),
});

type Envelope = { ErrorCode: number; Response?: Record<string, unknown> };

describe('Bungie simulator replay', () => {
  const harness = useSimulator({ replay });

  it('serves a recorded profile (envelope removed) to whoever signs in, filtered to the components', async () => {
    const h = harness();
    const token = (await h.signIn()).access_token;
    const m = h.membership();
    const res = ok((await h.api<Envelope>(`/Destiny2/${m.type}/Profile/${m.id}/?components=102,300`, { token })).body);
    expect(Object.keys(res).sort()).toEqual(['itemComponents', 'profileInventory', 'responseMintedTimestamp', 'secondaryComponentsMintedTimestamp']);
    expect(Object.keys(res.itemComponents as object)).toEqual(['instances']);
    expect(JSON.stringify(res.profileInventory)).toContain('6917529100000000001');
    const byRecordedId = ok((await h.api<Envelope>('/Destiny2/3/Profile/4611686018467000001/?components=100', { token })).body);
    expect((byRecordedId.profile as { data: { userInfo: { displayName: string } } }).data.userInfo.displayName).toBe('Recorded');
  });

  it('serves recorded vendors filtered to the components', async () => {
    const h = harness();
    const token = (await h.signIn()).access_token;
    const m = h.membership();
    const res = ok((await h.api<Envelope>(`/Destiny2/${m.type}/Profile/${m.id}/Character/${h.sim.world.characters[0]?.characterId}/Vendors/?components=402`, { token })).body);
    expect(Object.keys(res)).toEqual(['sales']);
    expect(JSON.stringify(res.sales)).toContain('3999999003');
  });

  it('merges recorded definitions (signed or unsigned keys) into the SQLite manifest', async () => {
    const h = harness();
    const manifest = ok((await h.api<{ ErrorCode: number; Response?: { mobileWorldContentPaths: { en: string } } }>('/Destiny2/Manifest/')).body);
    const zip = new Uint8Array(await (await fetch(`${BUNGIE}${manifest.mobileWorldContentPaths.en}`)).arrayBuffer());
    const SQL = await loadSqlJs();
    const db = new SQL.Database(Object.values(unzipSync(zip))[0]);
    const name = (table: string, id: number) => JSON.parse(db.exec(`SELECT json FROM ${table} WHERE id = ${id}`)[0]?.values[0]?.[0] as string).displayProperties.name;
    expect(name('DestinyInventoryItemDefinition', 3999999002 | 0)).toBe('Recorded Hand Cannon');
    expect(name('DestinyInventoryItemDefinition', -295967293)).toBe('Recorded Exotic');
    expect(name('DestinyActivityDefinition', 2122313384)).toBe('Last Wish');
    expect((db.exec('SELECT COUNT(*) FROM DestinyInventoryItemDefinition')[0]?.values[0]?.[0] as number) > 3000).toBe(true);
    db.close();
  });

  it('signs in to the replayed profile: its membership, its characters, and vendors for each of them', async () => {
    const h = harness();
    const token = (await h.signIn()).access_token;
    const user = ok((await h.api<{ ErrorCode: number; Response?: { destinyMemberships: { membershipId: string; membershipType: number }[] } }>('/User/GetMembershipsForCurrentUser/', { token })).body);
    expect(user.destinyMemberships.map((m) => [m.membershipType, m.membershipId])).toEqual([[3, '4611686018467000001']]);
    expect(h.sim.world.characters.map((c) => c.characterId)).toEqual(['2305843009300000001']);
    const characters = ok((await h.api<Envelope>('/Destiny2/3/Profile/4611686018467000001/?components=200', { token })).body);
    expect(Object.keys((characters.characters as { data: object }).data)).toEqual(['2305843009300000001']);
    const vendors = await h.api<Envelope>('/Destiny2/3/Profile/4611686018467000001/Character/2305843009300000001/Vendors/?components=402', { token });
    expect(JSON.stringify(ok(vendors.body).sales)).toContain('3999999003');
  });

  it('moves replayed items: a transfer shows in the next profile answer, the recorded fields kept', async () => {
    const h = harness();
    const token = (await h.signIn()).access_token;
    const profile = async () => ok((await h.api<Envelope>('/Destiny2/3/Profile/4611686018467000001/?components=102,201,205,300', { token })).body) as {
      profileInventory: { data: { items: { itemInstanceId?: string; bucketHash: number; location: number; lockable: boolean }[] } };
      characterEquipment: { data: Record<string, { items: { itemInstanceId?: string }[] }> };
    };
    expect((await profile()).profileInventory.data.items.map((i) => i.itemInstanceId)).toEqual(['6917529100000000001']);
    const moved = await h.api<Envelope>('/Destiny2/Actions/Items/TransferItem/', {
      token,
      body: { membershipType: 3, characterId: '2305843009300000001', itemId: '6917529100000000001', itemReferenceHash: 3999999001, stackSize: 1, transferToVault: false },
    });
    expect(moved.body.ErrorCode).toBe(1);
    const after = await profile();
    expect(after.profileInventory.data.items).toEqual([]);
    const onCharacter = (after as unknown as { characterInventories: { data: Record<string, { items: { itemInstanceId?: string; location: number; lockable: boolean }[] }> } }).characterInventories.data['2305843009300000001']?.items;
    expect(onCharacter?.find((i) => i.itemInstanceId === '6917529100000000001')).toMatchObject({ location: 1, lockable: true });
  });

  it('names the file when a recording cannot be read', () => {
    expect(() => loadReplay({ profile: '/nonexistent/profile.json' })).toThrow(/profile at \/nonexistent\/profile\.json/);
  });
});
