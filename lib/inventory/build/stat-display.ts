/**
 * Which stats the game shows on an item's detail screen, in its order, and how: a bar out of
 * `max`, or a plain number. Bungie's components list hidden stats too (Inventory Size, the
 * primary Attack/Defense and Power, which the sheet already shows as Power); anything not listed
 * here is left out. Real stat hashes (DestinyStatDefinition).
 */
export const STAT_DISPLAY: readonly { hash: number; max: number | null }[] = [
  // Weapons: bars out of 100 ...
  { hash: 4043523819, max: 100 }, // Impact
  { hash: 3614673599, max: 100 }, // Blast Radius (launchers)
  { hash: 2523465841, max: 100 }, // Velocity (launchers)
  { hash: 1240592695, max: 100 }, // Range
  { hash: 2837207746, max: 100 }, // Swing Speed (swords)
  { hash: 155624089, max: 100 }, // Stability
  { hash: 943549884, max: 100 }, // Handling
  { hash: 4188031367, max: 100 }, // Reload Speed
  { hash: 1345609583, max: 100 }, // Aim Assistance
  { hash: 2714457168, max: 100 }, // Airborne Effectiveness
  { hash: 3555269338, max: 100 }, // Zoom
  { hash: 2715839340, max: 100 }, // Recoil Direction
  // ... then numbers.
  { hash: 4284893193, max: null }, // Rounds Per Minute
  { hash: 2961396640, max: null }, // Charge Time (fusion rifles)
  { hash: 447667954, max: null }, // Draw Time (bows)
  { hash: 3871231066, max: null }, // Magazine
  // Armour: bars out of 42, about the most one piece rolls in one stat with its masterwork.
  { hash: 2996146975, max: 42 }, // Mobility
  { hash: 392767087, max: 42 }, // Resilience
  { hash: 1943323491, max: 42 }, // Recovery
  { hash: 1735777505, max: 42 }, // Discipline
  { hash: 144602215, max: 42 }, // Intellect
  { hash: 4244567218, max: 42 }, // Strength
];

/** Position in `STAT_DISPLAY` by stat hash. */
export const STAT_ORDER: ReadonlyMap<number, number> = new Map(STAT_DISPLAY.map((s, i) => [s.hash, i]));
