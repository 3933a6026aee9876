import type { UserMembershipData } from 'bungie-api-ts/user';
import { http } from 'msw';
import { SimRefusal } from '../codes';
import type { SimCore } from '../core';
import { manifestResponse } from '../manifest/generate-manifest';
import type { SimItemDefinition } from '../manifest/item-generator';
import { otherAccountMemberships } from '../other-account';
import { filterProfile, parseComponents } from '../world/components';
import { buildItemResponse, buildProfile } from '../world/profile';
import { buildPublicVendors, buildVendors, filterVendors } from '../world/vendors';
import { primaryMembership } from '../world/world';
import { param, platform, type PlatformCall } from './platform';

/** Read endpoints: memberships, manifest, profile, item, vendors. */
export function destinyHandlers(core: SimCore) {
  const world = () => core.state.world;
  const definitionOf = (hash: number) => core.state.manifest.tables.get('DestinyInventoryItemDefinition')?.get(hash) as SimItemDefinition | undefined;

  /** The profile path must name the player's primary membership (or the replayed one). */
  const checkMembership = (call: PlatformCall) => {
    const primary = primaryMembership(world());
    const id = param(call, 'destinyMembershipId');
    const type = param(call, 'membershipType');
    const replayed = (core.options.replay?.profile?.profile as { data?: { userInfo?: { membershipId?: string } } } | undefined)?.data?.userInfo?.membershipId;
    const ours = (id === primary.membershipId && type === String(primary.membershipType)) || (replayed !== undefined && id === replayed);
    if (!ours) throw new SimRefusal('DestinyAccountNotFound');
  };

  const character = (call: PlatformCall) => {
    const id = param(call, 'characterId');
    if (!world().characters.some((c) => c.characterId === id)) throw new SimRefusal('DestinyCharacterNotFound');
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
      checkMembership(call);
      const components = parseComponents(call.url.searchParams.get('components'));
      const recorded = core.options.replay?.profile;
      if (recorded) return filterProfile(recorded, components);
      return buildProfile(world(), components, core.now(), call.membershipId !== undefined, definitionOf);
    })),

    http.get('*/Platform/Destiny2/:membershipType/Profile/:destinyMembershipId/Item/:itemInstanceId/', platform(core, 'GetItem', 'optional', (call) => {
      checkMembership(call);
      return buildItemResponse(world(), param(call, 'itemInstanceId'), parseComponents(call.url.searchParams.get('components')), definitionOf);
    })),

    http.get('*/Platform/Destiny2/:membershipType/Profile/:destinyMembershipId/Character/:characterId/Vendors/', platform(core, 'GetVendors', 'required', (call) => {
      checkMembership(call);
      character(call);
      const components = parseComponents(call.url.searchParams.get('components'));
      const recorded = core.options.replay?.vendors;
      if (recorded) return filterVendors(recorded, components);
      return buildVendors({ components, now: core.now(), items: core.itemDefinitions(), seed: core.options.seed });
    })),

    http.get('*/Platform/Destiny2/Vendors/', platform(core, 'GetPublicVendors', 'none', (call) =>
      buildPublicVendors({ components: parseComponents(call.url.searchParams.get('components')), now: core.now(), items: core.itemDefinitions(), seed: core.options.seed }))),
  ];
}
