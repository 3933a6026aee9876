import 'server-only';
import type { ProfileAnswer } from '@/lib/bungie/types';
import type { DestinyItemComponent } from 'bungie-api-ts/destiny2';
import type { DefinitionNeeds, PageDefinitions } from '@/lib/inventory/definitions';
import {
  buildTile, bySectionOrder, manifestSource, characterNeeds, damageTypeNeeds, pushTo, section, summarizeCharacters, tileComponents, unknownHashesOf,
  type TileContext, type TransformOptions,
} from './tiles';
import type { CharacterView, ItemLocation, ItemTile } from '@/lib/inventory/types';

/**
 * GetProfile components a character page needs: characters, their inventories and equipment,
 * and instances. Stats and sockets (304, 305) are not asked: the search reads them from
 * GET /api/items/facts when a query needs them (build-facts.ts).
 */
export const CHARACTER_COMPONENTS = [200, 201, 205, 300] as const;

// Bungie ItemLocation 4: waiting at the postmaster (the Lost Items bucket).
const LOCATION_POSTMASTER = 4;

function characterItems(profile: ProfileAnswer, characterId: string): { equipped: DestinyItemComponent[]; inventory: DestinyItemComponent[] } {
  return {
    equipped: profile.characterEquipment?.data?.[characterId]?.items ?? [],
    inventory: profile.characterInventories?.data?.[characterId]?.items ?? [],
  };
}

/** The definitions a character page needs for this profile answer. */
export function characterPageNeeds(profile: ProfileAnswer, characterId: string): DefinitionNeeds {
  const { equipped, inventory } = characterItems(profile, characterId);
  const items = [...equipped, ...inventory];
  return { items: items.map((i) => i.itemHash), buckets: items.map((i) => i.bucketHash), damageTypes: damageTypeNeeds(profile), ...characterNeeds(profile) };
}

/**
 * One character's page from a GetProfile answer (components 200, 201, 205, 300), or null when
 * the answer has no such character (someone else's id: the page answers 404).
 * Items are grouped by the bucket they sit in, so each slot shows its equipped item and the
 * rest; postmaster items are listed apart.
 */
export function buildCharacter(profile: ProfileAnswer, characterId: string, defs: PageDefinitions, options: TransformOptions): CharacterView | null {
  const characters = summarizeCharacters(profile, defs, options);
  const character = characters.find((c) => c.characterId === characterId);
  if (!character) return null;
  const ctx: TileContext = { defs, ...tileComponents(profile), options };
  const who = `your ${character.className}`;
  const { equipped, inventory } = characterItems(profile, characterId);

  const at = (kind: ItemLocation['kind'], label: string): ItemLocation => ({ kind, characterId, label });
  const bySlot = new Map<number, ItemTile[]>();
  const postmaster: ItemTile[] = [];
  let postmasterBucket = 0;
  const all: ItemTile[] = [];
  equipped.forEach((item, i) => {
    const tile = buildTile(item, at('equipped', `Equipped on ${who}`), ctx, i);
    all.push(tile);
    pushTo(bySlot, item.bucketHash, tile);
  });
  inventory.forEach((item, i) => {
    const atPostmaster = item.location === LOCATION_POSTMASTER;
    const tile = buildTile(item, atPostmaster ? at('postmaster', `At the postmaster for ${who}`) : at('inventory', `In the inventory of ${who}`), ctx, i);
    all.push(tile);
    if (atPostmaster) {
      postmasterBucket = item.bucketHash;
      postmaster.push(tile);
    } else pushTo(bySlot, item.bucketHash, tile);
  });

  const slots = [...bySlot]
    .map(([bucketHash, tiles]) => {
      const s = section(defs, bucketHash, tiles, true);
      return { ...s, equipped: s.items.find((t) => t.equipped) ?? null };
    })
    .sort(bySectionOrder(defs));
  const postmasterSection = section(defs, postmasterBucket, postmaster, true);
  return {
    character,
    characters,
    slots,
    postmaster: { ...postmasterSection, name: postmasterBucket ? postmasterSection.name : 'Postmaster' },
    unknownHashes: unknownHashesOf(all),
    manifest: manifestSource(defs),
  };
}
