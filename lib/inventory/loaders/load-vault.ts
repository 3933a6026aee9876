import 'server-only';
import { annotateSections } from '@/lib/annotations/apply';
import { annotationsByInstance } from '@/lib/annotations/annotations';
import { getConfig } from '@/lib/config';
import { buildVault, VAULT_COMPONENTS, vaultNeeds } from '@/lib/inventory/build/build-vault';
import { loadPageDefinitions } from '@/lib/inventory/definitions';
import { destinyMembershipOf, fetchProfile } from '@/lib/inventory/fetch-profile';
import { problemOf } from '@/lib/inventory/problem-of';
import type { LoadResult, VaultView } from '@/lib/inventory/types';
import { rememberProfile } from './remember-profile';

/** Reads the definitions a page needs: `loadPageDefinitions` (one batched read, cached). */
export type DefinitionsReader = typeof loadPageDefinitions;

/** Options of `loadVault`. */
export type VaultOptions = {
  /** How definitions are read; `npm run bench:pages` passes its naive baseline here. */
  readDefinitions?: DefinitionsReader;
};

/**
 * The signed-in player's vault: one GetProfile (components 102, 200, 300) and one batched
 * definitions read, the tiles carrying the player's tags and notes (one query, alongside). Maintenance, throttling, outages, an ended session and a missing manifest
 * come back as a `LoadProblem`, never as a thrown error.
 */
export async function loadVault(userId: string, options: VaultOptions = {}): Promise<LoadResult<VaultView>> {
  const readDefinitions = options.readDefinitions ?? loadPageDefinitions;
  try {
    const membership = await destinyMembershipOf(userId);
    if (!membership) return { kind: 'no-destiny-account' };
    // The player's tags and notes are read from the database while Bungie answers.
    const [answer, annotations] = await Promise.all([fetchProfile(userId, membership, VAULT_COMPONENTS), annotationsByInstance(userId)]);
    const profile = rememberProfile(userId, membership, answer);
    const defs = await readDefinitions(vaultNeeds(profile));
    if (!defs) return { kind: 'no-manifest' };
    const view = buildVault(profile, defs, { iconOrigin: getConfig().bungie.origin });
    return { kind: 'ok', view: { ...view, groups: view.groups.map((g) => ({ ...g, sections: annotateSections(g.sections, annotations) })) } };
  } catch (error) {
    return problemOf(error, 'Vault page');
  }
}
