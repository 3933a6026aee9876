import 'server-only';
import { cache } from 'react';
import { SessionEndedError } from '@/lib/auth/access-token';
import { BungieError, BungieUnavailableError } from '@/lib/bungie/errors';
import { isDatabaseUnavailable } from '@/lib/db/unavailable';
import { destinyMembershipOf, fetchProfile } from '@/lib/inventory/fetch-profile';
import { isKnownCharacter, profileKey, rememberCharacters } from '@/lib/inventory/known-characters';
import { isCharacterId } from './remember-profile';

/** GetProfile component 100 (Profiles): the profile's `characterIds`, a few hundred bytes. */
const CHARACTER_LIST_COMPONENTS = [100] as const;

/**
 * Whether `characterId` is one of the player's: false for an id that cannot be one, else what
 * this process saw in a recent GetProfile (no Bungie call), else ONE small GetProfile (component
 * 100, the profile's character ids) — remembered, so the page that follows and the next views
 * ask nothing. Undefined when Bungie cannot say (maintenance, an ended session, no Destiny
 * account): the page then shows that problem. The character page calls it before it sends
 * anything (its skeleton included), so a foreign id gets a real HTTP 404.
 */
export async function isPlayersCharacter(userId: string, characterId: string): Promise<boolean | undefined> {
  if (!isCharacterId(characterId)) return false;
  try {
    const membership = await destinyMembershipOf(userId);
    if (!membership) return undefined;
    const known = isKnownCharacter(profileKey(userId, membership), characterId);
    if (known !== undefined) return known;
    const ids = (await fetchProfile(userId, membership, CHARACTER_LIST_COMPONENTS)).profile?.data?.characterIds;
    if (!ids) return undefined;
    rememberCharacters(profileKey(userId, membership), ids);
    return ids.includes(characterId);
  } catch (error) {
    // Unknown: the page's own load turns the same failure into its problem page.
    if (error instanceof SessionEndedError || error instanceof BungieError || error instanceof BungieUnavailableError || isDatabaseUnavailable(error)) return undefined;
    throw error;
  }
}

/**
 * `isPlayersCharacter` once per request: Next renders the character page and its title
 * (`generateMetadata`) in parallel, so both await the same answer and neither reads a profile for
 * a foreign id.
 */
export const checkPlayersCharacter = cache(isPlayersCharacter);
