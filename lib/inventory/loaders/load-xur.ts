import 'server-only';
import { asPlayer } from '@/lib/auth/as-player';
import { getPublicVendors, getVendors } from '@/lib/bungie/destiny2';
import type { DestinyMembership } from '@/lib/bungie/types';
import { getConfig } from '@/lib/config';
import { buildXur, XUR_COMPONENTS, xurNeeds, type VendorsAnswer } from '@/lib/inventory/build/build-xur';
import { loadPageDefinitions } from '@/lib/inventory/definitions';
import { destinyMembershipOf, fetchProfile } from '@/lib/inventory/fetch-profile';
import { knownCharacterIds, profileKey, rememberCharacters } from '@/lib/inventory/known-characters';
import { problemOf } from '@/lib/inventory/problem-of';
import type { LoadProblem, LoadResult, XurSource, XurView } from '@/lib/inventory/types';

/** Options of `loadXur`; tests fix the clock. */
export type XurOptions = { now?: Date };


/**
 * A character to ask about: one this process saw in a recent GetProfile (the usual case, the
 * player came from /vault), else one GetProfile of component 200 to learn them.
 */
async function someCharacter(userId: string, membership: DestinyMembership): Promise<string | undefined> {
  const known = knownCharacterIds(profileKey(userId, membership));
  if (known?.[0]) return known[0];
  const profile = await fetchProfile(userId, membership, [200]);
  const ids = Object.keys(profile.characters?.data ?? {});
  rememberCharacters(profileKey(userId, membership), ids);
  return ids[0];
}

/** The per-character Vendors call; Xûr's stock is the same for every character but its class items. */
async function characterVendors(userId: string, membership: DestinyMembership, characterId: string): Promise<VendorsAnswer> {
  return asPlayer(userId, (accessToken) => getVendors(accessToken, membership, characterId, XUR_COMPONENTS));
}

/** The public Vendors preview: no token, and Bungie may leave Xûr out of it. */
function publicVendors(): Promise<VendorsAnswer> {
  return getPublicVendors(XUR_COMPONENTS);
}

async function vendorsFor(userId: string | null): Promise<{ source: XurSource; answer: VendorsAnswer } | LoadProblem> {
  if (userId === null) return { source: 'public', answer: await publicVendors() };
  const membership = await destinyMembershipOf(userId);
  if (!membership) return { kind: 'no-destiny-account' };
  const characterId = await someCharacter(userId, membership);
  if (!characterId) return { kind: 'no-destiny-account' };
  return { source: 'character', answer: await characterVendors(userId, membership, characterId) };
}

/**
 * Xûr this week. Signed in (`userId`): ONE per-character Vendors call (components 400, 402) for
 * a character this process already knows (otherwise one GetProfile of component 200 first).
 * Visitors (`null`): the public Vendors preview, which omits per-character stock and may omit
 * Xûr. Then one batched definitions read (offered items, their costs, the vendor's name).
 * Problems (maintenance, ended session, no manifest) come back as a `LoadProblem`.
 */
export async function loadXur(userId: string | null, options: XurOptions = {}): Promise<LoadResult<XurView>> {
  try {
    const vendors = await vendorsFor(userId);
    if ('kind' in vendors) return vendors;
    const defs = await loadPageDefinitions(xurNeeds(vendors.answer));
    if (!defs) return { kind: 'no-manifest' };
    const view = buildXur(vendors.answer, vendors.source, defs, { iconOrigin: getConfig().bungie.origin, now: options.now ?? new Date() });
    return { kind: 'ok', view };
  } catch (error) {
    return problemOf(error, 'Xûr page');
  }
}
