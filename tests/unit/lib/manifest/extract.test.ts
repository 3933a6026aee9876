import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildManifestDatabase, generateManifest, loadSqlJs } from '@/dev/bungie-sim/index';
import { downloadManifestDatabase, ManifestContentError, openManifestDatabase, readDefinitions } from '@/lib/manifest/extract';

// The tables readDefinitions needs, in the layout of Bungie's file (signed id, JSON text).
const TABLES = ['DestinyInventoryItemDefinition', 'DestinyInventoryBucketDefinition', 'DestinyClassDefinition', 'DestinyRaceDefinition', 'DestinyDamageTypeDefinition', 'DestinyVendorDefinition', 'DestinyStatDefinition'];

/** A SQLite manifest of `items` item rows, each padded to about `pad` bytes of JSON. */
async function buildDatabase(items: number, pad: number): Promise<Uint8Array> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  try {
    db.run('BEGIN');
    for (const table of TABLES) db.run(`CREATE TABLE ${table} (id INTEGER PRIMARY KEY NOT NULL, json TEXT)`);
    const insert = db.prepare('INSERT INTO DestinyInventoryItemDefinition (id, json) VALUES (?, ?)');
    let x = 7;
    for (let i = 0; i < items; i++) {
      // Varying filler, so the zip has real work to do.
      let filler = '';
      while (filler.length < pad) {
        x = (Math.imul(x, 1103515245) + 12345) >>> 0;
        filler += x.toString(36);
      }
      const hash = (0x8000_0000 + i * 7919) >>> 0;
      insert.run([hash | 0, JSON.stringify({ hash, displayProperties: { name: `Item ${i} “ü”`, icon: `/i/${i}.jpg` }, inventory: { tierType: 5, bucketTypeHash: 1498876634 }, filler })]);
    }
    insert.free();
    db.run(`INSERT INTO DestinyInventoryBucketDefinition (id, json) VALUES (1498876634, '{"displayProperties":{"name":"Kinetic Weapons"}}')`);
    db.run('COMMIT');
    return db.export();
  } finally {
    db.close();
  }
}

// Serves bytes over HTTP, in small pieces; `stallAfter` stops sending (without ending) after that many bytes.
let server: Server;
let origin: string;
const files = new Map<string, { body: Uint8Array; stallAfter?: number }>();

beforeAll(async () => {
  server = createServer((req, res) => {
    const file = files.get(req.url ?? '');
    if (!file) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    const end = Math.min(file.body.length, file.stallAfter ?? Infinity);
    for (let at = 0; at < end; at += 64 * 1024) res.write(file.body.subarray(at, Math.min(end, at + 64 * 1024)));
    if (file.stallAfter === undefined) res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function serve(name: string, body: Uint8Array, stallAfter?: number): string {
  files.set(`/${name}`, { body, stallAfter });
  return `${origin}/${name}`;
}

describe('downloading the manifest content', () => {
  let sqlite: Uint8Array;
  beforeAll(async () => {
    sqlite = await buildDatabase(2000, 3000);
  }, 60_000);

  it('inflates a deflated zip (native zlib) to the same bytes, and its rows read back', async () => {
    const url = serve('deflated.content', zipSync({ 'world_sql_content_x.content': sqlite }, { level: 6 }));
    const bytes = await downloadManifestDatabase(url);
    expect(bytes.length).toBe(sqlite.length);
    expect(Buffer.from(bytes).equals(Buffer.from(sqlite))).toBe(true);
    const db = await openManifestDatabase(bytes);
    try {
      const items = [...readDefinitions(db, 500)].filter((b) => b.table === 'items').flatMap((b) => b.definitions);
      expect(items).toHaveLength(2000);
      expect(items[1]).toMatchObject({ hash: (0x8000_0000 + 7919) >>> 0, name: 'Item 1 “ü”', tierType: 5 });
    } finally {
      db.close();
    }
  }, 30_000);

  it('reads no season from a file without DestinySeasonDefinition, and does not fail for it', async () => {
    const db = await openManifestDatabase(sqlite);
    try {
      const items = [...readDefinitions(db, 500)].filter((b) => b.table === 'items').flatMap((b) => b.definitions);
      expect(items.some((d) => 'season' in d)).toBe(false);
    } finally {
      db.close();
    }
  });

  it('takes a stored (uncompressed) entry too', async () => {
    const url = serve('stored.content', zipSync({ 'world.content': sqlite }, { level: 0 }));
    expect(Buffer.from(await downloadManifestDatabase(url)).equals(Buffer.from(sqlite))).toBe(true);
  }, 30_000);

  it('refuses a zip whose compressed data is corrupt, a cut-off zip, and a database over the cap', async () => {
    const zip = zipSync({ 'world.content': sqlite }, { level: 6 });
    const corrupt = zip.slice();
    // Past the local header (30 bytes + name): garbage in the deflate stream.
    corrupt.fill(0xff, 60, 4000);
    await expect(downloadManifestDatabase(serve('corrupt.content', corrupt))).rejects.toThrow(/not a valid zip/);
    await expect(downloadManifestDatabase(serve('cut.content', zip.subarray(0, Math.floor(zip.length / 2))))).rejects.toBeInstanceOf(ManifestContentError);
    await expect(downloadManifestDatabase(serve('big.content', zip), { maxDatabaseBytes: sqlite.length - 1 })).rejects.toThrow(/exceeds the \d+-byte cap/);
  }, 30_000);

  it('gives up on a download that stalls half-way, with a sentence', async () => {
    const zip = zipSync({ 'world.content': sqlite }, { level: 6 });
    const url = serve('stalled.content', zip, Math.floor(zip.length / 2));
    const error = await downloadManifestDatabase(url, { timeoutMs: 1500 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ManifestContentError);
    expect((error as Error).message).toMatch(/timed out or was stopped/);
  }, 30_000);
});

describe('opening the database', () => {
  it('does not copy the bytes: sql.js reads the downloaded buffer in place', async () => {
    const big = await buildDatabase(6000, 3000);
    // Load sql.js and its wasm memory first, so only the open itself is measured.
    (await openManifestDatabase(await buildDatabase(1, 10))).close();
    const before = process.memoryUsage().arrayBuffers;
    const db = await openManifestDatabase(big);
    const grown = process.memoryUsage().arrayBuffers - before;
    try {
      // A copy would add the whole file (~24 MB); reading in place adds at most sqlite's page cache.
      expect(big.length).toBeGreaterThan(20 * 1024 * 1024);
      expect(grown).toBeLessThan(big.length / 4);
      expect(db.exec('SELECT count(*) FROM DestinyInventoryItemDefinition')[0]?.values[0]?.[0]).toBe(6000);
    } finally {
      db.close();
    }
  }, 120_000);

  it('refuses bytes that are not a SQLite database', async () => {
    await expect(openManifestDatabase(new TextEncoder().encode('not a database, just text '.repeat(200)))).rejects.toBeInstanceOf(ManifestContentError);
  });
});

describe('what the simulator’s file gives the search: seasons and plug stat bonuses', () => {
  it('resolves each item’s seasonHash to its season number, and keeps mods’ and masterworks’ bonuses', async () => {
    const manifest = generateManifest({ itemCount: 400, seed: 3 });
    const db = await openManifestDatabase(await buildManifestDatabase(manifest));
    try {
      const items = [...readDefinitions(db, 500)].filter((b) => b.table === 'items').flatMap((b) => b.definitions);
      const raw = manifest.tables.get('DestinyInventoryItemDefinition')!;
      const seasons = manifest.tables.get('DestinySeasonDefinition')!;
      let seasoned = 0;
      for (const d of items) {
        const seasonHash = (raw.get(d.hash) as { seasonHash?: number }).seasonHash;
        const expected = seasonHash === undefined ? undefined : (seasons.get(seasonHash) as { seasonNumber: number }).seasonNumber;
        expect(d.season, String(d.hash)).toBe(expected);
        if (expected !== undefined) seasoned++;
      }
      expect(seasoned).toBeGreaterThan(50);
      const byName = (name: string) => items.find((d) => d.name === name)!;
      // Range 1240592695 +10; the armour masterwork +2 on each of six stats; a frame (not a mod) none.
      expect(byName('Masterwork: Range').statBonuses).toEqual({ 1240592695: 10 });
      expect(Object.values(byName('Armor Masterwork').statBonuses!)).toEqual([2, 2, 2, 2, 2, 2]);
      expect(byName('Adaptive Frame').statBonuses).toBeUndefined();
      expect(byName('Empty Masterwork Socket').statBonuses).toBeUndefined();
      const mods = items.filter((d) => d.itemTypeDisplayName === 'Armor Mod');
      expect(mods.length).toBeGreaterThan(0);
      for (const m of mods) expect([5, 10]).toContain(Object.values(m.statBonuses ?? {})[0]);
    } finally {
      db.close();
    }
  }, 60_000);
});
