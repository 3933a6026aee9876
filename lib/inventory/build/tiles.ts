import 'server-only';
import type {
  DestinyCharacterComponent, DestinyItemComponent, DestinyItemInstanceComponent,
} from 'bungie-api-ts/destiny2';
import type { ProfileAnswer } from '@/lib/bungie/types';
import type { PageDefinitions } from '@/lib/inventory/definitions';
import type { BucketSection, CharacterSummary, ItemLocation, ItemTile, ManifestSource, Tier } from '@/lib/inventory/types';

/** What every transform needs besides the profile. */
export type TransformOptions = {
  /** Origin icon paths are relative to: https://www.bungie.net, or the simulator in the demo. */
  iconOrigin: string;
};

// Bungie ItemState bits and TransferStatuses bits.
const STATE_LOCKED = 1;
const STATE_MASTERWORK = 4;
const STATE_CRAFTED = 8;
const TRANSFER_EQUIPPED = 1;

// Bungie TierType → the colour family players know (Basic is white "common", Common is green).
const TIERS: Record<number, Tier> = { 1: 'currency', 2: 'common', 3: 'uncommon', 4: 'rare', 5: 'legendary', 6: 'exotic' };
const TIER_RANK: Record<Tier, number> = { exotic: 6, legendary: 5, rare: 4, uncommon: 3, common: 2, currency: 1, unknown: 0 };

/** Orders tiers from exotic down to unknown. */
export const tierRank = (tier: Tier): number => TIER_RANK[tier];

/** Absolute URL for a Bungie-relative path; null for an empty one. */
export function absoluteUrl(origin: string, path: string | undefined | null): string | null {
  if (!path) return null;
  return /^https?:\/\//.test(path) ? path : `${origin}${path.startsWith('/') ? '' : '/'}${path}`;
}

/** Everything `buildTile` reads besides the item itself. */
export type TileContext = {
  defs: PageDefinitions;
  instances: Readonly<Record<string, DestinyItemInstanceComponent>>;
  options: TransformOptions;
};

/** The item components a page's tiles read from a profile answer. */
export function tileComponents(profile: ProfileAnswer): Pick<TileContext, 'instances'> {
  return { instances: profile.itemComponents?.instances?.data ?? {} };
}

function damageTypeName(ctx: TileContext, instance: DestinyItemInstanceComponent | undefined, fallbackEnum: number): string | null {
  const byHash = instance?.damageTypeHash ? ctx.defs.damageTypes.get(instance.damageTypeHash) : undefined;
  if (byHash) return byHash.name;
  const value = instance?.damageType ?? fallbackEnum;
  // DamageType 0 is None; 1 Kinetic and up are elements.
  if (!value) return null;
  return [...ctx.defs.damageTypes.values()].find((d) => d.enumValue === value)?.name ?? null;
}

/**
 * One tile from an item component; an unknown hash gives a marked placeholder, never an error.
 * Built as ONE object literal with every field: spreading a shared part into two shapes cost
 * ~15 µs a tile in V8 (half the vault page's transform time for 462 items, measured).
 */
export function buildTile(item: DestinyItemComponent, location: ItemLocation, ctx: TileContext, index: number): ItemTile {
  const found = ctx.defs.items.get(item.itemHash);
  const def = found && !found.redacted ? found : undefined;
  const instance = item.itemInstanceId ? ctx.instances[item.itemInstanceId] : undefined;
  return {
    key: item.itemInstanceId ?? `${item.itemHash}:${location.kind}:${location.characterId ?? ''}:${index}`,
    hash: item.itemHash,
    // undefined for stacks: JSON leaves the key out.
    instanceId: item.itemInstanceId,
    known: def !== undefined,
    name: def ? def.name || `Item ${item.itemHash}` : `Unknown item ${item.itemHash}`,
    iconUrl: def ? absoluteUrl(ctx.options.iconOrigin, def.icon) : null,
    tier: def ? (TIERS[def.tierType] ?? 'unknown') : 'unknown',
    tierName: def?.tierTypeName ?? '',
    typeName: def?.itemTypeDisplayName ?? '',
    // Bungie sends a primary stat of 0 for some non-gear instances: that is no power level.
    power: instance?.primaryStat?.value || null,
    damageType: def ? damageTypeName(ctx, instance, def.defaultDamageType) : null,
    locked: (item.state & STATE_LOCKED) !== 0,
    masterwork: (item.state & STATE_MASTERWORK) !== 0,
    quantity: item.quantity,
    equipped: location.kind === 'equipped' || (item.transferStatus & TRANSFER_EQUIPPED) !== 0,
    slotHash: def?.bucketTypeHash ?? 0,
    itemType: def?.itemType ?? 0,
    classType: def?.classType ?? 3,
    location,
    // Optional facts for the search: undefined is left out of the page's JSON. Stats and perks are
    // not here: the search asks GET /api/items/facts for them (build-facts.ts).
    subType: def?.itemSubType || undefined,
    crafted: (item.state & STATE_CRAFTED) !== 0 ? true : undefined,
    season: def?.season,
  };
}

/** Default order inside a section: equipped first, then rarer, then stronger, then by name. */
export function compareTiles(a: ItemTile, b: ItemTile): number {
  return (
    Number(b.equipped) - Number(a.equipped) ||
    tierRank(b.tier) - tierRank(a.tier) ||
    (b.power ?? -1) - (a.power ?? -1) ||
    a.name.localeCompare(b.name)
  );
}

/** A section for a bucket, named and sized from its definition. */
export function section(defs: PageDefinitions, bucketHash: number, items: ItemTile[], withCapacity: boolean): BucketSection {
  const def = defs.buckets.get(bucketHash);
  const name = bucketHash === 0 ? 'Unknown items' : def?.name || items[0]?.typeName || `Bucket ${bucketHash}`;
  return { bucketHash, name, items: [...items].sort(compareTiles), count: items.length, capacity: withCapacity ? (def?.itemCount ?? null) : null };
}

// Bungie BucketCategory 0: invisible in the game's inventory screen (quests, postmaster), all with bucketOrder 0.
const CATEGORY_INVISIBLE = 0;

/**
 * Sorts sections as the game orders its buckets (`bucketOrder`); buckets the game keeps off its
 * inventory screen (quests) after those, then unknown ones.
 */
export function bySectionOrder(defs: PageDefinitions): (a: BucketSection, b: BucketSection) => number {
  const order = (s: BucketSection) => {
    const def = s.bucketHash === 0 ? undefined : defs.buckets.get(s.bucketHash);
    if (!def) return s.bucketHash === 0 ? Number.MAX_SAFE_INTEGER : Number.MAX_SAFE_INTEGER - 1;
    return def.category === CATEGORY_INVISIBLE ? 1_000_000 + def.bucketOrder : def.bucketOrder;
  };
  return (a, b) => order(a) - order(b) || a.name.localeCompare(b.name);
}

/** Character summaries, most recently played first. */
export function summarizeCharacters(profile: ProfileAnswer, defs: PageDefinitions, options: TransformOptions): CharacterSummary[] {
  const characters: DestinyCharacterComponent[] = Object.values(profile.characters?.data ?? {});
  return characters
    .map((c) => ({
      characterId: c.characterId,
      className: defs.classes.get(c.classHash)?.name || 'Guardian',
      raceName: defs.races.get(c.raceHash)?.name || '',
      power: c.light,
      emblemUrl: absoluteUrl(options.iconOrigin, c.emblemPath),
      emblemBackgroundUrl: absoluteUrl(options.iconOrigin, c.emblemBackgroundPath),
      dateLastPlayed: c.dateLastPlayed,
    }))
    .sort((a, b) => b.dateLastPlayed.localeCompare(a.dateLastPlayed));
}

/** Hashes of the page's items that the manifest lacks, each once. */
export function unknownHashesOf(tiles: readonly ItemTile[]): number[] {
  return [...new Set(tiles.filter((t) => !t.known).map((t) => t.hash))].sort((a, b) => a - b);
}

/** Which hashes a profile's answer needs from each small table. */
export function characterNeeds(profile: ProfileAnswer): { classes: number[]; races: number[] } {
  const characters = Object.values(profile.characters?.data ?? {});
  return { classes: characters.map((c) => c.classHash), races: characters.map((c) => c.raceHash) };
}

/** Damage type hashes the instances name. */
export function damageTypeNeeds(profile: ProfileAnswer): number[] {
  // A handful of elements among hundreds of instances: a set, not an array per instance.
  const hashes = new Set<number>();
  for (const i of Object.values(profile.itemComponents?.instances?.data ?? {})) if (i.damageTypeHash) hashes.add(i.damageTypeHash);
  return [...hashes];
}

/** Appends `value` to the list under `key`. */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Which manifest version (and whether a backup copy) a page's definitions came from. */
export function manifestSource(defs: PageDefinitions): ManifestSource {
  return { versionId: defs.versionId, fromBackup: defs.fromBackup === true };
}
