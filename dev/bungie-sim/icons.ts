/**
 * Item icons that show what the item is, as Bungie's do at a glance: the rarity's colour behind a
 * glyph of the weapon type or armour slot, and a weapon's element in the corner. What to draw is
 * written into the icon's path when the manifest is generated (`item_<glyph>_<tier>_<element>_<hex>.jpg`),
 * so the icon route needs no lookup; any other path gets a plain colour square.
 */

/** 12×12 glyphs, `#` drawn; scaled ×6 into the middle of a 96×96 icon. */
const GLYPHS: Record<string, string> = {
  pistol: '............|............|.##########.|.##########.|.####.......|.####.#.....|.######.....|.###........|.###........|.###........|............|............',
  rifle: '............|............|............|#...........|############|############|...###.#....|...##..##...|...##.......|...##.......|............|............',
  launcher: '............|............|.##########.|############|############|.##########.|...##..##...|...##.......|............|............|............|............',
  sword: '..........##|.........###|........###.|.......###..|......###...|.....###....|..#.###.....|...###......|...##.......|..#..#......|.#..........|............',
  bow: '....##......|...#..#.....|..#....#....|..#.....#...|.#.......#..|.#########..|.#.......#..|..#.....#...|..#....#....|...#..#.....|....##......|............',
  helmet: '............|...######...|..########..|.##########.|.##########.|.###....###.|.###....###.|.####..####.|..###..###..|...##..##...|............|............',
  gauntlets: '............|.#.#.#......|.#.#.#.#....|.#######....|.#######....|.########...|.#######.#..|..######....|..#####.....|..#####.....|..#####.....|............',
  chest: '............|.###....###.|.##########.|.##########.|..########..|..###..###..|..###..###..|..########..|..########..|...######...|............|............',
  legs: '............|..########..|..########..|..###..###..|..###..###..|..###..###..|..###..###..|..##....##..|..##....##..|.###....###.|............|............',
  classItem: '............|.##########.|.##########.|.##......##.|.##.####.##.|.##.####.##.|.##......##.|.##########.|..########..|...######...|....####....|............',
  ghost: '............|.....##.....|....####....|...######...|..###..###..|.###....###.|.###....###.|..###..###..|...######...|....####....|.....##.....|............',
  ship: '............|.....##.....|.....##.....|....####....|....####....|...######...|..########..|.##########.|.###.##.###.|.##..##..##.|............|............',
  vehicle: '............|............|............|..###.......|.#########..|############|.#########..|..#.....#...|.###...###..|..#.....#...|............|............',
  emblem: '............|.##########.|.##########.|.##......##.|.##.####.##.|.##.#..#.##.|.##.####.##.|.##......##.|.##########.|.##########.|............|............',
  flask: '............|....####....|.....##.....|.....##.....|....####....|...######...|..########..|..########..|..########..|...######...|............|............',
  chip: '............|..#.#.#.#...|.#########..|..#######.#.|.##.....##..|..#.....#.#.|.##.....##..|..#######.#.|.#########..|..#.#.#.#...|............|............',
};

/** DestinyItemSubType (weapons and armour) or DestinyItemType (everything else) to its glyph. */
const WEAPON_GLYPHS: Record<number, string> = { 9: 'pistol', 17: 'pistol', 10: 'launcher', 18: 'sword', 33: 'sword', 31: 'bow' };
const ARMOR_GLYPHS: Record<number, string> = { 26: 'helmet', 27: 'gauntlets', 28: 'chest', 29: 'legs', 30: 'classItem' };
const OTHER_GLYPHS: Record<number, string> = { 24: 'ghost', 21: 'ship', 22: 'vehicle', 14: 'emblem', 9: 'flask', 19: 'chip' };

/** Rarity (tierType) backgrounds, close to the game's. */
const TIER_RGB: Record<number, [number, number, number]> = { 2: [195, 188, 180], 3: [54, 111, 66], 4: [80, 118, 163], 5: [82, 47, 101], 6: [206, 174, 51] };
/** Element (DamageType enum) colours for a weapon's corner. */
const ELEMENT_RGB: Record<number, [number, number, number]> = { 1: [235, 235, 235], 2: [122, 236, 243], 3: [242, 114, 27], 4: [177, 133, 223], 6: [77, 136, 255], 7: [53, 227, 102] };

/** The glyph's name for an item: its weapon type, armour slot, or kind. */
function glyphOf(itemType: number, subType: number): string {
  if (itemType === 3) return WEAPON_GLYPHS[subType] ?? 'rifle';
  if (itemType === 2) return ARMOR_GLYPHS[subType] ?? 'chest';
  return OTHER_GLYPHS[itemType] ?? 'chip';
}

/** The icon path of a generated item: `item_<glyph>_<tier>_<element>_<hex>.jpg` in the same folder. */
export function itemIconPath(randomPath: string, item: { itemType: number; subType: number; tierType: number; damageType: number }): string {
  const slash = randomPath.lastIndexOf('/');
  return `${randomPath.slice(0, slash)}/item_${glyphOf(item.itemType, item.subType)}_${item.tierType}_${item.damageType}_${randomPath.slice(slash + 1)}`;
}

/** What the icon at `name` shows; null for a path not made by `itemIconPath`. */
export function iconLook(name: string): { glyph: string; background: [number, number, number]; element: [number, number, number] | null } | null {
  const match = /^item_([a-zA-Z]+)_(\d+)_(\d+)_/.exec(name);
  if (!match || !GLYPHS[match[1]!]) return null;
  return { glyph: match[1]!, background: TIER_RGB[Number(match[2])] ?? [60, 60, 60], element: ELEMENT_RGB[Number(match[3])] ?? null };
}

/**
 * RGB rows (a filter byte, then 3 bytes a pixel) of a 96×96 icon: the background darkening toward
 * the bottom, the glyph in near-white, and a triangle of the element's colour in the bottom-right corner.
 */
export function drawIcon(look: NonNullable<ReturnType<typeof iconLook>>, size = 96): Buffer {
  const rows = Buffer.alloc((size * 3 + 1) * size);
  const glyph = GLYPHS[look.glyph]!.split('|');
  const scale = 6;
  const offset = (size - 12 * scale) / 2;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const shade = 1 - (y / size) * 0.35;
      let rgb = look.background.map((c) => Math.floor(c * shade));
      const gx = Math.floor((x - offset) / scale);
      const gy = Math.floor((y - offset) / scale);
      if (gx >= 0 && gx < 12 && gy >= 0 && gy < 12 && glyph[gy]![gx] === '#') rgb = [240, 240, 236];
      if (look.element && x + y > size * 2 - 30) rgb = look.element;
      rows.set(rgb, y * (size * 3 + 1) + 1 + x * 3);
    }
  }
  return rows;
}
