import type { UserMembershipData } from 'bungie-api-ts/user';

/**
 * GetMembershipsForCurrentUser for a Bungie.net account other than the world's player (one the
 * OAuth page approved as through the `approveAs` control): a real Bungie.net user named
 * `Visitor#<last 4 digits>` with no Destiny membership, enough to be a second person signing in.
 */
export function otherAccountMemberships(bungieMembershipId: string): UserMembershipData {
  const name = 'Visitor';
  const code = Number(bungieMembershipId.slice(-4)) || 1;
  return {
    destinyMemberships: [],
    bungieNetUser: {
      membershipId: bungieMembershipId, uniqueName: `${name}#${code}`, normalizedName: name.toUpperCase(), displayName: name,
      profilePicture: 70500, profileTheme: 1, userTitle: 0, successMessageFlags: '0', isDeleted: false, about: '',
      firstAccess: '2020-01-01T00:00:00.000Z', lastUpdate: '2025-01-01T00:00:00.000Z', showActivity: true, locale: 'en',
      localeInheritDefault: true, showGroupMessaging: true, profilePicturePath: '/img/profile/avatars/default_avatar.gif',
      profilePictureWidePath: '', profileThemeName: 'd2_01', userTitleDisplay: 'Newbie', statusText: '', statusDate: '0001-01-01T00:00:00Z',
      cachedBungieGlobalDisplayName: name, cachedBungieGlobalDisplayNameCode: code,
    } as UserMembershipData['bungieNetUser'],
  };
}
