import 'server-only';
import type { ProfileAnswer } from '@/lib/bungie/types';
import type { DestinyMembership } from '@/lib/bungie/types';
import { profileKey, rememberCharacters } from '@/lib/inventory/known-characters';
import { instanceIdsOf, rememberItems } from '@/lib/inventory/known-items';

// Bungie character ids are int64 decimals; anything else cannot be the player's.
const CHARACTER_ID = /^\d{1,20}$/;

/** Whether `id` can be a Bungie character id at all (checked before any Bungie call). */
export function isCharacterId(id: string): boolean {
  return CHARACTER_ID.test(id);
}

/**
 * Notes the characters and item ids a GetProfile showed, so the next views of this player ask
 * Bungie less (see known-characters.ts and known-items.ts); returns the profile.
 */
export function rememberProfile(userId: string, membership: DestinyMembership, profile: ProfileAnswer): ProfileAnswer {
  if (profile.characters?.data) rememberCharacters(profileKey(userId, membership), Object.keys(profile.characters.data));
  // The item detail route trusts these ids without reading the profile again (see known-items.ts).
  rememberItems(userId, instanceIdsOf(profile));
  return profile;
}
