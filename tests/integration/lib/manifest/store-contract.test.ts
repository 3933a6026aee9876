import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECK_LOG_SIZE, newCheckId, type CheckRecord } from '@/lib/manifest/check-log';
import type { ManifestStore } from '@/lib/manifest/store';
import type { ItemDefinition, ManifestPointer } from '@/lib/manifest/types';
import { storeBackends, type TestStore } from '@/tests/support/manifest-stores';

function item(hash: number, name = `Item ${hash}`): ItemDefinition {
  return {
    hash, name, icon: `/common/destiny2_content/icons/${hash}.jpg`, itemTypeDisplayName: 'Hand Cannon', tierType: 5, tierTypeName: 'Legendary',
    bucketTypeHash: 1498876634, itemType: 3, itemSubType: 9, classType: 3, equippable: true, defaultDamageType: 3, uniqueLabel: '',
    maxStackSize: 1, isInstanceItem: true, nonTransferrable: false, redacted: false,
  };
}

// Half of Bungie's hashes have the top bit set: they must survive as unsigned numbers.
const HASHES = Array.from({ length: 2500 }, (_, i) => (0x8000_0000 + i * 104_729) >>> 0).concat(Array.from({ length: 2500 }, (_, i) => 1000 + i * 7));

function pointer(versionId: string, version: string, items: number): ManifestPointer {
  return { versionId, version, contentPath: `/common/destiny2_content/sqlite/en/world_sql_content_${version}.content`, counts: { items, buckets: 1 }, activatedAt: new Date().toISOString() };
}

async function writeVersion(store: ManifestStore, version: string, rename = ''): Promise<string> {
  const versionId = await store.createVersion();
  for (let i = 0; i < HASHES.length; i += 1000) await store.writeBatch(versionId, 'items', HASHES.slice(i, i + 1000).map((h) => item(h, `Item ${h}${rename}`)));
  await store.writeBatch(versionId, 'buckets', [{ hash: 1498876634, name: 'Kinetic Weapons', scope: 0, category: 3, location: 1, itemCount: 10, bucketOrder: 10, hasTransferDestination: true }]);
  return versionId;
}

describe.each(storeBackends)('ManifestStore contract: $name', (backend) => {
  let t: TestStore;
  let v1: string;

  beforeAll(async () => {
    t = await backend.create();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('starts empty: no pointer, nothing found', async () => {
    expect(await t.store.current()).toBeNull();
    expect(await t.store.getMany('items', [1, 2])).toEqual({ pointer: null, definitions: new Map() });
  });

  it('keeps a written version invisible until the pointer flips, then serves it', async () => {
    v1 = await writeVersion(t.store, 'v1');
    expect(await t.store.current()).toBeNull();
    expect((await t.store.getMany('items', [HASHES[0]!])).definitions.size).toBe(0);
    await t.store.activate(pointer(v1, 'v1', HASHES.length));
    expect(await t.store.current()).toMatchObject({ versionId: v1, version: 'v1', counts: { items: HASHES.length } });
    const lookup = await t.store.getMany('items', [HASHES[0]!, HASHES[4999]!, 12345]);
    expect(lookup.pointer?.versionId).toBe(v1);
    expect([...lookup.definitions.keys()].sort()).toEqual([HASHES[0], HASHES[4999]].sort());
    expect(lookup.definitions.get(HASHES[0]!)).toEqual(item(HASHES[0]!));
    expect(HASHES[0]).toBeGreaterThan(0x7fff_ffff);
  });

  it('reads 600 hashes (some missing, some repeated) in ONE round trip', async () => {
    const wanted = [...HASHES.filter((_, i) => i % 8 === 0).slice(0, 590), 1, 2, 3, HASHES[0]!, HASHES[0]!];
    const trips = t.countRoundTrips();
    const lookup = await t.store.getMany('items', wanted);
    trips.stop();
    expect(trips.count).toBe(1);
    expect(lookup.definitions.size).toBe(590);
    expect(lookup.definitions.has(1)).toBe(false);
    expect((await t.store.getMany('buckets', [1498876634])).definitions.get(1498876634)?.name).toBe('Kinetic Weapons');
    expect((await t.store.getMany('items', [])).definitions.size).toBe(0);
  });

  it('keeps names beyond ASCII intact (accents, dashes, symbols, a character outside the BMP)', async () => {
    // The manifest's own names: "Xûr", "Ahamkara's Spine — Mk. II", "Vex Mythoclast ✦", an emoji.
    const names = ['Xûr', 'Ahamkara’s Spine — Mk. II', 'Vex Mythoclast ✦', 'Eyes of Tomorrow 🚀', 'Déjà vu 「ゲーム」'];
    const versionId = await t.store.createVersion();
    await t.store.writeBatch(versionId, 'items', names.map((name, i) => item(HASHES[i]!, name)));
    const read = await t.store.getManyFromVersion(versionId, 'items', HASHES.slice(0, names.length));
    expect(names.map((_, i) => read.get(HASHES[i]!)?.name)).toEqual(names);
    expect(await t.store.pruneVersions(v1)).toBe(1);
  });

  it('writes a new version beside the current one; readers see only the current until the flip', async () => {
    const v2 = await t.store.createVersion();
    await t.store.writeBatch(v2, 'items', HASHES.slice(0, 10).map((h) => item(h, 'Renamed')));
    // A refresh killed here: the previous version must stay fully readable.
    expect((await t.store.getMany('items', [HASHES[0]!])).definitions.get(HASHES[0]!)?.name).toBe(`Item ${HASHES[0]}`);
    expect((await t.store.getManyFromVersion(v2, 'items', [HASHES[0]!])).get(HASHES[0]!)?.name).toBe('Renamed');
    const v3 = await writeVersion(t.store, 'v3', ' (v3)');
    await t.store.activate(pointer(v3, 'v3', HASHES.length));
    expect((await t.store.getMany('items', [HASHES[0]!])).definitions.get(HASHES[0]!)?.name).toBe(`Item ${HASHES[0]} (v3)`);
    // The old version and the orphan of the "killed" refresh are both dropped.
    expect(await t.store.pruneVersions(v3)).toBe(2);
    expect((await t.store.getManyFromVersion(v1, 'items', [HASHES[0]!])).size).toBe(0);
    expect((await t.store.getManyFromVersion(v2, 'items', [HASHES[0]!])).size).toBe(0);
    expect((await t.store.getMany('items', HASHES.slice(0, 100))).definitions.size).toBe(100);
    expect(await t.store.pruneVersions(v3)).toBe(0);
  });

  it('lets one holder at a time take a lock; it expires; only the holder releases it', async () => {
    const other = t.another();
    const lock = await t.store.acquireLock('refresh', 60_000);
    expect(lock).not.toBeNull();
    expect(await other.acquireLock('refresh', 60_000)).toBeNull();
    expect(await lock!.extend(60_000)).toBe(true);
    await lock!.release();
    const short = await other.acquireLock('refresh', 150);
    expect(short).not.toBeNull();
    await new Promise((r) => setTimeout(r, 400));
    const next = await t.store.acquireLock('refresh', 60_000);
    expect(next).not.toBeNull();
    // The expired holder can neither extend nor release the new holder's lock.
    expect(await short!.extend(60_000)).toBe(false);
    await short!.release();
    expect(await other.acquireLock('refresh', 60_000)).toBeNull();
    await next!.release();
    await other.close();
  });

  it('tells how long a held lease lasts: it runs down, a renewal raises it, a release or lapse ends it', async () => {
    expect(await t.store.leaseState('lease')).toBeNull();
    const lock = (await t.store.acquireLock('lease', 20_000))!;
    const first = (await t.another().leaseState('lease'))!;
    expect(first.remainingMs).toBeGreaterThan(15_000);
    expect(first.remainingMs).toBeLessThanOrEqual(20_000);
    await new Promise((r) => setTimeout(r, 300));
    const later = (await t.another().leaseState('lease'))!;
    expect(later.remainingMs).toBeLessThan(first.remainingMs);
    expect(await lock.extend(20_000)).toBe(true);
    expect((await t.another().leaseState('lease'))!.remainingMs).toBeGreaterThan(later.remainingMs);
    await lock.release();
    expect(await t.store.leaseState('lease')).toBeNull();
    await t.store.acquireLock('lease', 100);
    await new Promise((r) => setTimeout(r, 300));
    expect(await t.store.leaseState('lease')).toBeNull();
  });

  it('keeps every version it is told to keep when sweeping (the current one and the one being written)', async () => {
    const current = (await t.store.current())!.versionId;
    const partial = await t.store.createVersion();
    await t.store.writeBatch(partial, 'items', HASHES.slice(0, 5).map((h) => item(h, 'Partial')));
    const writing = await t.store.createVersion();
    await t.store.writeBatch(writing, 'items', HASHES.slice(0, 5).map((h) => item(h, 'Writing')));
    expect(await t.store.pruneVersions(current, writing)).toBe(1);
    expect((await t.store.getManyFromVersion(partial, 'items', HASHES.slice(0, 5))).size).toBe(0);
    expect((await t.store.getManyFromVersion(writing, 'items', HASHES.slice(0, 5))).size).toBe(5);
    expect((await t.store.getMany('items', HASHES.slice(0, 5))).definitions.size).toBe(5);
    expect(await t.store.pruneVersions(current)).toBe(1);
  });

  it('shows the holder’s note to every process with the lease, in one round trip; a new holder starts without one', async () => {
    const lock = (await t.store.acquireLock('noted', 20_000))!;
    expect((await t.another().leaseState('noted'))?.note).toBeNull();
    expect(await lock.note('{"phase":"writing","definitionsWritten":250}')).toBe(true);
    const other = t.another();
    const trips = t.countRoundTrips();
    const seen = await t.store.leaseState('noted');
    trips.stop();
    expect(trips.count).toBe(1);
    expect(seen).toMatchObject({ note: '{"phase":"writing","definitionsWritten":250}', remainingMs: expect.any(Number) });
    expect((await other.leaseState('noted'))?.note).toBe('{"phase":"writing","definitionsWritten":250}');
    // A renewal keeps the note; a release ends both.
    expect(await lock.extend(20_000)).toBe(true);
    expect((await other.leaseState('noted'))?.note).toBe('{"phase":"writing","definitionsWritten":250}');
    await lock.release();
    expect(await other.leaseState('noted')).toBeNull();

    // A holder whose lease lapsed (a hung process) cannot write onto its successor's lease.
    const lapsing = (await t.store.acquireLock('noted', 150))!;
    expect(await lapsing.note('old')).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    const next = (await other.acquireLock('noted', 20_000))!;
    expect((await t.store.leaseState('noted'))?.note).toBeNull();
    expect(await lapsing.note('stale')).toBe(false);
    expect((await t.store.leaseState('noted'))?.note).toBeNull();
    await next.release();
  });

  it('lets exactly one of many concurrent callers take a free lock', async () => {
    const stores = [t.store, t.another(), t.another(), t.another()];
    const locks = await Promise.all(stores.map((s) => s.acquireLock('race', 60_000)));
    expect(locks.filter(Boolean)).toHaveLength(1);
    await locks.find(Boolean)?.release();
  });
});

describe('Upstash writes stay under 1 MB per request', () => {
  let t: TestStore;
  beforeAll(async () => {
    t = await storeBackends[0]!.create();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('splits a large batch into pipelined requests each under 1 MB', async () => {
    const versionId = await t.store.createVersion();
    const big = HASHES.map((h) => item(h, `Item ${h} ${'ü'.repeat(300)}`));
    const trips = t.countRoundTrips();
    await t.store.writeBatch(versionId, 'items', big);
    trips.stop();
    expect(trips.count).toBeGreaterThan(3);
    for (const body of trips.bodies) expect(Buffer.byteLength(body)).toBeLessThan(1024 * 1024);
    expect((await t.store.getManyFromVersion(versionId, 'items', HASHES)).size).toBe(HASHES.length);
  });
});

describe('Upstash check log (checks that touch no database)', () => {
  let t: TestStore;
  beforeAll(async () => {
    t = await storeBackends[0]!.create();
  });
  afterAll(async () => {
    await t?.stop();
  });

  const check = (n: number, outcome: CheckRecord['outcome'] = 'unchanged'): CheckRecord => ({
    id: newCheckId(), trigger: 'schedule', outcome, startedAt: new Date(Date.UTC(2026, 10, 30, 0, n)).toISOString(),
    finishedAt: new Date(Date.UTC(2026, 10, 30, 0, n, 1)).toISOString(), durationMs: 1000, version: `v${n}`, contentPath: `/c/${n}`, error: null,
  });

  it('reads the pointer and records the check in ONE command (a script: GET + LPUSH + LTRIM); a withdrawn check is gone', async () => {
    const log = t.store.checkLog!;
    expect(log).toBeDefined();
    const versionId = await t.store.createVersion();
    await t.store.activate(pointer(versionId, 'v1', 0));
    const first = check(1);
    const trips = t.countRoundTrips();
    const current = await log.currentRecording(first);
    trips.stop();
    expect(current?.versionId).toBe(versionId);
    expect(trips.count).toBe(1);
    // One command: EVAL with its two declared keys, the pointer and the log.
    const sent = JSON.parse(trips.bodies[0]!) as (string | number)[] | (string | number)[][];
    expect(Array.isArray(sent[0]) ? sent.length : 1).toBe(1);
    const [name, , numKeys, ...keys] = (Array.isArray(sent[0]) ? sent[0] : sent) as (string | number)[];
    expect([String(name).toUpperCase(), Number(numKeys), keys.slice(0, 2).map((k) => String(k).replace(/^.*:/, ''))]).toEqual(['EVAL', 2, ['current', 'checks']]);
    expect(await log.recent(10)).toEqual([first]);

    const second = check(2);
    await log.currentRecording(second);
    await log.record(check(3, 'failed'));
    expect((await log.recent(10)).map((c) => c.version)).toEqual(['v3', 'v2', 'v1']);
    await log.withdraw(second);
    expect((await log.recent(10)).map((c) => c.version)).toEqual(['v3', 'v1']);
    expect((await log.recent(1)).map((c) => c.outcome)).toEqual(['failed']);
  });

  it(`keeps only the newest ${CHECK_LOG_SIZE} checks`, async () => {
    const log = t.store.checkLog!;
    for (let n = 0; n < CHECK_LOG_SIZE + 10; n += 10) await Promise.all(Array.from({ length: 10 }, (_, i) => log.record(check(100 + n + i))));
    const kept = await log.recent(CHECK_LOG_SIZE * 2);
    expect(kept).toHaveLength(CHECK_LOG_SIZE);
    expect(kept.some((c) => c.version === 'v1')).toBe(false);
  });
});
