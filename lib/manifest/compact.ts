import 'server-only';
import type {
  DestinyClassDefinition, DestinyDamageTypeDefinition, DestinyInventoryBucketDefinition, DestinyInventoryItemDefinition,
  DestinyRaceDefinition, DestinyStatDefinition, DestinyVendorDefinition,
} from 'bungie-api-ts/destiny2';
import type { DefinitionTables, TableName } from './types';

// Raw definitions come from Bungie's file: any field may be missing on odd rows (redacted,
// dummy or retired items), so every read has a default instead of trusting the type.
type Raw<T> = { [K in keyof T]?: T[K] | null };

/**
 * The shape of what this file writes: bumped whenever compacting keeps something it did not (2:
 * season numbers and mods' stat bonuses). A stored version of another format is ingested again
 * even when Bungie's manifest has not changed, so an upgrade never leaves a search word (season:,
 * basestat:) matching nothing until Bungie's next patch.
 */
export const COMPACT_FORMAT = 2;

/** SQLite holds the 32-bit hash as a signed integer; the API and everything else use unsigned. */
export function toUnsignedHash(id: number): number {
  return id >>> 0;
}

function display(raw: { displayProperties?: { name?: string; icon?: string; description?: string } | null }) {
  const d = raw.displayProperties ?? {};
  return { name: d.name ?? '', icon: d.icon ?? '', description: d.description ?? '' };
}

/** What compacting a row may look up in other tables of the same file. */
export type CompactContext = {
  /** DestinySeasonDefinition hash → `seasonNumber` (items carry the number, not the hash). */
  seasons: ReadonlyMap<number, number>;
};

const NO_CONTEXT: CompactContext = { seasons: new Map() };

// Plug categories whose stat bonuses are not part of an item's base stats (DIM's base stats leave out
// mods and the masterwork): armour mods ("enhancements.v2_general", "enhancements.artifice"), weapon
// mods ("v400.weapon.mod_guns"), masterworks ("v400.plugs.weapons.masterworks.stat.range",
// "v400.plugs.armor.masterworks", crafted "crafting.plugs.weapons.mods.masterworks").
const BONUS_PLUGS = /^enhancements\.|\.mod_|masterworks/;

/** A mod's or masterwork's always-active stat bonuses, by stat hash; undefined for other items. */
function statBonuses(raw: Raw<DestinyInventoryItemDefinition>): Record<string, number> | undefined {
  if (!raw.plug || !BONUS_PLUGS.test(raw.plug.plugCategoryIdentifier ?? '')) return undefined;
  let out: Record<string, number> | undefined;
  for (const s of raw.investmentStats ?? []) {
    // A conditional bonus depends on the item (e.g. only on a masterworked piece): not subtracted.
    if (!s?.value || s.isConditionallyActive || !s.statTypeHash) continue;
    const key = String(toUnsignedHash(s.statTypeHash));
    (out ??= {})[key] = (out[key] ?? 0) + s.value;
  }
  return out;
}

const compacters: { [T in TableName]: (raw: never, hash: number, context: CompactContext) => DefinitionTables[T] } = {
  items: (raw: Raw<DestinyInventoryItemDefinition>, hash, context) => {
    const inv = raw.inventory;
    const season = raw.seasonHash ? context.seasons.get(toUnsignedHash(raw.seasonHash)) : undefined;
    const bonuses = statBonuses(raw);
    return {
      hash,
      name: display(raw).name,
      icon: display(raw).icon,
      itemTypeDisplayName: raw.itemTypeDisplayName ?? '',
      tierType: inv?.tierType ?? 0,
      tierTypeName: inv?.tierTypeName ?? '',
      bucketTypeHash: toUnsignedHash(inv?.bucketTypeHash ?? 0),
      itemType: raw.itemType ?? 0,
      itemSubType: raw.itemSubType ?? 0,
      classType: raw.classType ?? 3,
      equippable: raw.equippable ?? false,
      defaultDamageType: raw.defaultDamageType ?? 0,
      uniqueLabel: raw.equippingBlock?.uniqueLabel ?? '',
      maxStackSize: inv?.maxStackSize ?? 1,
      isInstanceItem: inv?.isInstanceItem ?? false,
      nonTransferrable: raw.nonTransferrable ?? false,
      redacted: raw.redacted ?? false,
      // Only plugs keep their description (the sheet explains a tapped perk): item flavour would cost space.
      ...(raw.plug && display(raw).description ? { description: display(raw).description } : {}),
      // Optional and left out when absent: most of ~30,000 items have neither (the store's size).
      ...(season !== undefined ? { season } : {}),
      ...(bonuses ? { statBonuses: bonuses } : {}),
    };
  },
  buckets: (raw: Raw<DestinyInventoryBucketDefinition>, hash) => ({
    hash,
    name: display(raw).name,
    scope: raw.scope ?? 0,
    category: raw.category ?? 0,
    location: raw.location ?? 0,
    itemCount: raw.itemCount ?? 0,
    bucketOrder: raw.bucketOrder ?? 0,
    hasTransferDestination: raw.hasTransferDestination ?? false,
  }),
  classes: (raw: Raw<DestinyClassDefinition>, hash) => ({ hash, classType: raw.classType ?? 3, name: display(raw).name }),
  races: (raw: Raw<DestinyRaceDefinition>, hash) => ({ hash, raceType: raw.raceType ?? 3, name: display(raw).name }),
  damageTypes: (raw: Raw<DestinyDamageTypeDefinition>, hash) => ({ hash, enumValue: raw.enumValue ?? 0, name: display(raw).name, icon: display(raw).icon }),
  vendors: (raw: Raw<DestinyVendorDefinition>, hash) => {
    const d = raw.displayProperties as { subtitle?: string } | null | undefined;
    return { hash, name: display(raw).name, subtitle: d?.subtitle ?? '', icon: display(raw).icon };
  },
  stats: (raw: Raw<DestinyStatDefinition>, hash) => ({ hash, name: display(raw).name, description: display(raw).description, icon: display(raw).icon }),
};

/**
 * Turns one row of Bungie's SQLite file (`id` signed, `json` text) into the compact definition
 * of `table`. The hash comes from the row id, converted to unsigned; `context` resolves what the
 * row names in other tables (an item's season).
 */
export function compactDefinition<T extends TableName>(table: T, id: number, json: string, context: CompactContext = NO_CONTEXT): DefinitionTables[T] {
  const raw = JSON.parse(json) as object;
  const compact = compacters[table] as (raw: object, hash: number, context: CompactContext) => DefinitionTables[T];
  return compact(raw, toUnsignedHash(id), context);
}

/** Season hash → season number, from DestinySeasonDefinition rows (`id` signed, `json` text). */
export function seasonNumbers(rows: Iterable<[id: number, json: string]>): Map<number, number> {
  const out = new Map<number, number>();
  for (const [id, json] of rows) {
    const n = (JSON.parse(json) as { seasonNumber?: unknown }).seasonNumber;
    if (typeof n === 'number' && Number.isInteger(n)) out.set(toUnsignedHash(id), n);
  }
  return out;
}
