import type { DestinyLinkedProfilesResponse } from 'bungie-api-ts/destiny2';
import { profileWorlds } from './second-profile';
import { primaryMembership, type World } from './world';

// Platform silver buckets by store, as a recorded GetLinkedProfiles lists them (Silver: 3147280338).
const SILVER_BUCKETS: Record<string, number> = {
  TigerPsn: 2689798306, TigerXbox: 2689798307, TigerBlizzard: 2689798316, TigerStadia: 2689798317,
  TigerSteam: 130233231, BungieNext: 130233230, TigerEgs: 130233229,
};

/**
 * GetLinkedProfiles: the profile the player plays on, their Bungie.net membership, and the
 * memberships cross save folded into it, which Bungie lists under `profilesWithErrors` (1601).
 */
export function buildLinkedProfiles(world: World, now: Date): DestinyLinkedProfilesResponse {
  const p = world.player;
  const primary = primaryMembership(world);
  const crossSaveOverride = p.crossSave ? primary.membershipType : 0;
  const silver = Object.fromEntries(Object.entries(SILVER_BUCKETS).map(([store, bucketHash]) => [store, {
    itemHash: 3147280338, quantity: store === 'TigerSteam' ? 400 : 0, bindStatus: 0, location: 1, bucketHash, transferStatus: 2, lockable: false, state: 0, dismantlePermission: 0, isWrapper: false,
  }]));
  const hour = Math.floor(now.getTime() / 3_600_000) * 3_600_000;
  const profiles = profileWorlds(world);
  const withProfile = new Set(profiles.map((w) => primaryMembership(w).membershipId));
  return {
    // The primary profile was played this hour; each other one a month longer ago than the last.
    profiles: profiles.map((w, index) => {
      const m = primaryMembership(w);
      return {
        dateLastPlayed: new Date(hour - index * 30 * 86_400_000).toISOString(),
        isOverridden: false, isCrossSavePrimary: p.crossSave,
        platformSilver: { platformSilver: silver },
        crossSaveOverride, applicableMembershipTypes: p.crossSave ? p.memberships.map((x) => x.membershipType) : [m.membershipType],
        isPublic: true, membershipType: m.membershipType, membershipId: m.membershipId,
        displayName: m.displayName, bungieGlobalDisplayName: p.displayName, bungieGlobalDisplayNameCode: p.displayNameCode,
      };
    }),
    bnetMembership: {
      supplementalDisplayName: `${p.displayName}#${p.displayNameCode}`, iconPath: '/img/profile/avatars/default_avatar.gif',
      crossSaveOverride: 0, isPublic: true, membershipType: 254, membershipId: p.bungieMembershipId, displayName: p.displayName,
      bungieGlobalDisplayName: p.displayName, bungieGlobalDisplayNameCode: p.displayNameCode,
    },
    profilesWithErrors: p.memberships.filter((m) => !withProfile.has(m.membershipId)).map((m) => ({
      errorCode: 1601,
      infoCard: { crossSaveOverride, applicableMembershipTypes: [], isPublic: true, membershipType: m.membershipType, membershipId: m.membershipId, displayName: m.displayName, bungieGlobalDisplayName: p.displayName, bungieGlobalDisplayNameCode: p.displayNameCode },
    })),
  } as unknown as DestinyLinkedProfilesResponse;
}
