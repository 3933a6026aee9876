import type { DestinyLinkedProfilesResponse, DestinyProfileResponse } from 'bungie-api-ts/destiny2';
import type { UserMembershipData } from 'bungie-api-ts/user';
import { describe, expect, it } from 'vitest';
import { ok, useSimulator, type Harness } from './sim-harness';

type Envelope<T> = { ErrorCode: number; ErrorStatus: string; Response?: T };

async function memberships(h: Harness, token: string): Promise<UserMembershipData> {
  return ok((await h.api<Envelope<UserMembershipData>>('/User/GetMembershipsForCurrentUser/', { token })).body);
}

function profile(h: Harness, m: { membershipType: number; membershipId: string }, token: string) {
  return h.api<Envelope<DestinyProfileResponse>>(`/Destiny2/${m.membershipType}/Profile/${m.membershipId}/?components=100,102,200`, { token });
}

describe('Bungie simulator: a player with two Destiny profiles (cross-save off)', () => {
  const harness = useSimulator({ secondProfile: true });

  it('lists both memberships without cross-save, and each profile has its own characters and vault', async () => {
    const h = harness();
    const token = (await h.signIn()).access_token;
    const data = await memberships(h, token);
    expect(data.primaryMembershipId).toBeUndefined();
    expect(data.destinyMemberships.map((m) => [m.membershipType, m.crossSaveOverride, m.applicableMembershipTypes])).toEqual([[3, 0, [3]], [2, 0, [2]]]);
    const [steam, psn] = data.destinyMemberships;
    const first = ok((await profile(h, steam!, token)).body);
    const second = ok((await profile(h, psn!, token)).body);
    expect(second.profile.data?.userInfo.membershipId).toBe(psn!.membershipId);
    expect(second.characters.data && Object.keys(second.characters.data)).toHaveLength(3);
    const ids = (p: DestinyProfileResponse) => new Set([...(p.profileInventory.data?.items ?? []).map((i) => i.itemInstanceId), ...Object.keys(p.characters.data ?? {})]);
    const overlap = [...ids(second)].filter((id) => id && ids(first).has(id));
    expect(overlap).toEqual([]);
    expect(second.profileInventory.data?.items.filter((i) => i.bucketHash === 138197802)).toHaveLength(h.sim.world.otherProfiles![0]!.items.filter((i) => i.owner === 'vault').length);
  });

  it('moves an item of the profile named by the action\'s membershipType, and only there', async () => {
    const h = harness();
    const token = (await h.signIn()).access_token;
    const other = h.sim.world.otherProfiles![0]!;
    const titan = other.characters.find((c) => c.classType === 0)!.characterId;
    const item = other.items.find((i) => i.owner === titan && !i.equipped && i.itemInstanceId && i.bucketHash === 1498876634)!;
    const body = { itemReferenceHash: item.itemHash, stackSize: 1, transferToVault: true, itemId: item.itemInstanceId, characterId: titan, membershipType: 2 };
    expect(ok((await h.api<Envelope<number>>('/Destiny2/Actions/Items/TransferItem/', { token, body })).body)).toBe(0);
    expect(item.owner).toBe('vault');
    // The same item named on the primary profile's platform is not there.
    const wrong = await h.api<Envelope<number>>('/Destiny2/Actions/Items/TransferItem/', { token, body: { ...body, membershipType: 3, transferToVault: false } });
    expect(wrong.body.ErrorStatus).toBe('DestinyCharacterNotFound');
  });

  it('dates the linked profiles so the primary one is the most recently played', async () => {
    const h = harness();
    const linked = ok((await h.api<Envelope<DestinyLinkedProfilesResponse>>(`/Destiny2/254/Profile/${h.sim.world.player.bungieMembershipId}/LinkedProfiles/`)).body);
    expect(linked.profiles.map((p) => p.membershipType)).toEqual([3, 2]);
    expect(Date.parse(linked.profiles[0]!.dateLastPlayed)).toBeGreaterThan(Date.parse(linked.profiles[1]!.dateLastPlayed));
    expect(linked.profilesWithErrors).toEqual([]);
  });

  it('goes back to one cross-saved profile when switched off', async () => {
    const h = harness();
    h.sim.controls.setSecondProfile(false);
    const data = await memberships(h, (await h.signIn()).access_token);
    expect(data.primaryMembershipId).toBe(data.destinyMemberships[0]!.membershipId);
    expect(h.sim.world.otherProfiles).toBeUndefined();
    const psn = data.destinyMemberships[1]!;
    expect((await profile(h, psn, (await h.signIn()).access_token)).body.ErrorStatus).toBe('DestinyAccountNotFound');
  });
});
