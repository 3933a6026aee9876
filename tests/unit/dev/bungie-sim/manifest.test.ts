import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { generateManifest, loadSqlJs } from '@/dev/bungie-sim/index';
import { generateCharacterOnlyDefinitions } from '@/dev/bungie-sim/manifest/item-generator';
import { plugDefinitions } from '@/dev/bungie-sim/manifest/plug-definitions';
import { currencyDefinitions } from '@/dev/bungie-sim/manifest/currencies';
import { definitionJson } from '@/dev/bungie-sim/manifest/sqlite';
import { BUNGIE, ok, useSimulator, type Harness } from './sim-harness';

type Manifest = { version: string; mobileWorldContentPaths: { en: string }; jsonWorldComponentContentPaths: { en: Record<string, string> } };

async function openContent(h: Harness) {
  const m = ok((await h.api<{ ErrorCode: number; Response?: Manifest }>('/Destiny2/Manifest/')).body);
  const res = await fetch(`${BUNGIE}${m.mobileWorldContentPaths.en}`);
  expect(res.status).toBe(200);
  const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
  expect(Object.keys(files)).toHaveLength(1);
  const SQL = await loadSqlJs();
  return { manifest: m, db: new SQL.Database(Object.values(files)[0]) };
}

describe('Bungie simulator manifest', () => {
  const harness = useSimulator();

  it('serves a zip of one SQLite file with signed ids and real definition shapes', async () => {
    const h = harness();
    const { db } = await openContent(h);
    const tables = db.exec("SELECT name FROM sqlite_master WHERE type='table'")[0]?.values.flat();
    expect(tables).toEqual(expect.arrayContaining(['DestinyInventoryItemDefinition', 'DestinyInventoryBucketDefinition', 'DestinyClassDefinition', 'DestinyRaceDefinition', 'DestinyDamageTypeDefinition', 'DestinyVendorDefinition', 'DestinyStatDefinition', 'DestinySandboxPerkDefinition']));
    const count = db.exec('SELECT COUNT(*), SUM(id < 0) FROM DestinyInventoryItemDefinition')[0]?.values[0] as number[];
    expect(count[0]).toBeGreaterThanOrEqual(3000);
    expect(count[1]).toBeGreaterThan(100);
    const [id, json] = db.exec('SELECT id, json FROM DestinyInventoryItemDefinition WHERE id < 0 LIMIT 1')[0]?.values[0] as [number, string];
    const def = JSON.parse(json);
    expect(def.hash).toBe(id >>> 0);
    expect(def).toMatchObject({ displayProperties: { name: expect.any(String), hasIcon: true }, inventory: { bucketTypeHash: expect.any(Number), tierTypeName: expect.any(String) }, redacted: false });
    const vault = db.exec('SELECT json FROM DestinyInventoryBucketDefinition WHERE id = 138197802')[0]?.values[0]?.[0] as string;
    expect(JSON.parse(vault).displayProperties.name).toBe('General');
    const exotic = db.exec(`SELECT json FROM DestinyInventoryItemDefinition WHERE json LIKE '%"uniqueLabel":"exotic_weapon"%' LIMIT 1`)[0]?.values[0]?.[0] as string;
    expect(JSON.parse(exotic).inventory.tierType).toBe(6);
    db.close();
  });

  it('serves per-table JSON keyed by hash and icons as PNG', async () => {
    const h = harness();
    const m = ok((await h.api<{ ErrorCode: number; Response?: Manifest }>('/Destiny2/Manifest/')).body);
    const buckets = await (await fetch(`${BUNGIE}${m.jsonWorldComponentContentPaths.en.DestinyInventoryBucketDefinition}`)).json();
    expect(buckets['215593132'].displayProperties.name).toBe('Lost Items');
    const item = [...(h.sim.manifest.tables.get('DestinyInventoryItemDefinition')?.values() ?? [])][0] as { displayProperties: { icon: string } };
    const icon = await fetch(`${BUNGIE}${item.displayProperties.icon}`);
    expect(icon.headers.get('content-type')).toBe('image/png');
    expect([...new Uint8Array(await icon.arrayBuffer()).slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it('publishes a new version with a new path, keeping the old file downloadable', async () => {
    const h = harness();
    const before = await openContent(h);
    const { version, changes } = h.sim.controls.publishManifest();
    const after = await openContent(h);
    expect(version).not.toBe(before.manifest.version);
    expect(after.manifest.mobileWorldContentPaths.en).not.toBe(before.manifest.mobileWorldContentPaths.en);
    expect(changes.added).toHaveLength(5);
    expect(changes.removed.length).toBeGreaterThan(0);
    const has = (db: typeof after.db, hash: number) => (db.exec(`SELECT COUNT(*) FROM DestinyInventoryItemDefinition WHERE id = ${hash | 0}`)[0]?.values[0]?.[0] as number) === 1;
    expect(has(after.db, changes.added[0] as number)).toBe(true);
    expect(has(after.db, changes.removed[0] as number)).toBe(false);
    expect(has(before.db, changes.removed[0] as number)).toBe(true);
    expect((await fetch(`${BUNGIE}${before.manifest.mobileWorldContentPaths.en}`)).status).toBe(200);
    const same = h.sim.controls.publishManifest({ sameVersionString: true });
    expect(same.version).toBe(version);
    expect(h.sim.manifest.contentId).not.toBe(after.manifest.mobileWorldContentPaths.en.match(/_([0-9a-f]+)\.content$/)?.[1]);
  });

  it('scales to a full-size manifest and pads JSON to a realistic size', () => {
    const big = generateManifest({ itemCount: 32000, seed: 9, padBytes: 3300 });
    const items = big.tables.get('DestinyInventoryItemDefinition');
    // The generated items plus the currencies vendors charge and the plugs (perks) weapons roll.
    expect(items?.size).toBe(32000 + generateCharacterOnlyDefinitions(1).length + currencyDefinitions().length + plugDefinitions().length);
    const json = definitionJson([...(items?.values() ?? [])][0] as object, 3300);
    expect(json.length).toBeGreaterThanOrEqual(3300);
    expect(JSON.parse(json).investmentStats.length).toBeGreaterThan(10);
  });
});
