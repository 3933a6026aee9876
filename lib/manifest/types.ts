/**
 * Compact manifest definitions: only what the pages use, so a page's batched read stays small
 * (a real item definition is ~3.3 KB of JSON; its compact form is a few hundred bytes).
 * Every hash is unsigned 32-bit, as Bungie's API returns it (the SQLite file stores it signed).
 */

/** An item (weapon, armour, consumable, ...), from DestinyInventoryItemDefinition. */
export type ItemDefinition = {
  hash: number;
  /** Display name, e.g. "Gjallarhorn". Empty for redacted items. */
  name: string;
  /** Icon path relative to https://www.bungie.net (empty when the item has none). */
  icon: string;
  /** e.g. "Rocket Launcher", "Hunter Cloak". */
  itemTypeDisplayName: string;
  /** Rarity: 0 Unknown, 1 Currency, 2 Basic, 3 Common, 4 Rare, 5 Superior (Legendary), 6 Exotic. */
  tierType: number;
  /** Rarity name, e.g. "Legendary", "Exotic". */
  tierTypeName: string;
  /** The inventory bucket the item lives in on a character (slot), 0 when none. */
  bucketTypeHash: number;
  /** Bungie `DestinyItemType`: 2 Armor, 3 Weapon, 9 Consumable, 19 Mod, ... */
  itemType: number;
  /** Bungie `DestinyItemSubType`, e.g. 10 Rocket Launcher, 26 Helmet. */
  itemSubType: number;
  /** Who can use it: 0 Titan, 1 Hunter, 2 Warlock, 3 anyone. */
  classType: number;
  /** Whether it can be equipped at all. */
  equippable: boolean;
  /** Bungie `DamageType` of a weapon: 0 None, 1 Kinetic, 2 Arc, 3 Solar, 4 Void, 6 Stasis, 7 Strand. */
  defaultDamageType: number;
  /**
   * Equip-exclusivity group, e.g. "exotic_weapon" or "exotic_armor": the game refuses two equipped
   * items sharing it. Empty for most items.
   */
  uniqueLabel: string;
  /** Largest stack (1 for instanced gear). */
  maxStackSize: number;
  /** Whether each copy has its own instance (power, perks) rather than stacking. */
  isInstanceItem: boolean;
  /** Whether it can never leave the character (so no transfer buttons). */
  nonTransferrable: boolean;
  /** Bungie hides some definitions until they are revealed; show a placeholder for them. */
  redacted: boolean;
  /** What a plug (perk, mod) does, for the item sheet; absent for other items and plugs without one. */
  description?: string;
  /**
   * Season number (`seasonHash` → DestinySeasonDefinition `seasonNumber`), resolved at ingest; absent
   * when the definition names no season (most items before 2020 and many since) or an unknown one.
   */
  season?: number;
  /**
   * What a mod or masterwork plug adds to its item's stats (`investmentStats`, always-active ones
   * only): stat hash, as a decimal string, → bonus. Only on plugs whose category says they are a mod
   * or a masterwork; other plugs (barrels, frames) are part of the base stat, as in DIM.
   */
  statBonuses?: Record<string, number>;
};

/** An inventory bucket (slot or vault section), from DestinyInventoryBucketDefinition. */
export type BucketDefinition = {
  hash: number;
  /** e.g. "Kinetic Weapons", "General". */
  name: string;
  /** 0 Character, 1 Account (vault, consumables, mods). */
  scope: number;
  /** 0 Invisible, 1 Item, 2 Currency, 3 Equippable, 4 Ignored. */
  category: number;
  /** 0 Unknown, 1 Inventory, 2 Vault, 3 Vendor, 4 Postmaster. */
  location: number;
  /** How many items fit: the capacity shown as "n / itemCount". */
  itemCount: number;
  /** Sort order of buckets on a page. */
  bucketOrder: number;
  /** Whether items in it can be moved elsewhere. */
  hasTransferDestination: boolean;
};

/** A character class, from DestinyClassDefinition. */
export type ClassDefinition = {
  hash: number;
  /** 0 Titan, 1 Hunter, 2 Warlock. */
  classType: number;
  /** e.g. "Hunter". */
  name: string;
};

/** A character race, from DestinyRaceDefinition. */
export type RaceDefinition = {
  hash: number;
  /** 0 Human, 1 Awoken, 2 Exo. */
  raceType: number;
  /** e.g. "Exo". */
  name: string;
};

/** An element, from DestinyDamageTypeDefinition. */
export type DamageTypeDefinition = {
  hash: number;
  /** Bungie `DamageType` value items refer to (`defaultDamageType`). */
  enumValue: number;
  /** e.g. "Solar". */
  name: string;
  /** Icon path relative to https://www.bungie.net. */
  icon: string;
};

/** A vendor (Xûr and friends), from DestinyVendorDefinition. */
export type VendorDefinition = {
  hash: number;
  /** e.g. "Xûr". */
  name: string;
  /** e.g. "Agent of the Nine". */
  subtitle: string;
  /** Icon path relative to https://www.bungie.net. */
  icon: string;
};

/** A stat (Power, Mobility, Range, ...), from DestinyStatDefinition. */
export type StatDefinition = {
  hash: number;
  /** e.g. "Mobility". */
  name: string;
  /** One sentence on what the stat does. */
  description: string;
  /** Icon path relative to https://www.bungie.net (empty for most weapon stats). */
  icon: string;
};

/** Each compact table and its definition type. */
export type DefinitionTables = {
  items: ItemDefinition;
  buckets: BucketDefinition;
  classes: ClassDefinition;
  races: RaceDefinition;
  damageTypes: DamageTypeDefinition;
  vendors: VendorDefinition;
  stats: StatDefinition;
};

/** A compact table name, e.g. "items". */
export type TableName = keyof DefinitionTables;

/** Any compact definition. */
export type AnyDefinition = DefinitionTables[TableName];

/** The SQLite table each compact table is read from. */
export const SOURCE_TABLES: { readonly [T in TableName]: string } = {
  items: 'DestinyInventoryItemDefinition',
  buckets: 'DestinyInventoryBucketDefinition',
  classes: 'DestinyClassDefinition',
  races: 'DestinyRaceDefinition',
  damageTypes: 'DestinyDamageTypeDefinition',
  vendors: 'DestinyVendorDefinition',
  stats: 'DestinyStatDefinition',
};

/** Every compact table, in the order a refresh writes them. */
export const TABLE_NAMES = Object.keys(SOURCE_TABLES) as TableName[];

/** Which stored version is current; flipped last, in one atomic write. */
export type ManifestPointer = {
  /** Storage id of the version (unique per ingest): the key prefix or the rows' `version_id`. */
  versionId: string;
  /** Bungie's `version` string. */
  version: string;
  /** `mobileWorldContentPaths.en`; compared as well, Bungie has changed files without changing `version`. */
  contentPath: string;
  /** Definitions per compact table. */
  counts: Partial<Record<TableName, number>>;
  /** When this version became current (ISO 8601). */
  activatedAt: string;
  /** The compact format it was written in (`COMPACT_FORMAT`); absent on versions written before there was one (1). */
  format?: number;
};
