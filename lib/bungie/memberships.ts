import type { ServerResponse } from 'bungie-api-ts/core';
import type { GroupUserInfoCard } from 'bungie-api-ts/groupv2';
import type { UserMembershipData } from 'bungie-api-ts/user';

/** GetMembershipsForCurrentUser's platform path: the signed-in account and its Destiny memberships. */
export const MEMBERSHIPS_PATH = '/User/GetMembershipsForCurrentUser/';

/** Who signed in, reduced to what the app keeps. */
export type BungieIdentity = {
  /** Bungie.net account id. */
  bungieMembershipId: string;
  /** "Name#1234" (Bungie global name), or the plain display name when there is none. */
  displayName: string;
  /** Absolute URL of the profile picture, when Bungie has one. */
  avatarUrl: string | undefined;
  /** The Destiny membership to read inventories from, or undefined for an account without Destiny. */
  destiny: { membershipId: string; membershipType: number } | undefined;
};

/**
 * The Destiny membership whose profile holds the player's gear: the cross-save primary when
 * cross-save is on (other linked memberships then show no characters), else the only one, else the
 * first that is not overridden by cross-save.
 */
export function primaryMembership(data: UserMembershipData): GroupUserInfoCard | undefined {
  const all = data.destinyMemberships ?? [];
  if (data.primaryMembershipId) {
    const primary = all.find((m) => m.membershipId === data.primaryMembershipId);
    if (primary) return primary;
  }
  return all.find((m) => !m.crossSaveOverride || m.crossSaveOverride === m.membershipType) ?? all[0];
}

/** A Destiny profile the player can switch to (lib/memberships stores the list). */
export type OfferedMembership = {
  /** The Destiny membership id (int64 as a decimal string). */
  membershipId: string;
  /** `BungieMembershipType` (3 Steam, 2 PlayStation, 1 Xbox, …). */
  membershipType: number;
  /** The name the player has on that platform. */
  displayName: string;
};

/**
 * The memberships that hold a profile of their own, in Bungie's order. With cross-save on, the
 * ones it folds into the primary (`crossSaveOverride` naming another platform) are left out: their
 * profiles answer with the cross-save membership's.
 */
export function offeredMemberships(data: UserMembershipData): OfferedMembership[] {
  const all = data.destinyMemberships ?? [];
  const own = all.filter((m) => !m.crossSaveOverride || m.crossSaveOverride === m.membershipType);
  const list = own.length ? own : [primaryMembership(data)].filter((m) => m !== undefined);
  return list.map((m) => ({ membershipId: m.membershipId, membershipType: m.membershipType, displayName: m.displayName || m.bungieGlobalDisplayName || 'Guardian' }));
}

/**
 * The profile shown when the player has not chosen one: the cross-save primary, else the most
 * recently played (`lastPlayed`: ms since the epoch by membership id, when known), else the first.
 */
export function defaultMembership(data: UserMembershipData, lastPlayed: ReadonlyMap<string, number> = new Map()): OfferedMembership | undefined {
  const offered = offeredMemberships(data);
  const primary = offered.find((m) => m.membershipId === data.primaryMembershipId);
  if (primary) return primary;
  const played = (m: OfferedMembership) => lastPlayed.get(m.membershipId) ?? Number.NEGATIVE_INFINITY;
  return offered.reduce<OfferedMembership | undefined>((best, m) => (best === undefined || played(m) > played(best) ? m : best), undefined);
}

/** The chosen membership while Bungie still lists it, else `fallback`: a stale choice is never an error. */
export function pickMembership<M extends { membershipId: string }>(offered: readonly M[], choice: { membershipId: string } | null | undefined, fallback: M | undefined): M | undefined {
  return (choice && offered.find((m) => m.membershipId === choice.membershipId)) || fallback;
}

/** Reads GetMembershipsForCurrentUser's answer (envelope included) into a `BungieIdentity`. */
export function identityFrom(answer: ServerResponse<UserMembershipData>, origin: string): BungieIdentity {
  const data = answer.Response;
  const user = data.bungieNetUser;
  const code = user.cachedBungieGlobalDisplayNameCode;
  const global = user.cachedBungieGlobalDisplayName;
  const displayName = global ? `${global}#${String(code ?? 0).padStart(4, '0')}` : user.displayName || user.uniqueName || 'Guardian';
  const picture = user.profilePicturePath;
  const destiny = primaryMembership(data);
  return {
    bungieMembershipId: user.membershipId,
    displayName,
    avatarUrl: picture ? new URL(picture, origin).toString() : undefined,
    destiny: destiny ? { membershipId: destiny.membershipId, membershipType: destiny.membershipType } : undefined,
  };
}

const PLATFORM_NAMES: Record<number, string> = { 1: 'Xbox', 2: 'PlayStation', 3: 'Steam', 4: 'Battle.net', 5: 'Stadia', 6: 'Epic Games', 254: 'Bungie.net' };

/** A platform's name for a `BungieMembershipType`. */
export function platformName(membershipType: number | null | undefined): string {
  return (membershipType !== null && membershipType !== undefined && PLATFORM_NAMES[membershipType]) || 'Unknown platform';
}
