import 'server-only';
import { getConfig } from '@/lib/config';
import { buildCharacter, CHARACTER_COMPONENTS, characterPageNeeds } from './build-character';
import { buildVault, VAULT_COMPONENTS, vaultNeeds } from './build-vault';
import { loadPageDefinitions } from './definitions';
import { destinyMembershipOf, fetchProfile } from './fetch-profile';
import { loadDefinitionsNaively } from './naive-definitions';
import { isKnownCharacter, rememberCharacters } from './known-characters';
import type { ProfileAnswer } from './tiles';
import { problemOf } from './problem-of';
import type { CharacterView, LoadResult, VaultView } from './types';

// Bungie character ids are int64 decimals; anything else cannot be the player's.
const CHARACTER_ID = /^\d{1,20}$/;

function remember(userId: string, profile: ProfileAnswer): ProfileAnswer {
  if (profile.characters?.data) rememberCharacters(userId, Object.keys(profile.characters.data));
  return profile;
}

/**
 * Whether `characterId` is certainly not one of the player's, from what this process saw in a
 * recent GetProfile (no Bungie call). The character route's layout uses it to answer a real 404
 * before the page streams; false when unsure (the loader then decides).
 */
export function isSurelyNotPlayersCharacter(userId: string, characterId: string): boolean {
  return !CHARACTER_ID.test(characterId) || isKnownCharacter(userId, characterId) === false;
}

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
