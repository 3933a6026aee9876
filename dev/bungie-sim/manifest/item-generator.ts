import type { DestinyDisplayPropertiesDefinition, DestinyInventoryItemDefinition } from 'bungie-api-ts/destiny2';
import { ARMOR_BUCKETS, Bucket, CLASS_NAMES, DAMAGE_TYPES, ICON_ROOT, UniqueLabel } from '../constants';
import { itemIconPath } from '../icons';
import { createRng, hashString, type Rng } from '../prng';
import { armorModPlug } from './plug-definitions';
import { seasonHashOf } from './seasons';

/** The fields of DestinyInventoryItemDefinition the simulator fills; typed by bungie-api-ts. */
export type SimItemDefinition = Pick<
  DestinyInventoryItemDefinition,
  | 'displayProperties' | 'itemTypeDisplayName' | 'itemTypeAndTierDisplayName' | 'flavorText' | 'inventory'
  | 'itemType' | 'itemSubType' | 'classType' | 'equippable' | 'defaultDamageType' | 'damageTypeHashes'
  | 'damageTypes' | 'equippingBlock' | 'hash' | 'index' | 'redacted' | 'nonTransferrable'
  | 'allowActions' | 'itemCategoryHashes' | 'specialItemType' | 'isWrapper' | 'traitIds' | 'traitHashes'
  | 'screenshot' | 'breakerType' | 'doesPostmasterPullHaveSideEffects'
> & Partial<Pick<DestinyInventoryItemDefinition, 'seasonHash' | 'plug' | 'investmentStats'>> & { defaultDamageTypeHash?: number };

type Kind = { bucket: number; itemType: number; subTypes: readonly [number, string][]; stack: number; classed?: boolean };

// Real DestinyItemType / DestinyItemSubType values with their display names.
const WEAPONS: readonly [number, string][] = [
  [6, 'Auto Rifle'], [7, 'Shotgun'], [8, 'Machine Gun'], [9, 'Hand Cannon'], [10, 'Rocket Launcher'], [11, 'Fusion Rifle'],
  [12, 'Sniper Rifle'], [13, 'Pulse Rifle'], [14, 'Scout Rifle'], [17, 'Sidearm'], [18, 'Sword'], [24, 'Submachine Gun'], [31, 'Combat Bow'], [33, 'Glaive'],
];
const POWER_SUBTYPES = new Set([8, 10, 18]);
const ARMOR_SUBTYPES: Record<number, [number, string]> = {
  [Bucket.Helmet]: [26, 'Helmet'], [Bucket.Gauntlets]: [27, 'Gauntlets'], [Bucket.Chest]: [28, 'Chest Armor'],
  [Bucket.Legs]: [29, 'Leg Armor'], [Bucket.ClassItem]: [30, 'Class Item'],
};
const OTHER: readonly Kind[] = [
  { bucket: Bucket.Ghost, itemType: 24, subTypes: [[0, 'Ghost Shell']], stack: 1 },
  { bucket: Bucket.Vehicle, itemType: 22, subTypes: [[0, 'Vehicle']], stack: 1 },
  { bucket: Bucket.Ships, itemType: 21, subTypes: [[0, 'Ship']], stack: 1 },
  { bucket: Bucket.Emblems, itemType: 14, subTypes: [[0, 'Emblem']], stack: 1 },
  { bucket: Bucket.Consumables, itemType: 9, subTypes: [[0, 'Consumable']], stack: 9999 },
  { bucket: Bucket.Modifications, itemType: 19, subTypes: [[0, 'Armor Mod']], stack: 99 },
];
// Buckets every real character also has; only ever asked for by bucket, so the main mix stays as it was.
const CHARACTER_ONLY: readonly Kind[] = [
  { bucket: Bucket.Subclass, itemType: 16, subTypes: [[0, 'Subclass']], stack: 1, classed: true },
  { bucket: Bucket.Engrams, itemType: 8, subTypes: [[0, 'Engram']], stack: 1 },
  { bucket: Bucket.Quests, itemType: 12, subTypes: [[0, 'Quest Step']], stack: 1 },
  { bucket: Bucket.SeasonalArtifact, itemType: 0, subTypes: [[0, 'Artifact']], stack: 1 },
];
const TIERS = [
  { tierType: 3, name: 'Common', hash: 3340296461 },
  { tierType: 4, name: 'Rare', hash: 2127292149 },
  { tierType: 5, name: 'Legendary', hash: 4008398120 },
  { tierType: 6, name: 'Exotic', hash: 2759499571 },
] as const;
const WORDS_A = ['Ashen', 'Vigilant', 'Hollow', 'Bright', 'Silent', 'Gilded', 'Iron', 'Stellar', 'Last', 'Eternal', 'Hidden', 'Broken', 'Fallen', 'Crimson', 'Waking', 'Lunar'];
const WORDS_B = ['Oath', 'Lance', 'Verse', 'Warden', 'Hymn', 'Ember', 'Tide', 'Crown', 'Spire', 'Orbit', 'Dirge', 'Vigil', 'Thorn', 'Wake', 'Gambit', 'Mantle'];

/** Display properties with an icon path the simulator's icon route answers. */
export function displayProps(name: string, description: string, rng: Rng): DestinyDisplayPropertiesDefinition {
  return { description, name, icon: `${ICON_ROOT}/${rng.hex(32)}.jpg`, iconHash: 0, iconSequences: [], highResIcon: '', hasIcon: true };
}

/** Picks the kind of the i-th item so that the mix resembles a real manifest. */
function kindFor(rng: Rng): Kind {
  const roll = rng.next();
  if (roll < 0.38) {
    const bucket = rng.pick([Bucket.Kinetic, Bucket.Energy, Bucket.Power] as const);
    const subs = WEAPONS.filter(([s]) => (bucket === Bucket.Power) === POWER_SUBTYPES.has(s));
    return { bucket, itemType: 3, subTypes: subs, stack: 1 };
  }
  if (roll < 0.8) {
    const bucket = rng.pick(ARMOR_BUCKETS);
    return { bucket, itemType: 2, subTypes: [ARMOR_SUBTYPES[bucket] ?? [0, 'Armor']], stack: 1, classed: true };
  }
  return rng.pick(OTHER);
}

/**
 * Generates `count` item definitions, deterministic for a seed. Hashes are unsigned 32-bit;
 * about half have the top bit set, which is what makes SQLite's signed `id` column matter.
 */
export function generateItemDefinitions(count: number, seed: number): SimItemDefinition[] {
  const rng = createRng(seed);
  const used = new Set<number>();
  const out: SimItemDefinition[] = [];
  for (let i = 0; i < count; i++) {
    let hash = hashString(`item:${seed}:${i}`);
    while (used.has(hash) || hash === 0) hash = (hash + 1) >>> 0;
    used.add(hash);
    out.push(makeItem(rng, hash, i));
  }
  return out;
}

/**
 * Definitions for the character-only buckets (subclasses per class, engrams, quest steps, the
 * artifact), from their own random stream so the main item mix does not change with them.
 */
export function generateCharacterOnlyDefinitions(seed: number): SimItemDefinition[] {
  const rng = createRng(seed ^ 0xc4a2);
  const out: SimItemDefinition[] = [];
  const plan: [bucket: number, count: number, classed: boolean][] = [[Bucket.Subclass, 9, true], [Bucket.Engrams, 6, false], [Bucket.Quests, 12, false], [Bucket.SeasonalArtifact, 1, false]];
  for (const [bucket, count, classed] of plan) {
    for (let i = 0; i < count; i++) {
      const hash = hashString(`character-item:${seed}:${bucket}:${i}`);
      out.push(makeItem(rng, hash, 900_000 + out.length, { bucket, ...(classed ? { classType: i % 3 } : {}) }));
    }
  }
  return out;
}

/** One definition; also used when a new manifest version adds items. */
export function makeItem(rng: Rng, hash: number, index: number, forced?: { bucket: number; exotic?: boolean; classType?: number }): SimItemDefinition {
  const kind = forced ? kindForBucket(forced.bucket, rng) : kindFor(rng);
  const [subType, typeName] = rng.pick(kind.subTypes);
  const isGear = kind.itemType === 2 || kind.itemType === 3;
  const tier = forced?.exotic ? TIERS[3] : isGear ? (rng.chance(0.12) ? TIERS[3] : rng.chance(0.85) ? TIERS[2] : TIERS[1]) : rng.pick(TIERS.slice(0, 3));
  const exotic = tier.tierType === 6;
  const classType = kind.classed ? (forced?.classType ?? rng.int(0, 2)) : 3;
  const damage = kind.itemType === 3 ? (kind.bucket === Bucket.Kinetic ? rng.pick([DAMAGE_TYPES[0], DAMAGE_TYPES[4], DAMAGE_TYPES[5]]) : rng.pick(DAMAGE_TYPES.slice(1, 4))) : undefined;
  const name = `${rng.pick(WORDS_A)} ${rng.pick(WORDS_B)}${index % 7 === 0 ? ` ${(index % 97) + 1}` : ''}`;
  const classPrefix = classType < 3 ? `${CLASS_NAMES[classType]} ` : '';
  const displayType = kind.itemType === 2 ? `${classPrefix}${typeName}` : typeName;
  const random = displayProps(name, exotic ? 'An exotic of the simulated world.' : '', rng);
  // The icon shows the item's kind, rarity and element (icons.ts draws it from the path).
  const display = { ...random, icon: itemIconPath(random.icon, { itemType: kind.itemType, subType, tierType: tier.tierType, damageType: damage?.enumValue ?? 0 }) };
  return {
    displayProperties: display,
    itemTypeDisplayName: displayType,
    itemTypeAndTierDisplayName: `${tier.name} ${displayType}`,
    flavorText: `"${rng.pick(WORDS_B)} for the ${rng.pick(WORDS_A).toLowerCase()}."`,
    screenshot: isGear ? `/common/destiny2_content/screenshots/${hash}.jpg` : '',
    inventory: {
      stackUniqueLabel: kind.stack > 1 ? `sim.${hash}` : '',
      maxStackSize: kind.stack,
      bucketTypeHash: kind.bucket,
      recoveryBucketTypeHash: Bucket.LostItems,
      tierTypeHash: tier.hash,
      isInstanceItem: kind.stack === 1,
      tierTypeName: tier.name,
      tierType: tier.tierType,
      expirationTooltip: '',
      expiredInActivityMessage: '',
      expiredInOrbitMessage: '',
      suppressExpirationWhenObjectivesComplete: true,
    },
    itemType: kind.itemType,
    itemSubType: subType,
    classType,
    equippable: kind.stack === 1,
    defaultDamageType: damage?.enumValue ?? 0,
    ...(damage ? { defaultDamageTypeHash: damage.hash } : {}),
    damageTypeHashes: damage ? [damage.hash] : [],
    damageTypes: damage ? [damage.enumValue] : [],
    equippingBlock: kind.stack === 1
      ? {
          uniqueLabel: exotic && isGear ? (kind.itemType === 3 ? UniqueLabel.ExoticWeapon : UniqueLabel.ExoticArmor) : '',
          uniqueLabelHash: exotic && isGear ? hashString(kind.itemType === 3 ? UniqueLabel.ExoticWeapon : UniqueLabel.ExoticArmor) : 0,
          equipmentSlotTypeHash: kind.bucket,
          attributes: 0,
          ammoType: kind.itemType === 3 ? (kind.bucket === Bucket.Power ? 3 : kind.bucket === Bucket.Energy ? 2 : 1) : 0,
          displayStrings: classType < 3 ? [`Can only be equipped by ${CLASS_NAMES[classType]}s.`] : [],
        }
      : undefined,
    itemCategoryHashes: [],
    specialItemType: 0,
    breakerType: 0,
    isWrapper: false,
    traitIds: [],
    traitHashes: [],
    nonTransferrable: false,
    allowActions: true,
    doesPostmasterPullHaveSideEffects: false,
    // An armour mod is a plug: its category and the stat it raises (from the hash: no random draw).
    ...(kind.bucket === Bucket.Modifications ? armorModPlug(hash) : {}),
    // Bungie leaves the key out when the item names no season.
    ...(isGear && seasonHashOf(hash) !== undefined ? { seasonHash: seasonHashOf(hash) } : {}),
    hash,
    index,
    redacted: false,
  };
}

function kindForBucket(bucket: number, rng: Rng): Kind {
  if (bucket === Bucket.Kinetic || bucket === Bucket.Energy || bucket === Bucket.Power) {
    return { bucket, itemType: 3, subTypes: WEAPONS.filter(([s]) => (bucket === Bucket.Power) === POWER_SUBTYPES.has(s)), stack: 1 };
  }
  const armor = ARMOR_SUBTYPES[bucket];
  if (armor) return { bucket, itemType: 2, subTypes: [armor], stack: 1, classed: true };
  return OTHER.find((k) => k.bucket === bucket) ?? CHARACTER_ONLY.find((k) => k.bucket === bucket) ?? rng.pick(OTHER);
}
