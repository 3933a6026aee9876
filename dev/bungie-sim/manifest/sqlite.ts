import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { zipSync } from 'fflate';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import type { ManifestData } from './generate-manifest';

let sqlJs: Promise<SqlJsStatic> | undefined;

/** Loads sql.js once; the wasm file sits next to the package's main script. */
export function loadSqlJs(): Promise<SqlJsStatic> {
  if (!sqlJs) {
    const require = createRequire(import.meta.url);
    const dir = path.dirname(require.resolve('sql.js'));
    sqlJs = initSqlJs({ locateFile: (file: string) => path.join(dir, file) });
  }
  return sqlJs;
}

/** Bungie stores the unsigned 32-bit hash in a signed INTEGER column. */
export function toSignedId(hash: number): number {
  return hash | 0;
}

/** JSON of a definition, padded with realistic investment stats up to `padBytes`. */
export function definitionJson(def: object, padBytes: number): string {
  const json = JSON.stringify(def);
  // A plug's investment stats are its stat bonuses (compacted for base stats): never replaced.
  if (padBytes <= json.length || 'plug' in def) return json;
  // Varying values keep the zip ratio closer to a real manifest's than a repeated entry would.
  let x = json.length * 2654435761;
  const entry = () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return `{"statTypeHash":${x},"value":${x % 100},"isConditionallyActive":${x % 7 === 0}}`;
  };
  const parts: string[] = [];
  let size = json.length + 22;
  while (size < padBytes) {
    const e = entry();
    parts.push(e);
    size += e.length + 1;
  }
  // Replace the item's own investmentStats (if any) so the JSON stays a valid definition.
  const body = json.slice(0, -1).replace(/,"investmentStats":\[[^\]]*\]/, '');
  return `${body},"investmentStats":[${parts.join(',')}]}`;
}

/**
 * Builds the world SQLite database: one table per definition type with columns
 * `id INTEGER PRIMARY KEY` (signed hash) and `json TEXT`, as in Bungie's file.
 */
export async function buildManifestDatabase(data: ManifestData): Promise<Uint8Array> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  try {
    db.run('PRAGMA journal_mode = OFF');
    db.run('BEGIN');
    for (const [name, rows] of data.tables) {
      db.run(`CREATE TABLE ${name} (id INTEGER PRIMARY KEY NOT NULL, json TEXT)`);
      const insert = db.prepare(`INSERT INTO ${name} (id, json) VALUES (?, ?)`);
      const pad = name === 'DestinyInventoryItemDefinition' ? data.padBytes : 0;
      for (const [hash, def] of rows) insert.run([toSignedId(hash), definitionJson(def, pad)]);
      insert.free();
    }
    db.run('COMMIT');
    return db.export();
  } finally {
    db.close();
  }
}

/**
 * The `.content` file: a zip holding one SQLite file named like Bungie's. With
 * `BUNGIE_SIM_MANIFEST_CACHE=<dir>` (set by `npm run bench:manifest`: building a 250 MB
 * manifest takes minutes) a zip already built for the same content is read from there.
 */
export async function buildManifestZip(data: ManifestData): Promise<Uint8Array> {
  const cacheDir = process.env.BUNGIE_SIM_MANIFEST_CACHE;
  const cached = cacheDir ? path.join(cacheDir, `world_sql_content_${cacheKey(data)}.zip`) : undefined;
  if (cached && existsSync(cached)) return new Uint8Array(readFileSync(cached));
  const sqlite = await buildManifestDatabase(data);
  const zip = zipSync({ [`world_sql_content_${data.contentId}.content`]: sqlite }, { level: 1 });
  if (cacheDir && cached) {
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(`${cached}.partial`, zip);
    renameSync(`${cached}.partial`, cached);
  }
  return zip;
}

/** Names the content: version, content id, padding, and every table's rows (hash and JSON). */
function cacheKey(data: ManifestData): string {
  const hash = createHash('sha256').update(`${data.version}\n${data.contentId}\n${data.padBytes}\n`);
  for (const [name, rows] of data.tables) {
    hash.update(`${name}:${rows.size}\n`);
    for (const [id, def] of rows) hash.update(`${id}=${JSON.stringify(def)}\n`);
  }
  return hash.digest('hex').slice(0, 32);
}
