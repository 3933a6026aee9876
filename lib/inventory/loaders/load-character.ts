import 'server-only';
import { annotateSections } from '@/lib/annotations/apply';
import { annotationsByInstance } from '@/lib/annotations/annotations';
import { getConfig } from '@/lib/config';
import { buildCharacter, CHARACTER_COMPONENTS, characterPageNeeds } from '@/lib/inventory/build/build-character';
import { loadPageDefinitions } from '@/lib/inventory/definitions';
import { fetchProfile, profileReaderOf } from '@/lib/inventory/fetch-profile';
import { problemOf } from '@/lib/inventory/problem-of';
import type { CharacterView, LoadResult } from '@/lib/inventory/types';
import { listLoadouts } from '@/lib/loadouts/loadouts';
import type { LoadoutView } from '@/lib/loadouts/types';
import { isCharacterId, rememberProfile } from './remember-profile';

/** The character page's view: the character and the player's saved loadouts. */
export type CharacterPageView = CharacterView & {
  /** The player's loadouts, by name (the page offers those of this character's class). */
  loadouts: LoadoutView[];
};

async function loadCharacterView(userId: string, characterId: string): Promise<LoadResult<CharacterView>> {
  const player = await profileReaderOf(userId);
  if (!player) return { kind: 'no-destiny-account' };
  // The player's tags and notes are read from the database while Bungie answers.
  const [answer, annotations] = await Promise.all([fetchProfile(userId, player.membership, CHARACTER_COMPONENTS, player.token), annotationsByInstance(userId)]);
  const profile = rememberProfile(userId, player.membership, answer);
  if (!profile.characters?.data?.[characterId]) return { kind: 'not-found' };
  const defs = await loadPageDefinitions(characterPageNeeds(profile, characterId));
  if (!defs) return { kind: 'no-manifest' };
  const view = buildCharacter(profile, characterId, defs, { iconOrigin: getConfig().bungie.origin });
  if (!view) return { kind: 'not-found' };
  return { kind: 'ok', view: { ...view, slots: annotateSections(view.slots, annotations), postmaster: annotateSections([view.postmaster], annotations)[0]! } };
}

/**
 * One of the player's characters with the player's loadouts: one GetProfile (components 200,
 * 201, 205, 300), one batched definitions read and, at the same time, one loadouts query and one
 * query of the player's tags and notes (on the tiles). A
 * character id that is not the player's gives `not-found`; Bungie's and the database's failures
 * come back as a `LoadProblem`.
 */
export async function loadCharacter(userId: string, characterId: string): Promise<LoadResult<CharacterPageView>> {
  if (!isCharacterId(characterId)) return { kind: 'not-found' };
  try {
    const [result, loadouts] = await Promise.all([loadCharacterView(userId, characterId), listLoadouts(userId)]);
    return result.kind === 'ok' ? { kind: 'ok', view: { ...result.view, loadouts } } : result;
  } catch (error) {
    return problemOf(error, 'Character page');
  }
}
