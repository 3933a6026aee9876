import 'server-only';
import { getConfig } from '@/lib/config';
import { AppError } from '@/lib/http/errors';
import { buildCharacter, characterPageNeeds } from '@/lib/inventory/build/build-character';
import { buildVault, vaultNeeds } from '@/lib/inventory/build/build-vault';
import { loadPageDefinitions, type DefinitionNeeds, type PageTable } from '@/lib/inventory/definitions';
import { destinyMembershipOf, fetchProfile } from '@/lib/inventory/fetch-profile';
import { rememberProfile } from '@/lib/inventory/loaders/remember-profile';
import type { BucketSection, ItemTile } from '@/lib/inventory/types';
import { annotationsByInstance } from './annotations';
import { annotateTile } from './apply';
import { itemsCsv } from './csv';

/** GetProfile components of every item: the vault and account-wide stacks, characters, their inventories and equipment, instances. */
export const EXPORT_COMPONENTS = [102, 200, 201, 205, 300] as const;

function mergeNeeds(all: DefinitionNeeds[]): DefinitionNeeds {
  const merged: { [T in PageTable]?: number[] } = {};
  for (const needs of all) {
    for (const [table, hashes] of Object.entries(needs) as [PageTable, readonly number[]][]) (merged[table] ??= []).push(...hashes);
  }
  return Object.fromEntries(Object.entries(merged).map(([t, hashes]) => [t, [...new Set(hashes)]]));
}

const tilesOf = (sections: readonly BucketSection[]) => sections.flatMap((s) => s.items);

/**
 * Every item of the player — each character's equipped items, inventory and postmaster, then the
 * vault and the account-wide stacks — with their tags and notes: ONE GetProfile, one batched
 * definitions read and one query of the annotations, alongside the profile read.
 */
export async function exportTiles(userId: string): Promise<ItemTile[]> {
  const membership = await destinyMembershipOf(userId);
  if (!membership) throw new AppError('no_destiny_account');
  const [answer, annotations] = await Promise.all([fetchProfile(userId, membership, EXPORT_COMPONENTS), annotationsByInstance(userId)]);
  const profile = rememberProfile(userId, membership, answer);
  const characterIds = Object.keys(profile.characters?.data ?? {});
  const defs = await loadPageDefinitions(mergeNeeds([vaultNeeds(profile), ...characterIds.map((id) => characterPageNeeds(profile, id))]));
  if (!defs) throw new AppError('no_manifest');
  const options = { iconOrigin: getConfig().bungie.origin };
  const tiles = characterIds.flatMap((id) => {
    const view = buildCharacter(profile, id, defs, options);
    return view ? [...tilesOf(view.slots), ...view.postmaster.items] : [];
  });
  tiles.push(...buildVault(profile, defs, options).groups.flatMap((g) => tilesOf(g.sections)));
  return tiles.map((t) => annotateTile(t, annotations));
}

/** The CSV file of `exportTiles` (see csv.ts). */
export async function exportItemsCsv(userId: string): Promise<string> {
  return itemsCsv(await exportTiles(userId));
}
