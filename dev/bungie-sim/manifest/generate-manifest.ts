import type { DestinyManifest } from 'bungie-api-ts/destiny2';
import { createRng, hashString } from '../prng';
import { displayProps, generateCharacterOnlyDefinitions, generateItemDefinitions, makeItem, type SimItemDefinition } from './item-generator';
import { currencyDefinitions } from './currencies';
import { plugDefinitions } from './plug-definitions';
import { staticTables, type DefinitionTable } from './static-definitions';

/** A manifest version held in memory: definition tables keyed by unsigned hash. */
export type ManifestData = {
  /** Bungie's `version` string. */
  version: string;
  /** Distinguishes content paths; changes with each publish, even when `version` does not. */
  contentId: string;
  /** Definition tables by name, e.g. DestinyInventoryItemDefinition. */
  tables: Map<string, DefinitionTable>;
  /** Pad each item's JSON to about this many bytes (0 = none); realistic full-size benchmarks. */
  padBytes: number;
  /** How many versions were published before this one (0 for the first). */
  revision: number;
};

/** Options for `generateManifest`. */
export type GenerateManifestOptions = {
  /** Number of DestinyInventoryItemDefinitions (default 3,500; 30,000+ for benchmarks). */
  itemCount?: number;
  seed?: number;
  /**
   * Pad item JSON to this size in the SQLite file (a real item averages ~3.3 KB). Rows over
   * ~2 KB take a 4 KB page each: 25,000 items at 3,300 bytes make a ~100 MB file, 32,000 ~130 MB.
   */
  padBytes?: number;
};

const ITEMS = 'DestinyInventoryItemDefinition';
const PERKS = 'DestinySandboxPerkDefinition';

/** Generates a deterministic manifest with real table layout and definition shapes. */
export function generateManifest(options: GenerateManifestOptions = {}): ManifestData {
  const seed = options.seed ?? 1;
  const tables = staticTables(seed);
  const items: DefinitionTable = new Map();
  for (const def of generateItemDefinitions(options.itemCount ?? 3500, seed)) items.set(def.hash, def);
  for (const def of generateCharacterOnlyDefinitions(seed)) items.set(def.hash, def);
  for (const def of [...currencyDefinitions(), ...plugDefinitions()]) items.set((def as { hash: number }).hash, def);
  tables.set(ITEMS, items);
  const rng = createRng(seed ^ 0xbeef);
  const perks: DefinitionTable = new Map();
  for (let i = 0; i < 40; i++) {
    const hash = hashString(`perk:${seed}:${i}`);
    perks.set(hash, { displayProperties: displayProps(`Perk ${i + 1}`, 'A simulated perk.', rng), perkIdentifier: `sim_perk_${i}`, isDisplayable: true, damageType: 0, hash, index: i, redacted: false });
  }
  tables.set(PERKS, perks);
  return { version: versionString(0, seed), contentId: contentIdFor(0, seed, 0), tables, padBytes: options.padBytes ?? 0, revision: 0 };
}

function versionString(revision: number, seed: number): string {
  return `${231000 + revision}.25.11.27.1700-${revision + 1}-bnet.${58000 + (seed % 1000) + revision}`;
}

function contentIdFor(revision: number, seed: number, salt: number): string {
  return createRng(hashString(`content:${seed}:${revision}:${salt}`)).hex(32);
}

/** What a publish changed, so tests can assert on it. */
export type ManifestChanges = { added: number[]; modified: number[]; removed: number[] };

/** Options for `publishNextManifest`. */
export type PublishOptions = {
  add?: number;
  modify?: number;
  remove?: number;
  /** Hashes never removed (items the world holds). */
  keep?: ReadonlySet<number>;
  /** Keep the version string but change the content path, as Bungie has done. */
  sameVersionString?: boolean;
  /** These item hashes are renamed too (the load benchmark renames held items to detect mixed versions). */
  rename?: readonly number[];
};

/**
 * Copies the manifest into a new version: adds, modifies (renames) and removes a few items,
 * and gives it a new version string and content path. The old data is left untouched so
 * a download of the old path still works.
 */
export function publishNextManifest(prev: ManifestData, options: PublishOptions = {}): { data: ManifestData; changes: ManifestChanges } {
  const revision = prev.revision + 1;
  const rng = createRng(hashString(`publish:${prev.contentId}`));
  const tables = new Map(prev.tables);
  const items: DefinitionTable = new Map(prev.tables.get(ITEMS));
  tables.set(ITEMS, items);
  const changes: ManifestChanges = { added: [], modified: [], removed: [] };
  const hashes = [...items.keys()];
  for (let i = 0; i < (options.modify ?? 5); i++) {
    const hash = rng.pick(hashes);
    const def = items.get(hash) as SimItemDefinition;
    items.set(hash, { ...def, displayProperties: { ...def.displayProperties, name: `${def.displayProperties.name} (Rev ${revision})` } });
    changes.modified.push(hash);
  }
  for (const hash of options.rename ?? []) {
    const def = items.get(hash) as SimItemDefinition | undefined;
    if (!def || changes.modified.includes(hash)) continue;
    items.set(hash, { ...def, displayProperties: { ...def.displayProperties, name: `${def.displayProperties.name} (Rev ${revision})` } });
    changes.modified.push(hash);
  }
  // Picks again when a pick is held by the world or was just modified, so exactly `remove` go.
  for (let tries = 0; changes.removed.length < (options.remove ?? 3) && tries < 10_000; tries++) {
    const hash = rng.pick(hashes);
    if (options.keep?.has(hash) || changes.modified.includes(hash) || !items.has(hash)) continue;
    items.delete(hash);
    changes.removed.push(hash);
  }
  for (let i = 0; i < (options.add ?? 5); i++) {
    let hash = hashString(`item:rev${revision}:${prev.contentId}:${i}`);
    while (items.has(hash)) hash = (hash + 1) >>> 0;
    items.set(hash, makeItem(rng, hash, items.size + i));
    changes.added.push(hash);
  }
  const seed = hashString(prev.version);
  const version = options.sameVersionString ? prev.version : versionString(revision, seed);
  return { data: { ...prev, version, tables, revision, contentId: contentIdFor(revision, seed, 1) }, changes };
}

/** Where the content files of a manifest version are served. */
export function contentPaths(data: ManifestData): { sqlite: string; aggregate: string; table: (name: string) => string } {
  return {
    sqlite: `/common/destiny2_content/sqlite/en/world_sql_content_${data.contentId}.content`,
    aggregate: `/common/destiny2_content/json/en/aggregate-${data.contentId}.json`,
    table: (name) => `/common/destiny2_content/json/en/${name}-${data.contentId}.json`,
  };
}

/** The `Destiny2/Manifest/` answer for a version. */
export function manifestResponse(data: ManifestData): DestinyManifest {
  const paths = contentPaths(data);
  const tables = Object.fromEntries([...data.tables.keys()].map((name) => [name, paths.table(name)]));
  return {
    version: data.version,
    mobileAssetContentPath: `/common/destiny2_content/sqlite/asset/asset_sql_content_${data.contentId}.content`,
    mobileGearAssetDataBases: [{ version: 2, path: `/common/destiny2_content/sqlite/asset/asset_sql_content_${data.contentId}.content` }],
    mobileWorldContentPaths: { en: paths.sqlite },
    jsonWorldContentPaths: { en: paths.aggregate },
    jsonWorldComponentContentPaths: { en: tables },
    mobileClanBannerDatabasePath: `/common/destiny2_content/clanbanner/clanbanner_sql_content_${data.contentId}.content`,
    mobileGearCDN: { Geometry: '/common/destiny2_content/geometry', Texture: '/common/destiny2_content/geometry', PlateRegion: '/common/destiny2_content/geometry', Gear: '/common/destiny2_content/geometry', Shader: '/common/destiny2_content/geometry' },
    iconImagePyramidInfo: [],
  };
}

/** Merges replayed definitions (table name → hash → JSON) into a manifest, replacing same hashes. */
export function mergeDefinitions(data: ManifestData, extra: Map<string, DefinitionTable>): ManifestData {
  const tables = new Map(data.tables);
  for (const [name, rows] of extra) tables.set(name, new Map([...(tables.get(name) ?? new Map<number, object>()), ...rows]));
  return { ...data, tables, contentId: contentIdFor(data.revision, hashString(data.contentId), extra.size + 7) };
}
