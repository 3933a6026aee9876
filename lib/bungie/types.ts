import type { DestinyItemResponse, DestinyProfileResponse, DestinyPublicVendorsResponse, DestinyVendorsResponse } from 'bungie-api-ts/destiny2';

/** A Destiny membership: where a player's characters and items live. */
export type DestinyMembership = {
  /** `BungieMembershipType` (3 Steam, 2 PlayStation, …). */
  membershipType: number;
  /** The Destiny membership id (int64 as a decimal string). */
  membershipId: string;
};

/** GetProfile's answer: only the requested components are present. */
export type ProfileAnswer = Partial<DestinyProfileResponse>;

/** GetItem's answer: only the requested components are present. */
export type ItemAnswer = Partial<DestinyItemResponse>;

/** The per-character GetVendors answer: only the requested components are present. */
export type CharacterVendorsAnswer = Partial<DestinyVendorsResponse>;

/** The public GetPublicVendors answer (no token): only the requested components are present. */
export type PublicVendorsAnswer = Partial<DestinyPublicVendorsResponse>;
