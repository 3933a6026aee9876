import 'server-only';
import type { DestinyLinkedProfilesResponse, DestinyManifest } from 'bungie-api-ts/destiny2';
import type { UserMembershipData } from 'bungie-api-ts/user';
import { bungieFetch, bungieFetchText } from './http';
import { MEMBERSHIPS_PATH } from './memberships';
import type { CharacterVendorsAnswer, DestinyMembership, ItemAnswer, ProfileAnswer, PublicVendorsAnswer } from './types';

/** GetProfile / GetItem / GetVendors `components` (DestinyComponentType numbers). */
export type Components = readonly number[];

const profilePath = (m: DestinyMembership) => `/Destiny2/${m.membershipType}/Profile/${m.membershipId}/`;
const query = (components: Components) => ({ components: components.join(',') });

/**
 * GetProfile (`Destiny2/{type}/Profile/{id}/`) for `components`, signed in with `accessToken`.
 * Throws `BungieError` / `BungieUnavailableError` (see `bungieFetch`).
 */
export function getProfile(accessToken: string, membership: DestinyMembership, components: Components): Promise<ProfileAnswer> {
  return bungieFetch<ProfileAnswer>({ path: profilePath(membership), query: query(components), accessToken });
}

/**
 * GetProfile as Bungie's answer text, its envelope unread (`unwrapText` reads it): the vault's poll
 * compares it with the previous answer before paying for a parse. Throws `BungieUnavailableError`.
 */
export function getProfileText(accessToken: string, membership: DestinyMembership, components: Components): Promise<{ status: number; text: string }> {
  return bungieFetchText({ path: profilePath(membership), query: query(components), accessToken });
}

/** GetProfile's endpoint path, as errors name it. */
export const profileEndpoint = profilePath;

/** GetItem (`Destiny2/{type}/Profile/{id}/Item/{instanceId}/`): one instanced item's components. */
export function getItem(accessToken: string, membership: DestinyMembership, instanceId: string, components: Components): Promise<ItemAnswer> {
  return bungieFetch<ItemAnswer>({ path: `${profilePath(membership)}Item/${instanceId}/`, query: query(components), accessToken });
}

/** GetVendors (`Destiny2/{type}/Profile/{id}/Character/{characterId}/Vendors/`): what vendors offer one character. */
export function getVendors(accessToken: string, membership: DestinyMembership, characterId: string, components: Components): Promise<CharacterVendorsAnswer> {
  return bungieFetch<CharacterVendorsAnswer>({ path: `${profilePath(membership)}Character/${characterId}/Vendors/`, query: query(components), accessToken });
}

/** GetPublicVendors (`Destiny2/Vendors/`, no token): Bungie's preview, which may leave vendors out. */
export function getPublicVendors(components: Components): Promise<PublicVendorsAnswer> {
  return bungieFetch<PublicVendorsAnswer>({ path: '/Destiny2/Vendors/', query: query(components) });
}

/** GetDestinyManifest (`Destiny2/Manifest/`): the current version and its content paths. */
export function getDestinyManifest(options: { signal?: AbortSignal } = {}): Promise<DestinyManifest> {
  return bungieFetch<DestinyManifest>({ path: '/Destiny2/Manifest/', signal: options.signal });
}

/** GetMembershipsForCurrentUser (`User/GetMembershipsForCurrentUser/`): the signed-in account's Destiny memberships. */
export function getMembershipsForCurrentUser(accessToken: string): Promise<UserMembershipData> {
  return bungieFetch<UserMembershipData>({ path: MEMBERSHIPS_PATH, accessToken });
}

/**
 * GetLinkedProfiles (`Destiny2/254/Profile/{bungieNetId}/LinkedProfiles/`, no token): each Destiny
 * profile of a Bungie.net account with its `dateLastPlayed`.
 */
export function getLinkedProfiles(bungieMembershipId: string): Promise<DestinyLinkedProfilesResponse> {
  return bungieFetch<DestinyLinkedProfilesResponse>({ path: `/Destiny2/254/Profile/${bungieMembershipId}/LinkedProfiles/` });
}
