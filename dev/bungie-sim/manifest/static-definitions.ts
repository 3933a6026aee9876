import type { DestinyInventoryBucketDefinition } from 'bungie-api-ts/destiny2';
import { Bucket, CLASS_NAMES, ClassHash, DAMAGE_TYPES, GenderHash, RACE_NAMES, RaceHash, Stat, Vendor } from '../constants';
import { createRng } from '../prng';
import { displayProps } from './item-generator';
import { gearStatDefinitions, statGroupDefinitions } from './plug-definitions';
import { seasonDefinitions } from './seasons';

/** A definition table: hash → definition JSON. */
export type DefinitionTable = Map<number, object>;

type BucketSpec = [hash: number, name: string, scope: 0 | 1, category: number, itemCount: number, location: 0 | 1 | 2 | 4, bucketOrder: number, transfer: boolean, index: number];

// Copied from Bungie's real DestinyInventoryBucketDefinition (manifest 2026-06): the capacities,
// locations and orders the game uses. scope 0 character / 1 account; category 0 Invisible,
// 1 Item, 3 Equippable; location 0 Unknown, 1 Inventory, 2 Vault, 4 Postmaster. The account-wide
// Consumables and Modifications say location 0, though their items carry location 2.
const BUCKETS: readonly BucketSpec[] = [
  [Bucket.Vault, 'General', 1, 1, 1300, 2, 30, false, 33],
  [Bucket.Kinetic, 'Kinetic Weapons', 0, 3, 10, 1, 20, true, 0],
  [Bucket.Energy, 'Energy Weapons', 0, 3, 10, 1, 30, true, 1],
  [Bucket.Power, 'Power Weapons', 0, 3, 10, 1, 40, true, 2],
  [Bucket.Helmet, 'Helmet', 0, 3, 10, 1, 50, true, 3],
  [Bucket.Gauntlets, 'Gauntlets', 0, 3, 10, 1, 60, true, 4],
  [Bucket.Chest, 'Chest Armor', 0, 3, 10, 1, 70, true, 5],
  [Bucket.Legs, 'Leg Armor', 0, 3, 10, 1, 80, true, 6],
  [Bucket.ClassItem, 'Class Armor', 0, 3, 10, 1, 90, true, 7],
  [Bucket.Ghost, 'Ghost', 0, 3, 10, 1, 45, true, 8],
  [Bucket.Vehicle, 'Vehicle', 0, 3, 10, 1, 110, true, 9],
  [Bucket.Ships, 'Ships', 0, 3, 10, 1, 130, true, 10],
  [Bucket.Emblems, 'Emblems', 0, 3, 10, 1, 150, false, 25],
  [Bucket.Subclass, 'Subclass', 0, 3, 10, 1, 10, false, 14],
  [Bucket.Consumables, 'Consumables', 1, 1, 50, 0, 30, true, 13],
  [Bucket.Modifications, 'Modifications', 1, 1, 50, 0, 20, true, 12],
  [Bucket.LostItems, 'Lost Items', 0, 0, 21, 4, 0, false, 31],
  [Bucket.Engrams, 'Engrams', 0, 1, 10, 1, 40, false, 29],
  [Bucket.Quests, 'Quests', 0, 0, 63, 1, 0, false, 35],
  [Bucket.Finishers, 'Finishers', 0, 3, 10, 1, 160, false, 40],
  [Bucket.SeasonalArtifact, 'Artifacts', 0, 3, 7, 1, 46, false, 42],
];

/** Bucket capacities by hash, read by the world model. */
export const BUCKET_CAPACITY: ReadonlyMap<number, number> = new Map(BUCKETS.map(([hash, , , , count]) => [hash, count]));

/** Display properties of a definition without an icon, shaped as Bungie sends them (no `icon` key). */
function plainProps(name: string, description?: string) {
  return { ...(description === undefined ? {} : { description }), name, iconHash: 0, hasIcon: false };
}

function buckets(): DefinitionTable {
  const table: DefinitionTable = new Map();
  for (const [hash, name, scope, category, itemCount, location, bucketOrder, hasTransferDestination, index] of BUCKETS) {
    const def = {
      displayProperties: plainProps(name, ''),
      scope, category, bucketOrder, itemCount, location, hasTransferDestination,
      enabled: true, fifo: hash === Bucket.LostItems, hash, index, redacted: false, blacklisted: false,
    };
    table.set(hash, def as unknown as DestinyInventoryBucketDefinition);
  }
  return table;
}

/** The small fixed tables every manifest carries, with their real hashes. */
export function staticTables(seed: number): Map<string, DefinitionTable> {
  const rng = createRng(seed ^ 0x5eed);
  const tables = new Map<string, DefinitionTable>();
  tables.set('DestinyInventoryBucketDefinition', buckets());
  tables.set('DestinyClassDefinition', new Map(CLASS_NAMES.map((name, classType) => [ClassHash[classType] as number, {
    classType, displayProperties: plainProps(name),
    genderedClassNames: { Male: name, Female: name }, genderedClassNamesByGenderHash: { [GenderHash[0]]: name, [GenderHash[1]]: name },
    hash: ClassHash[classType], index: classType, redacted: false, blacklisted: false,
  }])));
  tables.set('DestinyRaceDefinition', new Map(RACE_NAMES.map((name, raceType) => [RaceHash[raceType] as number, {
    displayProperties: plainProps(name, ''), raceType,
    genderedRaceNames: { Male: `${name} Male`, Female: `${name} Female` },
    genderedRaceNamesByGenderHash: { [GenderHash[0]]: `${name} Male`, [GenderHash[1]]: `${name} Female` },
    hash: RaceHash[raceType], index: raceType, redacted: false, blacklisted: false,
  }])));
  tables.set('DestinyDamageTypeDefinition', new Map(DAMAGE_TYPES.map((d, index) => [d.hash as number, {
    displayProperties: displayProps(d.name, '', rng), transparentIconPath: '', showIcon: true, enumValue: d.enumValue,
    color: { red: 200, green: 200, blue: 200, alpha: 255 }, hash: d.hash, index, redacted: false,
  }])));
  tables.set('DestinyStatDefinition', new Map([...Object.entries(Stat).map(([name, hash], index): [number, object] => [hash, {
    displayProperties: plainProps(name, ''), aggregationType: 0, hasComputedBlock: false, statCategory: 1, interpolate: false, hash, index, redacted: false, blacklisted: false,
  }]), ...gearStatDefinitions()]));
  tables.set('DestinyStatGroupDefinition', statGroupDefinitions());
  tables.set('DestinySeasonDefinition', seasonDefinitions());
  tables.set('DestinyGenderDefinition', new Map(GenderHash.map((hash, genderType): [number, object] => [hash, {
    genderType, displayProperties: plainProps(`Body Type ${genderType + 1}`, ''), hash, index: genderType, redacted: false, blacklisted: false,
  }])));
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
