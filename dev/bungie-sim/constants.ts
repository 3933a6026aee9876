/** Real Destiny 2 hashes the simulator uses, so app code written against it works on bungie.net. */

/** Inventory bucket hashes (DestinyInventoryBucketDefinition). */
export const Bucket = {
  Vault: 138197802,
  Kinetic: 1498876634,
  Energy: 2465295065,
  Power: 953998645,
  Helmet: 3448274439,
  Gauntlets: 3551918588,
  Chest: 14239492,
  Legs: 20886954,
  ClassItem: 1585787867,
  Ghost: 4023194814,
  Vehicle: 2025709351,
  Ships: 284967655,
  Emblems: 4274335291,
  Subclass: 3284755031,
  Consumables: 1469714392,
  Modifications: 3313201758,
  LostItems: 215593132,
  Engrams: 375726501,
  Quests: 1345459588,
  Finishers: 3683254069,
  SeasonalArtifact: 1506418338,
} as const;

export const WEAPON_BUCKETS = [Bucket.Kinetic, Bucket.Energy, Bucket.Power] as const;
export const ARMOR_BUCKETS = [Bucket.Helmet, Bucket.Gauntlets, Bucket.Chest, Bucket.Legs, Bucket.ClassItem] as const;
/** Character buckets that hold one equipped item plus inventory (capacity 10 in the game). */
export const EQUIPPABLE_BUCKETS: readonly number[] = [
  ...WEAPON_BUCKETS,
  ...ARMOR_BUCKETS,
  Bucket.Ghost,
  Bucket.Vehicle,
  Bucket.Ships,
  Bucket.Emblems,
];

/** Class hashes by DestinyClass value (0 Titan, 1 Hunter, 2 Warlock). */
export const ClassHash = [3655393761, 671679327, 2271682572] as const;
export const CLASS_NAMES = ['Titan', 'Hunter', 'Warlock'] as const;
/** Race hashes by DestinyRace value (0 Human, 1 Awoken, 2 Exo). */
export const RaceHash = [3887404748, 2803282938, 898834093] as const;
export const RACE_NAMES = ['Human', 'Awoken', 'Exo'] as const;
/** Gender hashes by DestinyGender value (0 Male, 1 Female). */
export const GenderHash = [3111576190, 2204441813] as const;

/** Damage types: DamageType enum value, hash, name. */
export const DAMAGE_TYPES = [
  { enumValue: 1, hash: 3373582085, name: 'Kinetic' },
  { enumValue: 2, hash: 2303181850, name: 'Arc' },
  { enumValue: 3, hash: 1847026933, name: 'Solar' },
  { enumValue: 4, hash: 3454344768, name: 'Void' },
  { enumValue: 6, hash: 151347233, name: 'Stasis' },
  { enumValue: 7, hash: 3949783978, name: 'Strand' },
] as const;

export const Stat = { Attack: 1480404414, Defense: 3897883278, Power: 1935470627 } as const;

export const Vendor = { Xur: 2190858386, Zavala: 69482069, Banshee: 672118013, Ada: 350061650 } as const;

/** Currencies Xûr and friends charge. */
export const Currency = { Glimmer: 3159615086, LegendaryShards: 1022552290, StrangeCoin: 800069450 } as const;

/** Real unique labels the game uses to forbid two exotics in one group. */
export const UniqueLabel = { ExoticWeapon: 'exotic_weapon', ExoticArmor: 'exotic_armor' } as const;

export const ICON_ROOT = '/common/destiny2_content/icons';
