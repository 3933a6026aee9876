/**
 * A page's view in a compact form for the trip from the server render to the browser (the
 * `initialJson` a page hands its client screen, components/inventory/view-handoff.ts), and back,
 * losslessly: `unpackView(JSON.parse(JSON.stringify(packView(v))))` deep-equals
 * `JSON.parse(JSON.stringify(v))`, what the browser parsed before.
 *
 * As plain JSON a tile costs ~520 bytes (1,000 items: ~520 KB), nearly all of it keys, `false`s,
 * `null`s and strings every tile repeats ("Legendary", "Vault", the icon host and path). That text
 * is written three times per request (JSON, React's RSC row, its escaped copy inlined in the HTML)
 * and parsed on the phone. Packed, a tile is an array of numbers and one id, its strings are
 * indexes into one table, its icon a suffix of one shared prefix, and a slot's equipped tile
 * (also first in its items) an index: about a quarter of the bytes (27 % in the 1,264-item world).
 *
 * Only the tiles (the `items` of sections, objects with a numeric `bucketHash`) are packed; the
 * rest of the view is kept as is. A tile with anything this format does not know is kept as an
 * object, so nothing is ever lost. Pure, for the server and the browser.
 */
import type { ItemLocation, ItemTile, Tier } from './types';

/** A view as it travels: `view` with its sections' tiles packed. */
export type PackedView = { $packed: 1; strings: string[]; iconPrefix: string; view: unknown };

/** A packed tile: fields by position (`Field`), trailing absent ones left off. */
type PackedTile = (number | string | null)[];

// Positions of a packed tile.
const Field = {
  Hash: 0,
  Flags: 1,
  /** The instance id when the tile has one, else its key. */
  Id: 2,
  Name: 3,
  Icon: 4,
  Tier: 5,
  TierName: 6,
  TypeName: 7,
  Power: 8,
  DamageType: 9,
  SlotHash: 10,
  ItemType: 11,
  ClassType: 12,
  LocationKind: 13,
  LocationLabel: 14,
  LocationCharacter: 15,
  Quantity: 16,
  SubType: 17,
  Season: 18,
  Tag: 19,
  Notes: 20,
  /** The key, when an instanced tile's key is not its instance id. */
  Key: 21,
} as const;

const KNOWN = 1;
const LOCKED = 2;
const MASTERWORK = 4;
const EQUIPPED = 8;
const CRAFTED = 16;
const INSTANCED = 32;

/** What an absent optional field is packed as. */
const NONE = -1;

/** The keys a tile may have; a tile with any other (or an unexpected value) travels as an object. */
const TILE_KEYS = new Set(['key', 'hash', 'instanceId', 'known', 'name', 'iconUrl', 'tier', 'tierName', 'typeName', 'power', 'damageType', 'locked', 'masterwork', 'quantity', 'equipped', 'slotHash', 'itemType', 'classType', 'location', 'subType', 'crafted', 'season', 'tag', 'notes']);
const LOCATION_KEYS = new Set(['kind', 'characterId', 'label']);

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isSection = (value: Record<string, unknown>): boolean => typeof value.bucketHash === 'number' && Array.isArray(value.items);
const isInt = (value: unknown): value is number => Number.isInteger(value);
const isOptionalInt = (value: unknown): boolean => value === undefined || (isInt(value) && (value as number) >= 0);

/** Whether `tile` has exactly the shape `packTile` writes and `unpackTile` reads back. */
function packable(tile: unknown): tile is ItemTile {
  if (!isObject(tile) || !isObject(tile.location)) return false;
  // An undefined value is an absent one: JSON leaves it out either way.
  for (const key in tile) if (!TILE_KEYS.has(key) && tile[key] !== undefined) return false;
  for (const key in tile.location) if (!LOCATION_KEYS.has(key) && tile.location[key] !== undefined) return false;
  const t = tile as Record<string, unknown>;
  const l = tile.location;
  return (
    typeof t.key === 'string' && isInt(t.hash) && (t.instanceId === undefined || typeof t.instanceId === 'string') &&
    typeof t.known === 'boolean' && typeof t.name === 'string' && (t.iconUrl === null || typeof t.iconUrl === 'string') &&
    typeof t.tier === 'string' && typeof t.tierName === 'string' && typeof t.typeName === 'string' &&
    (t.power === null || typeof t.power === 'number') && (t.damageType === null || typeof t.damageType === 'string') &&
    typeof t.locked === 'boolean' && typeof t.masterwork === 'boolean' && typeof t.equipped === 'boolean' &&
    typeof t.quantity === 'number' && isInt(t.slotHash) && isInt(t.itemType) && isInt(t.classType) &&
    isOptionalInt(t.subType) && (t.crafted === undefined || t.crafted === true) && isOptionalInt(t.season) &&
    (t.tag === undefined || typeof t.tag === 'string') && (t.notes === undefined || typeof t.notes === 'string') &&
    typeof l.kind === 'string' && typeof l.label === 'string' && (l.characterId === undefined || typeof l.characterId === 'string')
  );
}

/** The longest prefix all of `urls` share. */
function commonPrefix(urls: string[]): string {
  let prefix = urls[0] ?? '';
  for (const url of urls) {
    let n = 0;
    while (n < prefix.length && n < url.length && prefix.charCodeAt(n) === url.charCodeAt(n)) n++;
    if (n < prefix.length) prefix = prefix.slice(0, n);
    if (prefix === '') break;
  }
  return prefix;
}

/** Every packable tile's icon URL, for the shared prefix. */
function iconsOf(value: unknown, out: string[]): string[] {
  if (Array.isArray(value)) for (const v of value) iconsOf(v, out);
  else if (isObject(value)) {
    if (isSection(value)) {
      for (const tile of value.items as unknown[]) if (isObject(tile) && typeof tile.iconUrl === 'string') out.push(tile.iconUrl);
    } else for (const key in value) iconsOf(value[key], out);
  }
  return out;
}

/** The view with every section's tiles packed, for `JSON.stringify`. */
export function packView(view: unknown): PackedView {
  const strings: string[] = [];
  const indexes = new Map<string, number>();
  const intern = (s: string): number => {
    let i = indexes.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      indexes.set(s, i);
    }
    return i;
  };
  const iconPrefix = commonPrefix(iconsOf(view, []));

  const packTile = (t: ItemTile): PackedTile | ItemTile => {
    if (!packable(t)) return t;
    const flags =
      (t.known ? KNOWN : 0) | (t.locked ? LOCKED : 0) | (t.masterwork ? MASTERWORK : 0) | (t.equipped ? EQUIPPED : 0) | (t.crafted ? CRAFTED : 0) | (t.instanceId !== undefined ? INSTANCED : 0);
    const packed: PackedTile = [
      t.hash,
      flags,
      t.instanceId ?? t.key,
      intern(t.name),
      t.iconUrl === null ? NONE : intern(t.iconUrl.slice(iconPrefix.length)),
      intern(t.tier),
      intern(t.tierName),
      intern(t.typeName),
      t.power,
      t.damageType === null ? NONE : intern(t.damageType),
      t.slotHash,
      t.itemType,
      t.classType,
      intern(t.location.kind),
      intern(t.location.label),
      t.location.characterId === undefined ? NONE : intern(t.location.characterId),
      t.quantity,
      t.subType ?? NONE,
      t.season ?? NONE,
      t.tag === undefined ? NONE : intern(t.tag),
      t.notes ?? NONE,
      t.instanceId !== undefined && t.key !== t.instanceId ? t.key : NONE,
    ];
    while (packed.length > Field.Quantity + 1 && packed[packed.length - 1] === NONE) packed.pop();
    return packed;
  };

  const pack = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(pack);
    if (!isObject(value)) return value;
    const section = isSection(value);
    const out: Record<string, unknown> = {};
    for (const key in value) {
      const v = value[key];
      if (section && key === 'items') out.items = (v as ItemTile[]).map(packTile);
      // The equipped tile is also in the items (first): an index instead of a second copy.
      else if (section && key === 'equipped' && isObject(v)) {
        const index = (value.items as unknown[]).indexOf(v);
        out.equipped = index >= 0 ? index : packTile(v as ItemTile);
      } else out[key] = pack(v);
    }
    return out;
  };

  const packed = pack(view);
  return { $packed: 1, strings, iconPrefix, view: packed };
}

/** The view `packView` packed (after a trip through JSON); anything else (a plain view) as it is. */
export function unpackView<T>(wire: unknown): T {
  if (!isObject(wire) || wire.$packed !== 1) return wire as T;
  const { strings, iconPrefix } = wire as PackedView;
  const at = (i: unknown): string => strings[i as number] ?? '';

  const unpackTile = (p: PackedTile | ItemTile): ItemTile => {
    if (!Array.isArray(p)) return p;
    const flags = p[Field.Flags] as number;
    const location: ItemLocation = { kind: at(p[Field.LocationKind]) as ItemLocation['kind'], label: at(p[Field.LocationLabel]) };
    const character = p[Field.LocationCharacter] ?? NONE;
    if (character !== NONE) location.characterId = at(character);
    const id = p[Field.Id] as string;
    const instanced = (flags & INSTANCED) !== 0;
    const key = p[Field.Key] ?? NONE;
    const tile: ItemTile = {
      key: instanced && key !== NONE ? (key as string) : id,
      hash: p[Field.Hash] as number,
      known: (flags & KNOWN) !== 0,
      name: at(p[Field.Name]),
      iconUrl: p[Field.Icon] === NONE ? null : iconPrefix + at(p[Field.Icon]),
      tier: at(p[Field.Tier]) as Tier,
      tierName: at(p[Field.TierName]),
      typeName: at(p[Field.TypeName]),
      power: p[Field.Power] as number | null,
      damageType: p[Field.DamageType] === NONE ? null : at(p[Field.DamageType]),
      locked: (flags & LOCKED) !== 0,
      masterwork: (flags & MASTERWORK) !== 0,
      quantity: p[Field.Quantity] as number,
      equipped: (flags & EQUIPPED) !== 0,
      slotHash: p[Field.SlotHash] as number,
      itemType: p[Field.ItemType] as number,
      classType: p[Field.ClassType] as number,
      location,
    };
    if (instanced) tile.instanceId = id;
    const subType = p[Field.SubType] ?? NONE;
    if (subType !== NONE) tile.subType = subType as number;
    if (flags & CRAFTED) tile.crafted = true;
    const season = p[Field.Season] ?? NONE;
    if (season !== NONE) tile.season = season as number;
    const tag = p[Field.Tag] ?? NONE;
    if (tag !== NONE) tile.tag = at(tag) as ItemTile['tag'];
    const notes = p[Field.Notes] ?? NONE;
    if (notes !== NONE) tile.notes = notes as string;
    return tile;
  };

  const unpack = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(unpack);
    if (!isObject(value)) return value;
    const section = isSection(value);
    const out: Record<string, unknown> = {};
    let items: ItemTile[] = [];
    if (section) items = (value.items as (PackedTile | ItemTile)[]).map(unpackTile);
    for (const key in value) {
      const v = value[key];
      if (section && key === 'items') out.items = items;
      else if (section && key === 'equipped' && v !== null) out.equipped = typeof v === 'number' ? items[v] : unpackTile(v as PackedTile | ItemTile);
      else out[key] = unpack(v);
    }
    return out;
  };

  return unpack(wire.view) as T;
}

/** The query a view route's reader adds to get the packed view (the pages' 30 s refresh does). */
export const PACKED_QUERY = 'packed=1';

/** The view as a view route answers it: packed when the request asks so (`?packed=1`), else plain JSON for any other reader. */
export function viewForAnswer(request: Request, view: unknown): unknown {
  return new URL(request.url).searchParams.get('packed') === '1' ? packView(view) : view;
}
