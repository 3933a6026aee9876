import 'server-only';
import { annotateSections } from '@/lib/annotations/apply';
import { annotationsByInstance } from '@/lib/annotations/annotations';
import { asPlayer } from '@/lib/auth/as-player';
import { getConfig } from '@/lib/config';
import { getProfileText, profileEndpoint } from '@/lib/bungie/destiny2';
import { unwrapText } from '@/lib/bungie/http';
import type { DestinyMembership, ProfileAnswer } from '@/lib/bungie/types';
import { matchesEtag } from '@/lib/http/etag';
import { buildVault, VAULT_COMPONENTS, vaultNeeds } from '@/lib/inventory/build/build-vault';
import { loadPageDefinitions, pageDefinitionsTag } from '@/lib/inventory/definitions';
import { destinyMembershipOf, fetchProfile, onProfile, profileReaderOf } from '@/lib/inventory/fetch-profile';
import { problemOf } from '@/lib/inventory/problem-of';
import { profileEtag } from '@/lib/inventory/profile-etag';
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
 * definitions read, the tiles carrying the player's tags and notes (one query, alongside).
 * Maintenance, throttling, outages, an ended session and a missing manifest come back as a `LoadProblem`, never as a thrown error.
 */
export async function loadVault(userId: string, options: VaultOptions = {}): Promise<LoadResult<VaultView>> {
  const readDefinitions = options.readDefinitions ?? loadPageDefinitions;
  try {
    const player = await profileReaderOf(userId);
    if (!player) return { kind: 'no-destiny-account' };
    // The player's tags and notes are read from the database while Bungie answers.
    const [answer, annotations] = await Promise.all([fetchProfile(userId, player.membership, VAULT_COMPONENTS, player.token), annotationsByInstance(userId)]);
    return await vaultOf(userId, player.membership, answer, annotations, readDefinitions);
  } catch (error) {
    return problemOf(error, 'Vault page');
  }
}

/** The vault poll's answer: the view with its ETag, or "unchanged" when the browser's ETag still names it. */
export type VaultPoll = { kind: 'unchanged'; etag: string } | { kind: 'ok'; view: VaultView; etag: string } | Exclude<LoadResult<VaultView>, { kind: 'ok' }>;

/**
 * The vault for its 30 s poll (`/api/profile`): GetProfile is asked every time (the view is never
 * older than the poll), but its answer is compared by its text first — with the manifest version
 * and the deployment, see `profileEtag` — so an unchanged vault costs no parse, no tiles, no tags
 * query: "unchanged", answered 304. A changed one is built as `loadVault` builds it.
 */
export async function pollVault(userId: string, ifNoneMatch: string | null): Promise<VaultPoll> {
  try {
    const membership = await destinyMembershipOf(userId);
    if (!membership) return { kind: 'no-destiny-account' };
    const inputs = { userId, deploymentId: getConfig().deploymentId, manifest: await pageDefinitionsTag() };
    const read = await onProfile(userId, membership, (m) =>
      asPlayer(userId, async (accessToken) => {
        const { status, text } = await getProfileText(accessToken, m, VAULT_COMPONENTS);
        const etag = profileEtag(inputs, text);
        // The same text as an answer this player was served (a success: only those get a tag).
        if (status === 200 && matchesEtag(ifNoneMatch, etag)) return { etag, membership: m };
        return { etag, membership: m, answer: unwrapText<ProfileAnswer>(profileEndpoint(m), status, text) };
      }),
    );
    if (!read.answer) return { kind: 'unchanged', etag: read.etag };
    const result = await vaultOf(userId, read.membership, read.answer, await annotationsByInstance(userId), loadPageDefinitions);
    return result.kind === 'ok' ? { ...result, etag: read.etag } : result;
  } catch (error) {
    return problemOf(error, 'Vault page');
  }
}

async function vaultOf(userId: string, membership: DestinyMembership, answer: ProfileAnswer, annotations: Awaited<ReturnType<typeof annotationsByInstance>>, readDefinitions: DefinitionsReader): Promise<LoadResult<VaultView>> {
  const profile = rememberProfile(userId, membership, answer);
  const defs = await readDefinitions(vaultNeeds(profile));
  if (!defs) return { kind: 'no-manifest' };
  const view = buildVault(profile, defs, { iconOrigin: getConfig().bungie.origin });
  return { kind: 'ok', view: { ...view, groups: view.groups.map((g) => ({ ...g, sections: annotateSections(g.sections, annotations) })) } };
}
