import type { BungieMembershipType, ServerResponse, UserMembershipData } from 'bungie-api-ts/user';
import type { GroupUserInfoCard } from 'bungie-api-ts/groupv2';
import { describe, expect, it } from 'vitest';
import { defaultMembership, identityFrom, offeredMemberships, pickMembership, primaryMembership } from '@/lib/bungie/memberships';

// Shapes as GetMembershipsForCurrentUser answers them (trimmed to the fields the app reads, plus
// the required ones). Steam = 3, PlayStation = 2, Xbox = 1; crossSaveOverride 0 = cross-save off.
const STEAM = '4611186800000000001';
const PSN = '4611186800000000002';
const XBOX = '4611186800000000003';

function card(membershipType: number, membershipId: string, crossSaveOverride = 0): GroupUserInfoCard {
  return {
    LastSeenDisplayName: 'Guardian',
    LastSeenDisplayNameType: membershipType as BungieMembershipType,
    supplementalDisplayName: '',
    iconPath: '/img/theme/bungienet/icons/steamLogo.png',
    crossSaveOverride: crossSaveOverride as BungieMembershipType,
    applicableMembershipTypes: [membershipType as BungieMembershipType],
    isPublic: true,
    membershipType: membershipType as BungieMembershipType,
    membershipId,
    displayName: 'Guardian',
    bungieGlobalDisplayName: 'Guardian',
    bungieGlobalDisplayNameCode: 42,
  };
}

type UserFields = Partial<Pick<UserMembershipData['bungieNetUser'], 'cachedBungieGlobalDisplayName' | 'cachedBungieGlobalDisplayNameCode' | 'displayName' | 'uniqueName' | 'profilePicturePath'>>;

function answer(destinyMemberships: GroupUserInfoCard[], extra: { primaryMembershipId?: string; user?: UserFields } = {}): ServerResponse<UserMembershipData> {
  const bungieNetUser = {
    membershipId: '24526922',
    displayName: 'Guardian',
    uniqueName: 'Guardian#0042',
    cachedBungieGlobalDisplayName: 'Guardian',
    cachedBungieGlobalDisplayNameCode: 42,
    profilePicturePath: '/img/profile/avatars/default_avatar.gif',
    ...extra.user,
  } as UserMembershipData['bungieNetUser'];
  const data: UserMembershipData = { destinyMemberships, bungieNetUser, ...(extra.primaryMembershipId ? { primaryMembershipId: extra.primaryMembershipId } : {}) };
  return { Response: data, ErrorCode: 1, ThrottleSeconds: 0, ErrorStatus: 'Success', Message: 'Ok', MessageData: {} } as ServerResponse<UserMembershipData>;
}

describe('primaryMembership', () => {
  it('cross-save on: picks the primary membership, wherever it is in the list', () => {
    const data = answer([card(3, STEAM, 2), card(2, PSN, 2), card(1, XBOX, 2)], { primaryMembershipId: PSN }).Response;
    expect(primaryMembership(data)?.membershipId).toBe(PSN);
  });

  it('no primary id: picks the membership not overridden by cross-save (its override is itself)', () => {
    const data = answer([card(3, STEAM, 2), card(1, XBOX, 2), card(2, PSN, 2)]).Response;
    expect(primaryMembership(data)?.membershipId).toBe(PSN);
  });

  it('a primary id missing from the list falls back to the non-overridden membership', () => {
    const data = answer([card(3, STEAM, 1), card(1, XBOX, 1)], { primaryMembershipId: PSN }).Response;
    expect(primaryMembership(data)?.membershipId).toBe(XBOX);
  });

  it('cross-save off: the first membership', () => {
    expect(primaryMembership(answer([card(3, STEAM), card(2, PSN)]).Response)?.membershipId).toBe(STEAM);
  });

  it('no Destiny membership: undefined', () => {
    expect(primaryMembership(answer([]).Response)).toBeUndefined();
  });
});

describe('identityFrom', () => {
  const origin = 'https://www.bungie.net';

  it('reads the Bungie name, an absolute avatar URL and the cross-save primary', () => {
    const identity = identityFrom(answer([card(3, STEAM, 2), card(2, PSN, 2)], { primaryMembershipId: PSN, user: { cachedBungieGlobalDisplayNameCode: 7 } }), origin);
    expect(identity).toEqual({
      bungieMembershipId: '24526922',
      // Bungie shows the code with four digits.
      displayName: 'Guardian#0007',
      avatarUrl: 'https://www.bungie.net/img/profile/avatars/default_avatar.gif',
      destiny: { membershipId: PSN, membershipType: 2 },
    });
  });

  it('an account without Destiny, a global name or a picture', () => {
    const identity = identityFrom(answer([], { user: { cachedBungieGlobalDisplayName: '', displayName: 'OldName', profilePicturePath: '' } }), origin);
    expect(identity.destiny).toBeUndefined();
    expect(identity.displayName).toBe('OldName');
    expect(identity.avatarUrl).toBeUndefined();
  });

  it('falls back to the unique name, then to "Guardian"', () => {
    const noNames = { cachedBungieGlobalDisplayName: '', displayName: '' };
    expect(identityFrom(answer([], { user: { ...noNames, uniqueName: 'unique-1' } }), origin).displayName).toBe('unique-1');
    expect(identityFrom(answer([], { user: { ...noNames, uniqueName: '' } }), origin).displayName).toBe('Guardian');
  });
});

describe('the Destiny profiles a player can switch between', () => {
  const ids = (list: { membershipId: string }[]) => list.map((m) => m.membershipId);

  it('cross-save on: only the cross-save membership is offered (the others answer with its profile)', () => {
    const data = answer([card(3, STEAM, 2), card(2, PSN, 2), card(1, XBOX, 2)], { primaryMembershipId: PSN }).Response;
    expect(offeredMemberships(data)).toEqual([{ membershipId: PSN, membershipType: 2, displayName: 'Guardian' }]);
    expect(defaultMembership(data)?.membershipId).toBe(PSN);
  });

  it('cross-save off: every membership is its own profile, in Bungie\'s order', () => {
    const data = answer([card(3, STEAM), card(2, PSN), card(1, XBOX)]).Response;
    expect(ids(offeredMemberships(data))).toEqual([STEAM, PSN, XBOX]);
  });

  it('cross-save off: the default is the most recently played, else the first', () => {
    const data = answer([card(3, STEAM), card(2, PSN), card(1, XBOX)]).Response;
    const played = new Map([[STEAM, Date.parse('2025-01-01T00:00:00Z')], [PSN, Date.parse('2026-11-29T00:00:00Z')], [XBOX, Date.parse('2026-02-01T00:00:00Z')]]);
    expect(defaultMembership(data, played)?.membershipId).toBe(PSN);
    expect(defaultMembership(data)?.membershipId).toBe(STEAM);
    // A profile whose date is unknown never beats one that was played.
    expect(defaultMembership(data, new Map([[XBOX, 0]]))?.membershipId).toBe(XBOX);
  });

  it('no Destiny membership at all: nothing offered, no default', () => {
    const data = answer([]).Response;
    expect(offeredMemberships(data)).toEqual([]);
    expect(defaultMembership(data)).toBeUndefined();
  });

  it('a choice counts while it is offered; a stale or missing one falls back without an error', () => {
    const offered = offeredMemberships(answer([card(3, STEAM), card(2, PSN)]).Response);
    const [steam, psn] = offered;
    expect(pickMembership(offered, { membershipId: PSN }, steam)).toBe(psn);
    expect(pickMembership(offered, { membershipId: XBOX }, steam)).toBe(steam);
    expect(pickMembership(offered, null, steam)).toBe(steam);
  });
});
