import type { DestinyItemInvestmentStatDefinition, DestinyItemPlugDefinition } from 'bungie-api-ts/destiny2';
import { ICON_ROOT } from '../constants';
import { hashString } from '../prng';

/** Real stat hashes and names the simulated weapons and armour roll (DestinyStatDefinition). */
export const WeaponStat = {
  Impact: 4043523819, Range: 1240592695, Stability: 155624089, Handling: 943549884, ReloadSpeed: 4188031367,
  AimAssistance: 1345609583, AirborneEffectiveness: 2714457168, Zoom: 3555269338, RecoilDirection: 2715839340,
  RoundsPerMinute: 4284893193, ChargeTime: 2961396640, DrawTime: 447667954, SwingSpeed: 2837207746,
  BlastRadius: 3614673599, Velocity: 2523465841, Magazine: 3871231066, InventorySize: 1931675084,
} as const;
export const ArmorStat = { Mobility: 2996146975, Resilience: 392767087, Recovery: 1943323491, Discipline: 1735777505, Intellect: 144602215, Strength: 4244567218 } as const;

const STAT_NAMES: Record<number, string> = {
  [WeaponStat.Impact]: 'Impact', [WeaponStat.Range]: 'Range', [WeaponStat.Stability]: 'Stability', [WeaponStat.Handling]: 'Handling',
  [WeaponStat.ReloadSpeed]: 'Reload Speed', [WeaponStat.AimAssistance]: 'Aim Assistance', [WeaponStat.AirborneEffectiveness]: 'Airborne Effectiveness',
  [WeaponStat.Zoom]: 'Zoom', [WeaponStat.RecoilDirection]: 'Recoil Direction', [WeaponStat.RoundsPerMinute]: 'Rounds Per Minute',
  [WeaponStat.ChargeTime]: 'Charge Time', [WeaponStat.DrawTime]: 'Draw Time', [WeaponStat.SwingSpeed]: 'Swing Speed',
  [WeaponStat.BlastRadius]: 'Blast Radius', [WeaponStat.Velocity]: 'Velocity', [WeaponStat.Magazine]: 'Magazine', [WeaponStat.InventorySize]: 'Inventory Size',
  [ArmorStat.Mobility]: 'Mobility', [ArmorStat.Resilience]: 'Resilience', [ArmorStat.Recovery]: 'Recovery',
  [ArmorStat.Discipline]: 'Discipline', [ArmorStat.Intellect]: 'Intellect', [ArmorStat.Strength]: 'Strength',
};

/** DestinyStatDefinitions of the weapon and armour stats (Attack, Defense and Power are in static-definitions). */
export function gearStatDefinitions(): Map<number, object> {
  return new Map(Object.entries(STAT_NAMES).map(([hash, name], index) => [Number(hash), {
    // As in Bungie's table: armour stats carry an icon (and its animation frames), weapon stats none.
    displayProperties: Number(hash) in ARMOR_BY_HASH
      ? { description: `How the ${name.toLowerCase()} of this item plays.`, name, icon: `${ICON_ROOT}/stat_${hash}.png`, iconHash: 0, iconSequences: [{ frames: [`${ICON_ROOT}/stat_${hash}.png`] }], hasIcon: true }
      : { description: `How the ${name.toLowerCase()} of this item plays.`, name, iconHash: 0, hasIcon: false },
    aggregationType: 0, hasComputedBlock: false, statCategory: Number(hash) in ARMOR_BY_HASH ? 2 : 1, interpolate: true, hash: Number(hash), index: 100 + index, redacted: false, blacklisted: false,
  }]));
}
const ARMOR_BY_HASH = Object.fromEntries(Object.values(ArmorStat).map((h) => [h, true]));

/** Two stat groups (weapons, armour) shaped like Bungie's DestinyStatGroupDefinition rows. */
export function statGroupDefinitions(): Map<number, object> {
  const group = (name: string, stats: readonly number[], index: number): [number, object] => {
    const hash = hashString(`stat-group:${name}`);
    return [hash, {
      maximumValue: 100, uiPosition: 0,
      scaledStats: stats.map((statHash) => ({ statHash, maximumValue: 100, displayAsNumeric: statHash === WeaponStat.RoundsPerMinute || statHash === WeaponStat.Magazine, displayInterpolation: [{ value: 0, weight: 0 }, { value: 100, weight: 100 }] })),
      overrides: {}, hash, index, redacted: false, blacklisted: false,
    }];
  };
  return new Map([group('weapons', Object.values(WeaponStat), 0), group('armor', Object.values(ArmorStat), 1)]);
}

/** One column of plugs a socket offers: its label (the plugs' type name) and its choices. */
export type PlugColumn = { typeName: string; category: string; names: readonly string[] };

// Real perk names of the game's weapon columns; the simulator rolls a few choices from each.
export const WEAPON_COLUMNS: readonly PlugColumn[] = [
  { typeName: 'Intrinsic', category: 'intrinsics', names: ['Adaptive Frame', 'Aggressive Frame', 'Precision Frame', 'Rapid-Fire Frame', 'Lightweight Frame', 'High-Impact Frame'] },
  { typeName: 'Barrel', category: 'barrels', names: ['Arrowhead Brake', 'Smallbore', 'Full Bore', 'Hammer-Forged Rifling', 'Corkscrew Rifling', 'Fluted Barrel', 'Chambered Compensator'] },
  { typeName: 'Magazine', category: 'magazines', names: ['Tactical Mag', 'Appended Mag', 'Extended Mag', 'Accurized Rounds', 'Flared Magwell', 'Ricochet Rounds'] },
  { typeName: 'Trait', category: 'frames', names: ['Outlaw', 'Rapid Hit', 'Feeding Frenzy', 'Subsistence', 'Moving Target', 'Zen Moment', 'Perpetual Motion', 'Threat Detector'] },
  { typeName: 'Trait', category: 'frames', names: ['Rampage', 'Kill Clip', 'Explosive Payload', 'Firefly', 'Headseeker', 'Dragonfly', 'Golden Tricorn', 'Frenzy'] },
  { typeName: 'Masterwork', category: 'v400.plugs.weapons.masterworks.stat', names: ['Masterwork: Range', 'Masterwork: Stability', 'Masterwork: Handling', 'Masterwork: Reload Speed'] },
];
export const ARMOR_MASTERWORK: PlugColumn = { typeName: 'Masterwork', category: 'v400.plugs.armor.masterworks', names: ['Armor Masterwork'] };
/** What a gear piece that is not masterworked holds in its masterwork socket: no stat bonus. */
export const EMPTY_MASTERWORK: PlugColumn = { typeName: 'Masterwork', category: 'v400.plugs.masterworks.empty', names: ['Empty Masterwork Socket'] };

/** A masterwork's stat bonus: +10 to the stat a weapon's names, +2 to every armour stat (as in the game). */
const MASTERWORK_BONUS = 10;
export const ARMOR_MASTERWORK_BONUS = 2;

/** The stat hash a weapon masterwork plug raises, from its name ("Masterwork: Range"). */
export function masterworkStat(name: string): number | undefined {
  const stat = name.replace(/^Masterwork: /, '').replace(/\s/g, '');
  return (WeaponStat as Record<string, number>)[stat];
}

/** Bungie's `DestinyItemInvestmentStatDefinition` rows of a plug (always active). */
function investmentStats(name: string): { statTypeHash: number; value: number; isConditionallyActive: boolean }[] {
  if (name === ARMOR_MASTERWORK.names[0]) return Object.values(ArmorStat).map((statTypeHash) => ({ statTypeHash, value: ARMOR_MASTERWORK_BONUS, isConditionallyActive: false }));
  const stat = name.startsWith('Masterwork: ') ? masterworkStat(name) : undefined;
  return stat ? [{ statTypeHash: stat, value: MASTERWORK_BONUS, isConditionallyActive: false }] : [];
}

/**
 * The plug block and stat bonus of a simulated armour mod (an item of the Modifications bucket),
 * from its hash: +5 or +10 to one armour stat, as the game's minor and major stat mods.
 */
export function armorModPlug(hash: number): { plug: DestinyItemPlugDefinition; investmentStats: DestinyItemInvestmentStatDefinition[] } {
  const category = 'enhancements.v2_general';
  const stats = Object.values(ArmorStat);
  return {
    plug: { plugCategoryIdentifier: category, plugCategoryHash: hashString(category), uiPlugLabel: '', isDummyPlug: false } as DestinyItemPlugDefinition,
    investmentStats: [{ statTypeHash: stats[hash % stats.length]!, value: (hash >>> 3) % 2 ? 10 : 5, isConditionallyActive: false }],
  };
}

/** The stable hash of a simulated plug. */
export const plugHash = (name: string): number => hashString(`plug:${name}`);

/**
 * DestinyInventoryItemDefinitions of every simulated plug (perks, frames, masterworks): plugs are
 * items in Bungie's manifest, named and pictured like any other. No pool of the world draws from
 * them (they have no bucket).
 */
export function plugDefinitions(): object[] {
  return [...WEAPON_COLUMNS, ARMOR_MASTERWORK, EMPTY_MASTERWORK].flatMap((column) =>
    column.names.map((name) => {
      const hash = plugHash(name);
      return {
        displayProperties: { description: `${name}: a simulated ${column.typeName.toLowerCase()}.`, name, icon: `${ICON_ROOT}/plug_${hash}.png`, iconSequences: [], highResIcon: '', hasIcon: true },
        itemTypeDisplayName: column.typeName,
        itemTypeAndTierDisplayName: `Common ${column.typeName}`,
        inventory: { maxStackSize: 1, bucketTypeHash: 0, tierTypeName: 'Common', tierType: 2, isInstanceItem: false, stackUniqueLabel: '' },
        plug: { plugCategoryIdentifier: column.category, plugCategoryHash: hashString(column.category), uiPlugLabel: '', isDummyPlug: false },
        investmentStats: investmentStats(name),
        itemType: 19,
        itemSubType: 0,
        classType: 3,
        equippable: false,
        defaultDamageType: 0,
        damageTypeHashes: [],
        damageTypes: [],
        nonTransferrable: true,
        hash,
        index: 800_000,
        redacted: false,
      };
    }),
  );
}
