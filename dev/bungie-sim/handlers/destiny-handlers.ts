import type { UserMembershipData } from 'bungie-api-ts/user';
import { http } from 'msw';
import { SimRefusal } from '../codes';
import type { SimCore } from '../core';
import { manifestResponse } from '../manifest/generate-manifest';
import type { SimItemDefinition } from '../manifest/item-generator';
import { otherAccountMemberships } from '../other-account';
import { filterProfile, parseComponents } from '../world/components';
import { buildLinkedProfiles } from '../world/linked-profiles';
import { buildItemResponse, buildProfile } from '../world/profile';
import { buildPublicVendors, buildVendors, filterVendors } from '../world/vendors';
import { profileWorld } from '../world/second-profile';
import { primaryMembership, type World } from '../world/world';
import { param, platform, type PlatformCall } from './platform';

// What item actions change in a replayed profile; everything else is served as recorded.
const LIVE_KEYS = ['profileInventory', 'characterInventories', 'characterEquipment'] as const;

/** A replayed profile: the recorded answer, with the inventories and instances of the live world. */
function replayedProfile(recorded: Record<string, unknown>, built: Record<string, unknown>): Record<string, unknown> {
  // Components the recording lacks (e.g. characters) come from the world, as a live profile's would.
  const out = { ...built, ...recorded };
  for (const key of LIVE_KEYS) if (key in built) out[key] = built[key];
  const builtItems = built.itemComponents as Record<string, unknown> | undefined;
  if (builtItems?.instances) out.itemComponents = { ...(recorded.itemComponents as object | undefined), instances: builtItems.instances };
  return out;
}

/** Read endpoints: memberships, manifest, profile, item, vendors. */
export function destinyHandlers(core: SimCore) {
  const world = () => core.state.world;
  const definitionOf = (hash: number) => core.state.manifest.tables.get('DestinyInventoryItemDefinition')?.get(hash) as SimItemDefinition | undefined;

  /** The profile the path names: one of the player's (or the replayed one), else Bungie's DestinyAccountNotFound. */
  const profileOf = (call: PlatformCall): World => {
    const id = param(call, 'destinyMembershipId');
    const type = param(call, 'membershipType');
    const replayed = (core.options.replay?.profile?.profile as { data?: { userInfo?: { membershipId?: string } } } | undefined)?.data?.userInfo?.membershipId;
    if (replayed !== undefined && id === replayed) return world();
    const found = profileWorld(world(), type, id);
    if (!found) throw new SimRefusal('DestinyAccountNotFound');
    return found;
  };

  const character = (profile: World, call: PlatformCall) => {
    const id = param(call, 'characterId');
    if (!profile.characters.some((c) => c.characterId === id)) throw new SimRefusal('DestinyCharacterNotFound');
  };

  return [
    http.get('*/Platform/User/GetMembershipsForCurrentUser/', platform(core, 'GetMembershipsForCurrentUser', 'required', (call): UserMembershipData => {
      const p = world().player;
      if (call.membershipId !== undefined && call.membershipId !== p.bungieMembershipId) return otherAccountMemberships(call.membershipId);
      const primary = primaryMembership(world());
      return {
        destinyMemberships: p.memberships.map((m) => ({
          LastSeenDisplayName: m.displayName, LastSeenDisplayNameType: m.membershipType, iconPath: '/img/theme/bungienet/icons/steamLogo.png', supplementalDisplayName: '',
          crossSaveOverride: p.crossSave ? primary.membershipType : 0,
          applicableMembershipTypes: p.crossSave ? p.memberships.map((x) => x.membershipType) : [m.membershipType],
          isPublic: true, membershipType: m.membershipType, membershipId: m.membershipId, displayName: m.displayName,
          bungieGlobalDisplayName: p.displayName, bungieGlobalDisplayNameCode: p.displayNameCode,
        })),
        ...(p.crossSave ? { primaryMembershipId: primary.membershipId } : {}),
        bungieNetUser: {
          membershipId: p.bungieMembershipId, uniqueName: `${p.displayName}#${p.displayNameCode}`, normalizedName: p.displayName.toUpperCase(),
          displayName: p.displayName, profilePicture: 70500, profileTheme: 1, userTitle: 0, successMessageFlags: '0', isDeleted: false,
          about: '', firstAccess: '2017-09-06T17:00:00.000Z', lastUpdate: '2025-01-01T00:00:00.000Z',
          psnDisplayName: '', xboxDisplayName: '', fbDisplayName: '', showActivity: true, locale: 'en', localeInheritDefault: true,
          showGroupMessaging: true, profilePicturePath: '/img/profile/avatars/default_avatar.gif', profilePictureWidePath: '',
          profileThemeName: 'd2_01', userTitleDisplay: 'Newbie', statusText: '', statusDate: '0001-01-01T00:00:00Z',
          blizzardDisplayName: '', steamDisplayName: p.displayName, stadiaDisplayName: '', twitchDisplayName: '',
          cachedBungieGlobalDisplayName: p.displayName, cachedBungieGlobalDisplayNameCode: p.displayNameCode, egsDisplayName: '',
        } as UserMembershipData['bungieNetUser'],
      };
    })),

    http.get('*/Platform/Destiny2/Manifest/', platform(core, 'GetManifest', 'none', () => manifestResponse(core.state.manifest))),

    http.get('*/Platform/Destiny2/:membershipType/Profile/:destinyMembershipId/', platform(core, 'GetProfile', 'optional', (call) => {
      const profile = profileOf(call);
      const components = parseComponents(call.url.searchParams.get('components'));
      const built = buildProfile(profile, components, core.now(), call.membershipId !== undefined, definitionOf) as Record<string, unknown>;
      const recorded = core.options.replay?.profile;
      return recorded ? replayedProfile(filterProfile(recorded, components), built) : built;
    })),

    // Any of the player's memberships (or the Bungie.net one, type 254) finds the linked profiles.
    http.get('*/Platform/Destiny2/:membershipType/Profile/:membershipId/LinkedProfiles/', platform(core, 'GetLinkedProfiles', 'optional', (call) => {
      const p = world().player;
      const id = param(call, 'membershipId');
      if (id !== p.bungieMembershipId && !p.memberships.some((m) => m.membershipId === id)) throw new SimRefusal('DestinyAccountNotFound');
      return buildLinkedProfiles(world(), core.now());
    })),

    http.get('*/Platform/Destiny2/:membershipType/Profile/:destinyMembershipId/Item/:itemInstanceId/', platform(core, 'GetItem', 'optional', (call) => {
      return buildItemResponse(profileOf(call), param(call, 'itemInstanceId'), parseComponents(call.url.searchParams.get('components')), definitionOf);
    })),

    http.get('*/Platform/Destiny2/:membershipType/Profile/:destinyMembershipId/Character/:characterId/Vendors/', platform(core, 'GetVendors', 'required', (call) => {
      character(profileOf(call), call);
      const components = parseComponents(call.url.searchParams.get('components'));
      const recorded = core.options.replay?.vendors;
      if (recorded) return filterVendors(recorded, components);
      return buildVendors({ components, now: core.now(), items: core.itemDefinitions(), seed: core.options.seed });
    })),

    http.get('*/Platform/Destiny2/Vendors/', platform(core, 'GetPublicVendors', 'none', (call) =>
      buildPublicVendors({ components: parseComponents(call.url.searchParams.get('components')), now: core.now(), items: core.itemDefinitions(), seed: core.options.seed }))),
  ];
}
