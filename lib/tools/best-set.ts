/**
 * The highest power a character can reach from items anywhere (its own, the vault's, the other
 * characters'): the best item per slot, with the game's rules — only gear its class can use, and
 * at most one exotic weapon and one exotic armour piece. Pure: no Bungie, no database.
 */

/** The eight slots the game averages for a character's power: three weapons, five armour pieces. */
export const WEAPON_SLOTS = [1498876634, 2465295065, 953998645] as const;
export const ARMOR_SLOTS = [3448274439, 3551918588, 14239492, 20886954, 1585787867] as const;
export const POWER_SLOTS: readonly number[] = [...WEAPON_SLOTS, ...ARMOR_SLOTS];

/** One piece of gear the set may use. */
export type PowerCandidate = {
  itemId: string;
  itemHash: number;
  /** "vault" or a character id. */
  owner: string;
  equipped: boolean;
  power: number;
  /** The slot it goes in (its definition's bucket). */
  slot: number;
  /** 0 Titan, 1 Hunter, 2 Warlock, 3 anyone. */
  classType: number;
  /** "exotic_weapon", "exotic_armor" or ''. */
  uniqueLabel: string;
};

/** The best set: one item per slot it could fill, and the power the game would show for it. */
export type BestSet = {
  /** Slot → the chosen item. */
  picks: Map<number, PowerCandidate>;
  /** The average of the eight slots, rounded down as the game shows it (an empty slot counts 0). */
  power: number;
  /** Slots no usable item fills. */
  empty: number[];
};

/** Higher power first; on a tie the item already worn by, then held by, the character (fewer moves). */
function better(characterId: string) {
  const rank = (c: PowerCandidate) => (c.owner === characterId ? (c.equipped ? 2 : 1) : 0);
  return (a: PowerCandidate, b: PowerCandidate) => b.power - a.power || rank(b) - rank(a) || a.itemId.localeCompare(b.itemId);
}

/**
 * For one group of slots sharing an exotic label: either no exotic, or the best exotic in exactly
 * one slot and the best non-exotic items in the others — whichever sums highest.
 */
function bestOfGroup(slots: readonly number[], label: string, bySlot: Map<number, PowerCandidate[]>): Map<number, PowerCandidate> {
  const plain = new Map<number, PowerCandidate>();
  const exotic = new Map<number, PowerCandidate>();
  for (const slot of slots) {
    const list = bySlot.get(slot) ?? [];
    const p = list.find((c) => c.uniqueLabel !== label);
    const e = list.find((c) => c.uniqueLabel === label);
    if (p) plain.set(slot, p);
    if (e) exotic.set(slot, e);
  }
  const total = (picks: Map<number, PowerCandidate>) => [...picks.values()].reduce((n, c) => n + c.power, 0);
  let best = plain;
  let bestTotal = total(plain);
  for (const [slot, e] of exotic) {
    const withIt = new Map(plain);
    withIt.set(slot, e);
    const sum = total(withIt);
    // A tie keeps the set without the exotic only when it fills as many slots.
    if (sum > bestTotal || (sum === bestTotal && withIt.size > best.size)) {
      best = withIt;
      bestTotal = sum;
    }
  }
  return best;
}

/** The highest-power set for `characterId` (of class `classType`) from `candidates`. */
export function bestSet(candidates: readonly PowerCandidate[], characterId: string, classType: number): BestSet {
  const bySlot = new Map<number, PowerCandidate[]>();
  for (const c of candidates) {
    if (!POWER_SLOTS.includes(c.slot) || c.power <= 0) continue;
    if (c.classType !== 3 && c.classType !== classType) continue;
    const list = bySlot.get(c.slot) ?? [];
    list.push(c);
    bySlot.set(c.slot, list);
  }
  const order = better(characterId);
  for (const list of bySlot.values()) list.sort(order);
  const picks = new Map([...bestOfGroup(WEAPON_SLOTS, 'exotic_weapon', bySlot), ...bestOfGroup(ARMOR_SLOTS, 'exotic_armor', bySlot)]);
  const sum = [...picks.values()].reduce((n, c) => n + c.power, 0);
  return { picks, power: Math.floor(sum / POWER_SLOTS.length), empty: POWER_SLOTS.filter((s) => !picks.has(s)) };
}
