import type { DestinyItemPlugBase, DestinyItemSocketState, DestinyStat } from 'bungie-api-ts/destiny2';
import { Stat } from '../constants';
import { ARMOR_MASTERWORK, ARMOR_MASTERWORK_BONUS, armorModPlug, ArmorStat, EMPTY_MASTERWORK, masterworkStat, plugHash, WEAPON_COLUMNS, WeaponStat, type PlugColumn } from '../manifest/plug-definitions';
import type { SimItemDefinition } from '../manifest/item-generator';
import { createRng, hashString, type Rng } from '../prng';
import type { SimItem } from './world';

/** What GetItem (and GetProfile's item components) say about one instance beyond its power. */
export type SimItemDetails = {
  /** 304 ItemStats: the primary stat, Power, and the weapon's or armour piece's rolled stats. */
  stats: Record<number, DestinyStat>;
  /** 305 ItemSockets, in the game's socket order. */
  sockets: DestinyItemSocketState[];
  /** 310 ItemReusablePlugs: the choices of each socket that has some, by socket index. */
  reusablePlugs: Record<number, DestinyItemPlugBase[]>;
};

// The number a weapon archetype shows instead of a bar, and its magazine, by DestinyItemSubType.
type Archetype = { speed: number; speeds: readonly number[]; magazine: readonly [number, number] | null };
const RPM = WeaponStat.RoundsPerMinute;
const ARCHETYPES: Record<number, Archetype> = {
  6: { speed: RPM, speeds: [360, 450, 600, 720], magazine: [30, 50] },
  7: { speed: RPM, speeds: [55, 65, 80, 140], magazine: [4, 8] },
  8: { speed: RPM, speeds: [360, 450, 900], magazine: [50, 120] },
  9: { speed: RPM, speeds: [110, 140, 150, 180], magazine: [8, 14] },
  10: { speed: RPM, speeds: [15, 20, 25], magazine: [1, 1] },
  11: { speed: WeaponStat.ChargeTime, speeds: [460, 500, 540, 660, 740, 1000], magazine: [5, 8] },
  12: { speed: RPM, speeds: [72, 90, 140], magazine: [3, 6] },
  13: { speed: RPM, speeds: [340, 390, 450, 540], magazine: [28, 40] },
  14: { speed: RPM, speeds: [150, 180, 200, 260], magazine: [13, 24] },
  17: { speed: RPM, speeds: [260, 300, 360, 450, 491], magazine: [12, 20] },
  18: { speed: WeaponStat.SwingSpeed, speeds: [30, 40, 50, 60], magazine: null },
  24: { speed: RPM, speeds: [600, 750, 900, 1000], magazine: [26, 44] },
  31: { speed: WeaponStat.DrawTime, speeds: [580, 612, 684, 1000], magazine: null },
  33: { speed: RPM, speeds: [80, 90], magazine: [4, 7] },
};
const BARS = [WeaponStat.Impact, WeaponStat.Range, WeaponStat.Stability, WeaponStat.Handling, WeaponStat.ReloadSpeed, WeaponStat.AimAssistance, WeaponStat.AirborneEffectiveness];

const stat = (statHash: number, value: number): DestinyStat => ({ statHash, value });

function weaponStats(rng: Rng, def: SimItemDefinition): DestinyStat[] {
  const arch = ARCHETYPES[def.itemSubType] ?? ARCHETYPES[6]!;
  const out = BARS.map((h) => stat(h, rng.int(18, 82)));
  out.push(stat(WeaponStat.Zoom, rng.int(12, 30)), stat(WeaponStat.RecoilDirection, rng.int(40, 100)));
  if (def.itemSubType === 10) out.push(stat(WeaponStat.BlastRadius, rng.int(40, 100)), stat(WeaponStat.Velocity, rng.int(30, 90)));
  out.push(stat(arch.speed, rng.pick(arch.speeds)));
  if (arch.magazine) out.push(stat(WeaponStat.Magazine, rng.int(...arch.magazine)));
  // The game sends hidden stats too; the app must leave them out.
  out.push(stat(WeaponStat.InventorySize, rng.int(20, 60)));
  return out;
}

/** Two to four choices of a column, the rolled (active) one among them. */
function roll(rng: Rng, column: PlugColumn, choices: number): { active: number; options: number[] } {
  const names = [...column.names];
  const picked: string[] = [];
  while (picked.length < Math.min(choices, names.length)) picked.push(names.splice(rng.int(0, names.length - 1), 1)[0]!);
  const hashes = picked.map(plugHash);
  return { active: rng.pick(hashes), options: hashes };
}

const socket = (plug: number | undefined, visible = true): DestinyItemSocketState =>
  (plug === undefined ? { isEnabled: false, isVisible: false, enableFailIndexes: [] } : { plugHash: plug, isEnabled: true, isVisible: visible, enableFailIndexes: [] }) as DestinyItemSocketState;
const reusable = (hashes: number[]): DestinyItemPlugBase[] => hashes.map((plugItemHash) => ({ plugItemHash, canInsert: true, enabled: true }) as DestinyItemPlugBase);

/**
 * Stats and sockets of an instanced weapon or armour piece, the same on every call (seeded by
 * the instance id), as Bungie's components 304, 305 and 310 shape them. Weapons: frame, barrel,
 * magazine, two traits and a masterwork, each roll offering two to four choices, plus one empty
 * hidden socket; armour: six stats, its two mods and a masterwork (or the empty masterwork socket). Anything else: none.
 */
export function itemDetails(item: SimItem, def: SimItemDefinition | undefined): SimItemDetails {
  const stats: Record<number, DestinyStat> = {};
  const primary = item.damageType ? Stat.Attack : Stat.Defense;
  if (item.power) Object.assign(stats, { [primary]: stat(primary, item.power), [Stat.Power]: stat(Stat.Power, item.power) });
  const details: SimItemDetails = { stats, sockets: [], reusablePlugs: {} };
  if (!item.itemInstanceId || !def || (def.itemType !== 2 && def.itemType !== 3)) return details;
  const rng = createRng(hashString(`details:${item.itemInstanceId}`));
  if (def.itemType === 3) {
    for (const s of weaponStats(rng, def)) stats[s.statHash] = s;
    WEAPON_COLUMNS.forEach((column, index) => {
      const masterworkColumn = column.typeName === 'Masterwork';
      const { active, options } = roll(rng, column, masterworkColumn || index === 0 ? 1 : rng.int(2, 4));
      if (masterworkColumn) {
        // The rolled masterwork is plugged once the weapon is masterworked, and its +10 is in the stat then.
        const raised = masterworkStat(column.names[column.names.findIndex((n) => plugHash(n) === active)]!);
        if (item.masterwork && raised !== undefined && stats[raised]) stats[raised] = stat(raised, stats[raised]!.value + 10);
        details.sockets.push(socket(item.masterwork ? active : plugHash(EMPTY_MASTERWORK.names[0]!)));
      } else details.sockets.push(socket(active));
      if (options.length > 1) details.reusablePlugs[index] = reusable(options);
    });
    details.sockets.push(socket(undefined));
  } else {
    // The rolled base, then what the plugged mods and the masterwork add (their definitions' investment stats).
    for (const h of Object.values(ArmorStat)) stats[h] = stat(h, rng.int(2, 30) + (item.masterwork ? ARMOR_MASTERWORK_BONUS : 0));
    for (const mod of item.plugHashes) {
      for (const bonus of armorModPlug(mod).investmentStats) if (stats[bonus.statTypeHash]) stats[bonus.statTypeHash] = stat(bonus.statTypeHash, stats[bonus.statTypeHash]!.value + bonus.value);
      details.sockets.push(socket(mod));
    }
    details.sockets.push(socket(plugHash((item.masterwork ? ARMOR_MASTERWORK : EMPTY_MASTERWORK).names[0]!)));
  }
  return details;
}
