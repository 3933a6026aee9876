import type { Tier } from '@/lib/inventory/types';
import type { ArmorSlotKeyword, IsKeyword, ItemTagName, WeaponTypeKeyword } from './ast';

/** Weapon type words to Bungie's `DestinyItemSubType` (what the item definition says, not its name). */
export const WEAPON_SUBTYPES: Readonly<Record<WeaponTypeKeyword, number>> = {
  autorifle: 6, shotgun: 7, machinegun: 8, handcannon: 9, rocketlauncher: 10, fusionrifle: 11, sniperrifle: 12, pulserifle: 13,
  scoutrifle: 14, sidearm: 17, sword: 18, linearfusionrifle: 22, grenadelauncher: 23, smg: 24, trace: 25, bow: 31, glaive: 33,
};

/** Armour slot words to Bungie's `DestinyItemSubType`. */
export const ARMOR_SUBTYPES: Readonly<Record<ArmorSlotKeyword, number>> = { helmet: 26, gauntlets: 27, chest: 28, leg: 29, classitem: 30 };

const WEAPON_NAMES: Record<WeaponTypeKeyword, string> = {
  autorifle: 'Auto Rifles', shotgun: 'Shotguns', machinegun: 'Machine Guns', handcannon: 'Hand Cannons', rocketlauncher: 'Rocket Launchers',
  fusionrifle: 'Fusion Rifles (not linear)', sniperrifle: 'Sniper Rifles', pulserifle: 'Pulse Rifles', scoutrifle: 'Scout Rifles', sidearm: 'Sidearms',
  sword: 'Swords', linearfusionrifle: 'Linear Fusion Rifles', grenadelauncher: 'Grenade Launchers', smg: 'Submachine Guns', trace: 'Trace Rifles',
  bow: 'Bows', glaive: 'Glaives',
};
const ARMOR_NAMES: Record<ArmorSlotKeyword, string> = { helmet: 'Helmets', gauntlets: 'Gauntlets', chest: 'Chest Armor', leg: 'Leg Armor', classitem: 'Class items (cloak, mark, bond)' };

/** Tags `tag:` accepts (DIM's), and `none`. */
export const TAGS: readonly ItemTagName[] = ['favorite', 'keep', 'junk', 'infuse', 'archive'];

/** Every `is:` keyword with what it means (the suggestion list and the README show these). */
export const IS_KEYWORDS: readonly { keyword: IsKeyword; meaning: string }[] = [
  { keyword: 'exotic', meaning: 'exotic rarity' },
  { keyword: 'weapon', meaning: 'weapons' },
  { keyword: 'armor', meaning: 'armour (also is:armour)' },
  { keyword: 'legendary', meaning: 'legendary rarity' },
  { keyword: 'rare', meaning: 'rare rarity' },
  { keyword: 'uncommon', meaning: 'uncommon rarity' },
  { keyword: 'common', meaning: 'common rarity' },
  { keyword: 'equipped', meaning: 'equipped on a character' },
  { keyword: 'locked', meaning: 'locked in game' },
  { keyword: 'unlocked', meaning: 'not locked' },
  { keyword: 'masterwork', meaning: 'fully masterworked' },
  { keyword: 'kineticslot', meaning: 'kinetic weapon slot' },
  { keyword: 'energy', meaning: 'energy weapon slot' },
  { keyword: 'power', meaning: 'power (heavy) weapon slot (also is:heavy)' },
  { keyword: 'hunter', meaning: 'Hunter-only gear' },
  { keyword: 'titan', meaning: 'Titan-only gear' },
  { keyword: 'warlock', meaning: 'Warlock-only gear' },
  { keyword: 'dupe', meaning: 'the same item more than once on the page' },
  { keyword: 'postmaster', meaning: 'waiting at the postmaster' },
  { keyword: 'vault', meaning: 'in the vault' },
  { keyword: 'kinetic', meaning: 'Kinetic damage (the slot is is:kineticslot)' },
  { keyword: 'arc', meaning: 'Arc damage' },
  { keyword: 'solar', meaning: 'Solar damage' },
  { keyword: 'void', meaning: 'Void damage' },
  { keyword: 'stasis', meaning: 'Stasis damage' },
  { keyword: 'strand', meaning: 'Strand damage' },
  { keyword: 'crafted', meaning: 'crafted at the Enclave (Bungie item state)' },
  { keyword: 'inloadout', meaning: 'in one of your saved loadouts' },
  { keyword: 'maxpower', meaning: 'in a class’s max-power set among the page’s items' },
  { keyword: 'haspower', meaning: 'has a power level' },
  { keyword: 'tagged', meaning: 'has a tag' },
  { keyword: 'hasnotes', meaning: 'has a note' },
  ...(Object.keys(WEAPON_NAMES) as WeaponTypeKeyword[]).map((keyword) => ({ keyword, meaning: WEAPON_NAMES[keyword] })),
  ...(Object.keys(ARMOR_NAMES) as ArmorSlotKeyword[]).map((keyword) => ({ keyword, meaning: ARMOR_NAMES[keyword] })),
];

/**
 * DIM `is:` words this app does not take, each with why: the error says so rather than
 * "unknown", since a query pasted from DIM is not a typo.
 */
export const UNSUPPORTED_IS: ReadonlyMap<string, string> = new Map([
  ['new', 'DIM keeps its own record of items you have seen; Bungie’s item data carries no “new” flag'],
  ['wishlist', 'wish lists are not loaded'],
  ['trashlist', 'wish lists are not loaded'],
  ['wishlistdupe', 'wish lists are not loaded'],
  ['curated', 'needs the curated-roll tables, which the compact item data does not carry'],
  ['randomroll', 'needs the item’s perk sets, which the compact item data does not carry'],
  ['sunset', 'power caps no longer apply in the game'],
  ['infusable', 'infusion rules are not modelled'],
  ['infusionfodder', 'infusion rules are not modelled'],
  ['incurrentchar', 'there is no “current character” here: every page is one store'],
  ['hasornament', 'ornaments are not read for tiles'],
  ['hasshader', 'shaders are not read for tiles'],
  ['adept', 'adept versions are not marked in the compact item data'],
  ['deepsight', 'pattern progress is not read'],
  ['patternunlocked', 'pattern progress is not read'],
  ['engram', 'engrams are not told apart in the compact item data'],
  ['armorintrinsic', 'armour set bonuses are not read'],
  ['statlower', 'needs DIM’s armour comparison'],
  ['customstatlower', 'needs DIM’s armour comparison'],
]);

/** `is:` words, aliases included, to the keyword they mean. */
export const IS_WORDS: ReadonlyMap<string, IsKeyword> = new Map<string, IsKeyword>([
  ...IS_KEYWORDS.map((k) => [k.keyword, k.keyword] as const),
  ['armour', 'armor'], ['weapons', 'weapon'], ['heavy', 'power'], ['masterworked', 'masterwork'], ['mw', 'masterwork'], ['dupes', 'dupe'], ['duplicate', 'dupe'],
  // DIM's colour words for rarity.
  ['white', 'common'], ['green', 'uncommon'], ['blue', 'rare'], ['purple', 'legendary'], ['yellow', 'exotic'],
  // DIM's other spellings.
  ['submachine', 'smg'], ['tracerifle', 'trace'], ['lmg', 'machinegun'], ['linear', 'linearfusionrifle'], ['gauntlet', 'gauntlets'],
  ['chestarmor', 'chest'], ['legarmor', 'leg'], ['class', 'classitem'], ['classarmor', 'classitem'], ['hascrafted', 'crafted'],
  ['energyslot', 'energy'], ['powerslot', 'power'], ['tag', 'tagged'], ['hasnote', 'hasnotes'], ['equippable', 'haspower'],
]);

/** Rarities `tier:` accepts (also written `rarity:`). */
export const TIERS: readonly Tier[] = ['exotic', 'legendary', 'rare', 'uncommon', 'common', 'currency', 'unknown'];

/** Damage types `damage:` accepts (also written `element:`), as Bungie names them, lower-cased. */
export const DAMAGE_TYPES: readonly string[] = ['kinetic', 'arc', 'solar', 'void', 'stasis', 'strand'];

/**
 * The weapon slots' inventory bucket hashes (DestinyInventoryBucketDefinition): Kinetic, Energy
 * and Power Weapons. Real Bungie hashes, the same the simulator uses.
 */
export const WEAPON_SLOT_HASHES = { kinetic: 1498876634, energy: 2465295065, power: 953998645 } as const;

/** The filter keys, in the order help text lists them. */
export const KEYS = ['is', 'name', 'type', 'tier', 'power', 'damage', 'not', 'stat', 'basestat', 'perk', 'perkname', 'count', 'tag', 'notes', 'season', 'year'] as const;

/**
 * DIM filter keys this app does not take, each with why (said in the error rather than "unknown").
 */
export const UNSUPPORTED_KEYS: ReadonlyMap<string, string> = new Map([
  ['source', 'the compact item data carries no source'],
  ['energycapacity', 'armour energy is not read'],
  ['wishlistnotes', 'wish lists are not loaded'],
  ['masterwork', 'the masterwork stat is not read — is:masterwork works'],
  ['modslot', 'mod slots are not read'],
  ['holdsmod', 'mods are not read for tiles'],
  ['mod', 'mods are not read for tiles'],
  ['kills', 'kill trackers are not read'],
  ['foundry', 'the compact item data carries no foundry'],
  ['inloadout', 'loadout names are not matched — is:inloadout works'],
  ['exactname', 'use name:"…"'],
  ['description', 'descriptions are not sent with tiles'],
  ['catalyst', 'catalyst progress is not read'],
  ['breaker', 'champion breakers are not read'],
  ['deepsight', 'pattern progress is not read'],
  ['memento', 'mementos are not read'],
  ['dupe', 'duplicate groups by stat are not modelled — is:dupe and count: work'],
  ['sunsetsafter', 'power caps no longer apply in the game'],
  ['powerlimit', 'power caps no longer apply in the game'],
]);

/**
 * Stat names `stat:` accepts (compact: letters only, lower case) to the stat hash, DIM's short
 * names included. Armour stats answer to their 2025 names too (Bungie kept the hashes).
 */
export const STAT_WORDS: ReadonlyMap<string, number> = new Map([
  ['impact', 4043523819], ['blastradius', 3614673599], ['velocity', 2523465841], ['range', 1240592695], ['swingspeed', 2837207746],
  ['stability', 155624089], ['handling', 943549884], ['reload', 4188031367], ['reloadspeed', 4188031367], ['aimassist', 1345609583],
  ['aimassistance', 1345609583], ['airborne', 2714457168], ['airborneeffectiveness', 2714457168], ['zoom', 3555269338],
  ['recoil', 2715839340], ['recoildirection', 2715839340], ['rpm', 4284893193], ['rof', 4284893193], ['roundsperminute', 4284893193],
  ['charge', 2961396640], ['chargetime', 2961396640], ['drawtime', 447667954], ['magazine', 3871231066], ['mag', 3871231066],
  ['mobility', 2996146975], ['weapons', 2996146975], ['resilience', 392767087], ['health', 392767087], ['recovery', 1943323491],
  ['class', 1943323491], ['discipline', 1735777505], ['grenade', 1735777505], ['intellect', 144602215], ['super', 144602215],
  ['strength', 4244567218], ['melee', 4244567218],
]);

/** The armour stat hashes `stat:total` adds up. */
export const ARMOR_STAT_HASHES: readonly number[] = [2996146975, 392767087, 1943323491, 1735777505, 144602215, 4244567218];

/** The name a tile keeps a stat under (`ItemFacts.stats`, GET /api/items/facts): the first of its words above, e.g. `range`, `mobility`. */
export const STAT_KEY_BY_HASH: ReadonlyMap<number, string> = new Map([...STAT_WORDS].reverse().map(([word, hash]) => [hash, word]));

/** Key aliases to the key they mean. */
export const KEY_WORDS: ReadonlyMap<string, (typeof KEYS)[number]> = new Map<string, (typeof KEYS)[number]>([
  ...KEYS.map((k) => [k, k] as const),
  ['rarity', 'tier'], ['element', 'damage'], ['pl', 'power'], ['perks', 'perk'], ['note', 'notes'], ['tags', 'tag'],
]);

/** Levenshtein distance, for "did you mean" lists. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row.push(Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    previous = row;
  }
  return previous[b.length]!;
}

/**
 * The `count` words of `choices` closest to `word`: those it starts first, then by edit distance;
 * when nothing is close (a typo of at most half the word), the first choices, most used first.
 */
export function closest(word: string, choices: readonly string[], count = 3): string[] {
  const w = word.toLowerCase().slice(0, 40);
  const near = choices
    .map((c, order) => ({ c, order, rank: c.startsWith(w) && w ? -1 : distance(w, c) }))
    .filter((x) => x.rank <= Math.max(1, Math.floor(w.length / 2)))
    .sort((a, b) => a.rank - b.rank || a.order - b.order)
    .map((x) => x.c);
  return [...new Set([...near, ...choices])].slice(0, count);
}

/**
 * The first season of each Destiny 2 year (year 1 = index 0): Red War (1), Forsaken (4),
 * Shadowkeep (8), Beyond Light (12), The Witch Queen (16), Lightfall (20), The Final Shape (24),
 * The Edge of Fate (27). Bungie's definitions carry the season, not the year; extend on a new year.
 */
const YEAR_STARTS = [1, 4, 8, 12, 16, 20, 24, 27] as const;

/** The year of a season number (`year:`): 1 for seasons 1–3, …; 0 for a season before 1. */
export function yearOfSeason(season: number): number {
  let year = 0;
  for (const start of YEAR_STARTS) if (season >= start) year++;
  return year;
}
