import type { DestinyInventoryBucketDefinition } from 'bungie-api-ts/destiny2';
import { Bucket, CLASS_NAMES, ClassHash, DAMAGE_TYPES, RACE_NAMES, RaceHash, Stat, Vendor } from '../constants';
import { createRng, type Rng } from '../prng';
import { displayProps } from './item-generator';
import { gearStatDefinitions } from './plug-definitions';

/** A definition table: hash → definition JSON. */
export type DefinitionTable = Map<number, object>;

type BucketSpec = [hash: number, name: string, scope: 0 | 1, category: number, itemCount: number, location: 0 | 1 | 2 | 4];

// scope 0 character / 1 account; category 1 Item, 3 Equippable; location 1 Inventory, 2 Vault, 4 Postmaster.
const BUCKETS: readonly BucketSpec[] = [
  [Bucket.Vault, 'General', 1, 1, 700, 2],
  [Bucket.Kinetic, 'Kinetic Weapons', 0, 3, 10, 1],
  [Bucket.Energy, 'Energy Weapons', 0, 3, 10, 1],
  [Bucket.Power, 'Power Weapons', 0, 3, 10, 1],
  [Bucket.Helmet, 'Helmet', 0, 3, 10, 1],
  [Bucket.Gauntlets, 'Gauntlets', 0, 3, 10, 1],
  [Bucket.Chest, 'Chest Armor', 0, 3, 10, 1],
  [Bucket.Legs, 'Leg Armor', 0, 3, 10, 1],
  [Bucket.ClassItem, 'Class Armor', 0, 3, 10, 1],
  [Bucket.Ghost, 'Ghost', 0, 3, 10, 1],
  [Bucket.Vehicle, 'Vehicle', 0, 3, 10, 1],
  [Bucket.Ships, 'Ships', 0, 3, 10, 1],
  [Bucket.Emblems, 'Emblems', 0, 3, 10, 1],
  [Bucket.Subclass, 'Subclass', 0, 3, 12, 1],
  [Bucket.Consumables, 'Consumables', 1, 1, 50, 1],
  [Bucket.Modifications, 'Modifications', 1, 1, 50, 1],
  [Bucket.LostItems, 'Lost Items', 0, 1, 21, 4],
  [Bucket.Engrams, 'Engrams', 0, 1, 10, 1],
  [Bucket.Quests, 'Quests', 0, 1, 80, 1],
  [Bucket.Finishers, 'Finishers', 0, 3, 10, 1],
  [Bucket.SeasonalArtifact, 'Seasonal Artifact', 0, 3, 1, 1],
];

/** Bucket capacities by hash, read by the world model. */
export const BUCKET_CAPACITY: ReadonlyMap<number, number> = new Map(BUCKETS.map(([hash, , , , count]) => [hash, count]));

function buckets(rng: Rng): DefinitionTable {
  const table: DefinitionTable = new Map();
  BUCKETS.forEach(([hash, name, scope, category, itemCount, location], index) => {
    const def: DestinyInventoryBucketDefinition = {
      displayProperties: { ...displayProps(name, '', rng), icon: '', hasIcon: false },
      scope, category, bucketOrder: index * 10, itemCount, location,
      hasTransferDestination: category === 3 || hash === Bucket.Consumables || hash === Bucket.Modifications,
      enabled: true, fifo: hash === Bucket.LostItems, hash, index, redacted: false,
    };
    table.set(hash, def);
  });
  return table;
}

/** The small fixed tables every manifest carries, with their real hashes. */
export function staticTables(seed: number): Map<string, DefinitionTable> {
  const rng = createRng(seed ^ 0x5eed);
  const tables = new Map<string, DefinitionTable>();
  tables.set('DestinyInventoryBucketDefinition', buckets(rng));
  tables.set('DestinyClassDefinition', new Map(CLASS_NAMES.map((name, classType) => [ClassHash[classType] as number, {
    classType, displayProperties: displayProps(name, '', rng),
    genderedClassNames: { 0: name, 1: name }, genderedClassNamesByGenderHash: {},
    hash: ClassHash[classType], index: classType, redacted: false,
  }])));
  tables.set('DestinyRaceDefinition', new Map(RACE_NAMES.map((name, raceType) => [RaceHash[raceType] as number, {
    displayProperties: displayProps(name, '', rng), raceType,
    genderedRaceNames: { 0: name, 1: name }, genderedRaceNamesByGenderHash: {},
    hash: RaceHash[raceType], index: raceType, redacted: false,
  }])));
  tables.set('DestinyDamageTypeDefinition', new Map(DAMAGE_TYPES.map((d, index) => [d.hash as number, {
    displayProperties: displayProps(d.name, '', rng), transparentIconPath: '', showIcon: true, enumValue: d.enumValue,
    color: { red: 200, green: 200, blue: 200, alpha: 255 }, hash: d.hash, index, redacted: false,
  }])));
  tables.set('DestinyStatDefinition', new Map([...Object.entries(Stat).map(([name, hash], index): [number, object] => [hash, {
    displayProperties: displayProps(name, '', rng), aggregationType: 0, hasComputedBlock: false, statCategory: 1, hash, index, redacted: false,
  }]), ...gearStatDefinitions()]));
  const vendorNames: [number, string, string][] = [
    [Vendor.Xur, 'Xûr', 'Agent of the Nine'], [Vendor.Zavala, 'Commander Zavala', 'Vanguard'],
    [Vendor.Banshee, 'Banshee-44', 'Gunsmith'], [Vendor.Ada, 'Ada-1', 'Armor Synthesis'],
  ];
  tables.set('DestinyVendorDefinition', new Map(vendorNames.map(([hash, name, subtitle], index) => [hash, {
    displayProperties: { ...displayProps(name, subtitle, rng), subtitle, largeIcon: '', originalIcon: '', requirementsDisplay: [], smallTransparentIcon: '', mapIcon: '', largeTransparentIcon: '' },
    vendorProgressionType: 0, buyString: 'Buy', sellString: 'Sell', displayItemHash: 0, inhibitBuying: false, inhibitSelling: true,
    factionHash: 0, resetIntervalMinutes: hash === Vendor.Xur ? 10080 : 1440, resetOffsetMinutes: 0, failureStrings: [], unlockRanges: [],
    vendorIdentifier: name.toUpperCase().replace(/\W/g, '_'), vendorPortrait: '', vendorBanner: '', enabled: true, visible: true,
    vendorSubcategoryIdentifier: '', consolidateCategories: false, actions: [], categories: [{ categoryIndex: 0, sortValue: 0, categoryHash: 1, quantityAvailable: 0, showUnavailableItems: true, hideIfNoCurrency: false, hideFromRegularPurchase: false, buyStringOverride: '', disabledDescription: '', displayTitle: 'Stock', overlay: null, vendorItemIndexes: [], isPreview: false, isDisplayOnly: false, resetIntervalMinutesOverride: 0, resetOffsetMinutesOverride: 0 }],
    originalCategories: [], displayCategories: [], interactions: [], inventoryFlyouts: [], itemList: [], services: [], acceptedItems: [],
    returnWithVendorRequest: false, locations: [], groups: [], ignoreSaleItemHashes: [], hash, index, redacted: false,
  }])));
  return tables;
}
