import 'server-only';
import { cache } from 'react';
import { SessionEndedError } from '@/lib/auth/access-token';
import { BungieError, BungieUnavailableError } from '@/lib/bungie/errors';
import { getConfig } from '@/lib/config';
import { isDatabaseUnavailable } from '@/lib/db/unavailable';
import { buildCharacter, CHARACTER_COMPONENTS, characterPageNeeds } from '@/lib/inventory/build/build-character';
import { buildVault, VAULT_COMPONENTS, vaultNeeds } from '@/lib/inventory/build/build-vault';
import { loadPageDefinitions } from '@/lib/inventory/definitions';
import { destinyMembershipOf, fetchProfile } from '@/lib/inventory/fetch-profile';
import { loadDefinitionsNaively } from '@/lib/inventory/naive-definitions';
import { isKnownCharacter, rememberCharacters } from '@/lib/inventory/known-characters';
import { instanceIdsOf, rememberItems } from '@/lib/inventory/known-items';
import type { ProfileAnswer } from '@/lib/bungie/types';
import { problemOf } from '@/lib/inventory/problem-of';
import type { CharacterView, LoadResult, VaultView } from '@/lib/inventory/types';

// Bungie character ids are int64 decimals; anything else cannot be the player's.
const CHARACTER_ID = /^\d{1,20}$/;

function remember(userId: string, profile: ProfileAnswer): ProfileAnswer {
  if (profile.characters?.data) rememberCharacters(userId, Object.keys(profile.characters.data));
  // The item detail route trusts these ids without reading the profile again (see known-items.ts).
  rememberItems(userId, instanceIdsOf(profile));
  return profile;
}

/** GetProfile component 100 (Profiles): the profile's `characterIds`, a few hundred bytes. */
const CHARACTER_LIST_COMPONENTS = [100] as const;

/**
 * Whether `characterId` is one of the player's: false for an id that cannot be one, else what
 * this process saw in a recent GetProfile (no Bungie call), else ONE small GetProfile (component
 * 100, the profile's character ids) — remembered, so the page that follows and the next views
 * ask nothing. Undefined when Bungie cannot say (maintenance, an ended session, no Destiny
 * account): the page then shows that problem. The character route's layout calls it before the
 * page's loading skeleton streams, so a foreign id gets a real HTTP 404.
 */
export async function isPlayersCharacter(userId: string, characterId: string): Promise<boolean | undefined> {
  if (!CHARACTER_ID.test(characterId)) return false;
  const known = isKnownCharacter(userId, characterId);
  if (known !== undefined) return known;
  try {
    const membership = await destinyMembershipOf(userId);
    if (!membership) return undefined;
    const ids = (await fetchProfile(userId, membership, CHARACTER_LIST_COMPONENTS)).profile?.data?.characterIds;
    if (!ids) return undefined;
    rememberCharacters(userId, ids);
    return ids.includes(characterId);
  } catch (error) {
    // Unknown: the page's own load turns the same failure into its problem page.
    if (error instanceof SessionEndedError || error instanceof BungieError || error instanceof BungieUnavailableError || isDatabaseUnavailable(error)) return undefined;
    throw error;
  }
}

/**
 * `isPlayersCharacter` once per request: Next renders the character layout and page in
 * parallel, so both await the same answer and the page never reads a profile for a foreign id.
 */
export const checkPlayersCharacter = cache(isPlayersCharacter);

/**
 * The signed-in player's vault: one GetProfile (components 102, 200, 300) and one batched
 * definitions read. Maintenance, throttling, outages, an ended session and a missing manifest
 * come back as a `LoadProblem`, never as a thrown error. `options.naive` (honoured only with
 * `VAULT_RAIDER_BENCH_NAIVE=1`) swaps in the benchmark's one-read-per-item baseline.
 */
export async function getVault(userId: string, options: { naive?: boolean } = {}): Promise<LoadResult<VaultView>> {
  try {
    const membership = await destinyMembershipOf(userId);
    if (!membership) return { kind: 'no-destiny-account' };
    const profile = remember(userId, await fetchProfile(userId, membership, VAULT_COMPONENTS));
    // `naive` is the benchmark's baseline (see naive-definitions.ts); the config must allow it.
    const naive = options.naive === true && getConfig().benchNaiveVault;
    const defs = await (naive ? loadDefinitionsNaively : loadPageDefinitions)(vaultNeeds(profile));
    if (!defs) return { kind: 'no-manifest' };
    return { kind: 'ok', view: buildVault(profile, defs, { iconOrigin: getConfig().bungie.origin }) };
  } catch (error) {
    return problemOf(error, 'Vault page');
  }
}

/**
 * One of the player's characters: one GetProfile (components 200, 201, 205, 300) and one
 * batched definitions read. A character id that is not the player's gives `not-found`.
 */
export async function getCharacter(userId: string, characterId: string): Promise<LoadResult<CharacterView>> {
  if (!CHARACTER_ID.test(characterId)) return { kind: 'not-found' };
  try {
    const membership = await destinyMembershipOf(userId);
    if (!membership) return { kind: 'no-destiny-account' };
    const profile = remember(userId, await fetchProfile(userId, membership, CHARACTER_COMPONENTS));
    if (!profile.characters?.data?.[characterId]) return { kind: 'not-found' };
    const defs = await loadPageDefinitions(characterPageNeeds(profile, characterId));
    if (!defs) return { kind: 'no-manifest' };
    const view = buildCharacter(profile, characterId, defs, { iconOrigin: getConfig().bungie.origin });
    return view ? { kind: 'ok', view } : { kind: 'not-found' };
  } catch (error) {
    return problemOf(error, 'Character page');
  }
}
