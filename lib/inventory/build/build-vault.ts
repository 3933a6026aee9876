import 'server-only';
import type { ProfileAnswer } from '@/lib/bungie/types';
import type { DestinyItemComponent } from 'bungie-api-ts/destiny2';
import type { DefinitionNeeds, PageDefinitions } from '@/lib/inventory/definitions';
import {
  buildTile, bySectionOrder, manifestSource, pushTo, characterNeeds, damageTypeNeeds, section, summarizeCharacters, tileComponents, unknownHashesOf,
  type TileContext, type TransformOptions,
} from './tiles';
import type { ItemTile, VaultGroup, VaultGroupId, VaultView } from '@/lib/inventory/types';

/**
 * GetProfile components the vault page needs: profile inventory, characters (navigation) and
 * instances. Stats and sockets (304, 305) are not asked: the search reads them from
 * GET /api/items/facts when a query needs them (build-facts.ts).
 */
export const VAULT_COMPONENTS = [102, 200, 300] as const;

// The vault is the General bucket. Real answers put the account-wide Consumables (1469714392) and
// Modifications (3313201758) in profileInventory with `location: 2` too, so the location cannot tell them apart.
const VAULT_BUCKET = 138197802;
// Bungie DestinyItemType.
const ITEM_TYPE_ARMOR = 2;
const ITEM_TYPE_WEAPON = 3;

// The game groups the vault so, but the manifest has no names for these groups.
const GROUP_LABELS: Record<VaultGroupId, string> = { weapons: 'Weapons', armor: 'Armor', general: 'General', account: 'Account-wide' };

function profileItems(profile: ProfileAnswer): DestinyItemComponent[] {
  return profile.profileInventory?.data?.items ?? [];
}

/** The definitions the vault page needs for this profile answer. */
export function vaultNeeds(profile: ProfileAnswer): DefinitionNeeds {
  const items = profileItems(profile);
  return {
    items: items.map((i) => i.itemHash),
    buckets: [VAULT_BUCKET, ...items.map((i) => i.bucketHash)],
    damageTypes: damageTypeNeeds(profile),
    ...characterNeeds(profile),
  };
}

function groupOf(tile: ItemTile): VaultGroupId {
  if (tile.location.kind === 'account') return 'account';
  if (tile.itemType === ITEM_TYPE_WEAPON) return 'weapons';
  if (tile.itemType === ITEM_TYPE_ARMOR) return 'armor';
  return 'general';
}

function buildGroup(id: VaultGroupId, tiles: ItemTile[], defs: PageDefinitions, bucketOf: (t: ItemTile) => number): VaultGroup {
  const bySection = new Map<number, ItemTile[]>();
  for (const tile of tiles) {
    pushTo(bySection, bucketOf(tile), tile);
  }
  // Vault sections share the vault's one capacity; account-wide buckets each have their own.
  const sections = [...bySection].map(([bucket, items]) => section(defs, bucket, items, id === 'account')).sort(bySectionOrder(defs));
  return { id, label: GROUP_LABELS[id], sections, count: tiles.length };
}

/**
 * The vault page from a GetProfile answer (components 102, 200, 300) and the page's definitions.
 * Vault items are grouped as weapons, armour and general, each split by the slot their
 * definition names; account-wide buckets (consumables, mods) follow, each its own section with
 * its own capacity. The count and capacity are the General bucket's. An item whose hash the
 * manifest lacks stays where it sits: a placeholder in the vault's "Unknown items" section, or
 * in its account-wide bucket.
 */
export function buildVault(profile: ProfileAnswer, defs: PageDefinitions, options: TransformOptions): VaultView {
  const ctx: TileContext = { defs, ...tileComponents(profile), options };
  const items = profileItems(profile);
  const tiles = items.map((item, index) =>
    buildTile(item, item.bucketHash === VAULT_BUCKET ? { kind: 'vault', label: 'Vault' } : { kind: 'account', label: 'Account-wide inventory' }, ctx, index),
  );
  const accountBucket = new Map(items.map((item, index) => [tiles[index]!.key, item.bucketHash]));
  const byGroup = new Map<VaultGroupId, ItemTile[]>();
  for (const tile of tiles) pushTo(byGroup, groupOf(tile), tile);
  const groups = (['weapons', 'armor', 'general', 'account'] as const)
    .filter((id) => (byGroup.get(id)?.length ?? 0) > 0)
    .map((id) => buildGroup(id, byGroup.get(id) ?? [], defs, (t) => (id === 'account' ? (accountBucket.get(t.key) ?? 0) : t.slotHash)));
  const vaultCount = tiles.filter((t) => t.location.kind === 'vault').length;
  return {
    groups,
    count: vaultCount,
    // No inventory (private, or not asked): no capacity to count against.
    capacity: profile.profileInventory?.data ? (defs.buckets.get(VAULT_BUCKET)?.itemCount ?? null) : null,
    characters: summarizeCharacters(profile, defs, options),
    unknownHashes: unknownHashesOf(tiles),
    manifest: manifestSource(defs),
  };
}
