import type { DestinyProfileResponse } from 'bungie-api-ts/destiny2';
import type { UserMembershipData } from 'bungie-api-ts/user';
import { describe, expect, it } from 'vitest';
import { ok, useSimulator, type Harness } from './sim-harness';

type Envelope<T> = { ErrorCode: number; ErrorStatus: string; Response?: T; ThrottleSeconds: number };

async function profile(h: Harness, components: string, token?: string | null) {
  const m = h.membership();
  const t = token === undefined ? (await h.signIn()).access_token : token;
  return h.api<Envelope<Partial<DestinyProfileResponse>>>(`/Destiny2/${m.type}/Profile/${m.id}/?components=${components}`, { token: t });
}

describe('Bungie simulator reads', () => {
  const harness = useSimulator();

  it('answers memberships with cross-save and the primary membership', async () => {
    const h = harness();
    const t = await h.signIn();
    const data = ok((await h.api<Envelope<UserMembershipData>>('/User/GetMembershipsForCurrentUser/', { token: t.access_token })).body);
    expect(data.bungieNetUser.uniqueName).toMatch(/^Guardian#\d{4}$/);
    expect(data.destinyMemberships).toHaveLength(2);
    expect(data.primaryMembershipId).toBe(h.membership().id);
    expect(data.destinyMemberships.every((m) => m.crossSaveOverride === 3)).toBe(true);
  });

  it('returns only the requested components, by number or name', async () => {
    const h = harness();
    const only = ok((await profile(h, '100,200')).body);
    expect(Object.keys(only).sort()).toEqual(['characters', 'profile', 'responseMintedTimestamp', 'secondaryComponentsMintedTimestamp']);
    const named = ok((await profile(h, 'ProfileInventories,characterEquipment,ItemInstances')).body);
    expect(named.profileInventory?.data?.items.length).toBeGreaterThan(400);
    expect(named.characterEquipment).toBeDefined();
    expect(named.characters).toBeUndefined();
    expect(Object.keys(named.itemComponents ?? {})).toEqual(['instances']);
  });

  it('models vault, characters, equipment, postmaster and instances like Bungie', async () => {
    const h = harness();
    const p = ok((await profile(h, '100,102,200,201,205,300,302,304,305')).body);
    const vault = p.profileInventory?.data?.items.filter((i) => i.bucketHash === 138197802) ?? [];
    expect(vault.length).toBeGreaterThanOrEqual(440);
    expect(vault.every((i) => i.location === 2)).toBe(true);
    const characters = Object.values(p.characters?.data ?? {});
    expect(characters.map((c) => c.classType).sort()).toEqual([0, 1, 2]);
    const ids = Object.keys(p.characterInventories?.data ?? {});
    expect(ids).toHaveLength(3);
    const postmaster = Object.values(p.characterInventories?.data ?? {}).flatMap((inv) => inv.items.filter((i) => i.bucketHash === 215593132));
    expect(postmaster.length).toBeGreaterThanOrEqual(3);
    expect(postmaster.every((i) => i.location === 4)).toBe(true);
    const equipped = Object.values(p.characterEquipment?.data ?? {}).flatMap((inv) => inv.items);
    expect(equipped.every((i) => typeof i.itemInstanceId === 'string' && /^\d{19}$/.test(i.itemInstanceId))).toBe(true);
    const instances = p.itemComponents?.instances?.data ?? {};
    const first = equipped[0];
    expect(first && instances[first.itemInstanceId as unknown as number]?.isEquipped).toBe(true);
    expect(Object.keys(p.itemComponents ?? {}).sort()).toEqual(['instances', 'perks', 'sockets', 'stats']);
    expect(vault.some((i) => (i.state & 4) === 4)).toBe(true);
  });

  it('refuses a wrong membership, bad components and a missing API key', async () => {
    const h = harness();
    const t = (await h.signIn()).access_token;
    expect((await h.api('/Destiny2/3/Profile/4611686018400000000/?components=100', { token: t })).body).toMatchObject({ ErrorCode: 1601, ErrorStatus: 'DestinyAccountNotFound' });
    expect((await profile(h, 'Bogus', t)).body.ErrorCode).toBe(7);
    expect(await h.api('/Destiny2/Manifest/', { apiKey: null })).toMatchObject({ status: 401, body: { ErrorCode: 2102 } });
  });

  it('hides private components without a token', async () => {
    const h = harness();
    const p = ok((await profile(h, '100,102,201,300', null)).body);
    expect(p.profile?.data?.characterIds).toHaveLength(3);
    expect(p.profileInventory).toEqual({ privacy: 2 });
    expect(p.characterInventories).toEqual({ privacy: 2 });
    const shown = Object.keys(p.itemComponents?.instances?.data ?? {});
    const equipped = h.sim.world.items.filter((i) => i.equipped).map((i) => i.itemInstanceId);
    expect(shown.sort()).toEqual(equipped.sort());
  });

  it('answers GetItem for one instance and 1623 for an unknown one', async () => {
    const h = harness();
    const m = h.membership();
    const item = h.sim.world.items.find((i) => i.itemInstanceId && i.owner !== 'vault');
    const res = ok((await h.api<Envelope<Record<string, { data: { itemHash?: number } }>>>(`/Destiny2/${m.type}/Profile/${m.id}/Item/${item?.itemInstanceId}/?components=300,307`)).body);
    expect(res.item?.data.itemHash).toBe(item?.itemHash);
    expect(res.characterId).toBe(item?.owner);
    expect((await h.api(`/Destiny2/${m.type}/Profile/${m.id}/Item/123/?components=300`)).body.ErrorCode).toBe(1623);
  });

  it('refuses a wrong API key when one is configured', async () => {
    const h = harness();
    expect((await h.api('/Destiny2/Manifest/', { apiKey: 'whatever' })).body.ErrorCode).toBe(1);
  });
});

describe('Bungie simulator with a fixed API key', () => {
  const harness = useSimulator({ apiKey: 'secret-key' });
  it('answers ApiInvalidOrExpiredKey for another key', async () => {
    const h = harness();
    expect(await h.api('/Destiny2/Manifest/', { apiKey: 'other' })).toMatchObject({ status: 401, body: { ErrorCode: 2101 } });
    expect((await h.api('/Destiny2/Manifest/', { apiKey: 'secret-key' })).body.ErrorCode).toBe(1);
  });
});
