import type { SimItemDefinition } from '../manifest/item-generator';
import { generateWorld, primaryMembership, type World } from './world';

// The second profile draws its own characters and vault from a seed far from any test's.
const SECOND_SEED_OFFSET = 5000;
const SECOND_VAULT_ITEMS = 120;

/** Every profile of the player: the primary world first, then the others (each with the shared player). */
export function profileWorlds(world: World): World[] {
  for (const other of world.otherProfiles ?? []) other.player = world.player;
  return [world, ...(world.otherProfiles ?? [])];
}

/** The profile that lives on this membership (type, and id when given), or undefined. */
export function profileWorld(world: World, membershipType: number | string, membershipId?: string): World | undefined {
  return profileWorlds(world).find((w) => {
    const m = primaryMembership(w);
    return String(m.membershipType) === String(membershipType) && (membershipId === undefined || m.membershipId === membershipId);
  });
}

/**
 * Turns cross-save off and gives the player a second Destiny profile on PlayStation with its own
 * three characters and vault, as Bungie answers for an account that plays on two platforms
 * without cross-save: both memberships listed, `crossSaveOverride` 0, no `primaryMembershipId`.
 * Does nothing when the player has one already.
 */
export function addSecondProfile(world: World, items: readonly SimItemDefinition[], perkHashes: readonly number[], seed: number): void {
  if (world.otherProfiles?.length) return;
  const p = world.player;
  const primary = primaryMembership(world);
  let psn = p.memberships.find((m) => m.membershipType === 2);
  if (!psn) {
    psn = { membershipType: 2, membershipId: (BigInt(primary.membershipId) + 7_777_777n).toString(), displayName: 'Guardian' };
    p.memberships.push(psn);
  }
  p.crossSave = false;
  const generated = generateWorld(items, perkHashes, { seed: seed + SECOND_SEED_OFFSET, vaultItems: SECOND_VAULT_ITEMS, crossSave: false });
  world.otherProfiles = [{ ...generated, player: p, membershipId: psn.membershipId }];
}

/** Back to one profile: the others are gone and cross-save is as the world began (`crossSave`). */
export function removeOtherProfiles(world: World, crossSave: boolean): void {
  const others = new Set((world.otherProfiles ?? []).map((w) => w.membershipId));
  delete world.otherProfiles;
  world.player.crossSave = crossSave;
  if (!crossSave) world.player.memberships = world.player.memberships.filter((m) => !others.has(m.membershipId));
}
