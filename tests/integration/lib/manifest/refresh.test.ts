import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBungieSim, type BungieSim } from '@/dev/bungie-sim/index';
import { generateCharacterOnlyDefinitions } from '@/dev/bungie-sim/manifest/item-generator';
import { plugDefinitions } from '@/dev/bungie-sim/manifest/plug-definitions';
import { currencyDefinitions } from '@/dev/bungie-sim/manifest/currencies';
import { resetConfigForTests } from '@/lib/config';
import { COMPACT_FORMAT } from '@/lib/manifest/compact';
import { LAPSED_RUN_ERROR, LEASE_NAME } from '@/lib/manifest/lease';
import { refreshManifest, type RefreshOptions, type RefreshProgress } from '@/lib/manifest/refresh';
import type { ManifestStore } from '@/lib/manifest/store';
import { storeBackends, type TestStore } from '@/tests/support/manifest-stores';

// The generated items, the character-only ones (subclasses, engrams, ...), the currencies vendors
// charge and the plugs weapons roll (item definitions too).
const ITEM_DEFINITIONS = 1200 + generateCharacterOnlyDefinitions(1).length + currencyDefinitions().length + plugDefinitions().length;

const ITEMS = 'DestinyInventoryItemDefinition';
const WRITES = new Set(['createVersion', 'writeBatch', 'activate', 'pruneVersions', 'acquireLock']);

/** Wraps a store to record the versions it created. */
function tracked(store: ManifestStore): { store: ManifestStore; created: string[] } {
  const created: string[] = [];
  const proxy = new Proxy(store, {
    get(target, key, receiver) {
      if (key !== 'createVersion') return Reflect.get(target, key, receiver) as unknown;
      return async () => {
        const id = await target.createVersion();
        created.push(id);
        return id;
      };
    },
  });
  return { store: proxy, created };
}

/** Wraps a store to record which of its methods were called. */
function spied(store: ManifestStore): { store: ManifestStore; calls: string[] } {
  const calls: string[] = [];
  const proxy = new Proxy(store, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.push(String(key));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: proxy, calls };
}

describe.each(storeBackends)('refreshManifest against the Bungie simulator: $name', (backend) => {
  let sim: BungieSim;
  let t: TestStore;
  const server = setupServer();
  const itemHashes = () => [...(sim.manifest.tables.get(ITEMS)?.keys() ?? [])];
  const run = (extra: Partial<RefreshOptions> = {}) => refreshManifest({ store: t.store, prisma: t.prisma, trigger: 'test', batchSize: 250, ...extra });

  beforeAll(async () => {
    process.env.BUNGIE_SIMULATOR_URL = 'http://bungie.sim.test';
    resetConfigForTests();
    sim = createBungieSim({ itemCount: 1200 });
    server.use(...sim.handlers);
    // The bridge and the databases are real servers on 127.0.0.1: let those through.
    server.listen({ onUnhandledRequest: 'bypass' });
    t = await backend.create();
  });
  afterAll(async () => {
    server.close();
    await t?.stop();
    delete process.env.BUNGIE_SIMULATOR_URL;
    resetConfigForTests();
  });

  it('ingests the first version: compact definitions with unsigned hashes, run recorded, progress reported', async () => {
    const progress: RefreshProgress[] = [];
    const result = await run({ onProgress: (p) => progress.push(p) });
    expect(result).toMatchObject({ outcome: 'updated', version: sim.manifest.version, previousVersion: null, items: { added: ITEM_DEFINITIONS, changed: 0, removed: 0 } });
    expect(new Set(progress.map((p) => p.phase))).toEqual(new Set(['checking', 'downloading', 'writing', 'activating', 'pruning', 'done']));
    expect(progress.filter((p) => p.phase === 'writing').at(-1)?.definitionsWritten).toBe(result.outcome === 'updated' ? result.definitionsWritten : -1);

    const pointer = await t.store.current();
    expect(pointer).toMatchObject({ version: sim.manifest.version, counts: { items: ITEM_DEFINITIONS, buckets: expect.any(Number), classes: 3, races: 3, vendors: 4 } });
    const high = itemHashes().filter((h) => h > 0x7fff_ffff).slice(0, 50);
    expect(high.length).toBe(50);
    const { definitions } = await t.store.getMany('items', high);
    expect(definitions.size).toBe(50);
    const raw = sim.manifest.tables.get(ITEMS)?.get(high[0]!) as { displayProperties: { name: string }; inventory: { tierTypeName: string; bucketTypeHash: number } };
    expect(definitions.get(high[0]!)).toMatchObject({ hash: high[0], name: raw.displayProperties.name, tierTypeName: raw.inventory.tierTypeName, bucketTypeHash: raw.inventory.bucketTypeHash });
    // An exotic weapon, picked from the published table: its unique label (one exotic weapon equipped at a time) must survive compaction.
    type RawItem = { itemType: number; inventory?: { tierType: number }; equippingBlock?: { uniqueLabel: string } };
    const exoticHash = [...(sim.manifest.tables.get(ITEMS) as Map<number, RawItem>)].find(([, d]) => d.itemType === 3 && d.inventory?.tierType === 6)?.[0];
    expect(exoticHash).toBeDefined();
    const exoticRaw = sim.manifest.tables.get(ITEMS)?.get(exoticHash!) as RawItem;
    expect(exoticRaw.equippingBlock?.uniqueLabel).toBeTruthy();
    const exotic = (await t.store.getMany('items', [exoticHash!])).definitions.get(exoticHash!);
    expect(exotic).toMatchObject({ hash: exoticHash, tierType: 6, itemType: 3, uniqueLabel: exoticRaw.equippingBlock!.uniqueLabel });

    const runRow = await t.prisma.manifestRun.findUniqueOrThrow({ where: { id: (result as { runId: string }).runId } });
    expect(runRow).toMatchObject({ outcome: 'updated', trigger: 'test', version: sim.manifest.version, itemsAdded: ITEM_DEFINITIONS, error: null });
    expect(runRow.definitionsWritten).toBeGreaterThan(ITEM_DEFINITIONS);
    expect(runRow.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('stops after ONE request to Bungie and writes nothing when version and content path match', async () => {
    const before = sim.stats.total;
    const { store, calls } = spied(t.store);
    const result = await run({ store });
    expect(result).toMatchObject({ outcome: 'unchanged', version: sim.manifest.version });
    expect(sim.stats.total - before).toBe(1);
    expect(calls.filter((c) => WRITES.has(c))).toEqual([]);
    if (t.store.checkLog) {
      // Upstash: the check is an entry of the store's check log, not a database row.
      expect(await t.prisma.manifestRun.count({ where: { outcome: 'unchanged' } })).toBe(0);
      expect((await t.store.checkLog.recent(5)).map((c) => [c.id, c.outcome, c.version])).toEqual([[(result as { runId: string }).runId, 'unchanged', sim.manifest.version]]);
    } else {
      expect(await t.prisma.manifestRun.count({ where: { outcome: 'unchanged' } })).toBe(1);
    }
  });

  it('ingests a newly published version, flips the pointer, reports the item diff and drops the old version', async () => {
    const old = await t.store.current();
    const { version, changes } = sim.controls.publishManifest({ add: 7, modify: 4, remove: 3 });
    const result = await run();
    expect(result).toMatchObject({
      outcome: 'updated', version, previousVersion: old?.version,
      items: { added: 7, changed: new Set(changes.modified).size, removed: changes.removed.length },
    });
    const now = await t.store.current();
    expect(now?.versionId).not.toBe(old?.versionId);
    const { definitions } = await t.store.getMany('items', [...changes.added, ...changes.removed, changes.modified[0]!]);
    expect(changes.added.every((h) => definitions.has(h))).toBe(true);
    expect(changes.removed.some((h) => definitions.has(h))).toBe(false);
    expect(definitions.get(changes.modified[0]!)?.name).toMatch(/\(Rev 1\)$/);
    expect((await t.store.getManyFromVersion(old!.versionId, 'items', itemHashes().slice(0, 20))).size).toBe(0);
  });

  it('ingests a new content path even when Bungie keeps the version string', async () => {
    const old = await t.store.current();
    const { version } = sim.controls.publishManifest({ sameVersionString: true, add: 1, modify: 0, remove: 0 });
    expect(version).toBe(old?.version);
    expect(await run()).toMatchObject({ outcome: 'updated', items: { added: 1, changed: 0, removed: 0 } });
    expect((await t.store.current())?.contentPath).not.toBe(old?.contentPath);
  });

  it('ingests Bungie’s same manifest again when the stored version was compacted in an older format, then stops at one request', async () => {
    const current = (await t.store.current())!;
    expect(current.format).toBe(COMPACT_FORMAT);
    // A version written before the format existed (as an upgraded deployment finds it): no `format`.
    const { format: _written, ...older } = current;
    await t.store.activate(older);
    expect((await t.store.current())?.format ?? 1).toBe(1);
    const result = await run();
    expect(result).toMatchObject({ outcome: 'updated', version: current.version, items: { added: 0, changed: 0, removed: 0 } });
    const now = await t.store.current();
    expect(now).toMatchObject({ version: current.version, contentPath: current.contentPath, format: COMPACT_FORMAT });
    expect(now?.versionId).not.toBe(current.versionId);
    expect(await run()).toMatchObject({ outcome: 'unchanged' });
  });

  it('a refresh killed after some batches leaves the previous version current and fully readable', async () => {
    const old = (await t.store.current())!;
    const oldHashes = itemHashes();
    sim.controls.publishManifest({ add: 5, modify: 5, remove: 2 });
    let batches = 0;
    const killed = run({ afterBatch: () => { if (++batches === 3) throw new Error('killed mid-refresh'); } });
    await expect(killed).rejects.toThrow('killed mid-refresh');
    expect(batches).toBe(3);
    expect(await t.store.current()).toEqual(old);
    const { pointer, definitions } = await t.store.getMany('items', oldHashes);
    expect(pointer?.versionId).toBe(old.versionId);
    expect(definitions.size).toBe(old.counts.items);
    const failed = await t.prisma.manifestRun.findFirstOrThrow({ where: { outcome: 'failed' }, orderBy: { startedAt: 'desc' } });
    // Three batches of 250 were written (invisibly) before the kill.
    expect(failed).toMatchObject({ error: 'killed mid-refresh', definitionsWritten: 750 });

    // Stopped through its abort signal instead: the same guarantee.
    const controller = new AbortController();
    await expect(run({ signal: controller.signal, afterBatch: () => controller.abort(new Error('stopped by admin')) })).rejects.toThrow('stopped by admin');
    expect(await t.store.current()).toEqual(old);

    // The lock was released: the next refresh runs, and cleans up the orphans of both.
    const next = await run();
    expect(next.outcome).toBe('updated');
    expect((await t.store.getManyFromVersion(old.versionId, 'items', oldHashes.slice(0, 5))).size).toBe(0);
  });

  it('every ingest first sweeps versions that are neither current nor its own: a killed write’s partial version is gone before the next one writes', async () => {
    const old = (await t.store.current())!;
    sim.controls.publishManifest({ add: 3, modify: 3, remove: 1 });
    const { store, created } = tracked(t.store);
    let batches = 0;
    await expect(run({ store, afterBatch: () => { if (++batches === 2) throw new Error('killed mid-write'); } })).rejects.toThrow('killed mid-write');
    const partial = created.at(-1)!;
    const sample = itemHashes().slice(0, 200);
    expect((await t.store.getManyFromVersion(partial, 'items', sample)).size).toBeGreaterThan(0);
    expect(await t.storedVersions()).toEqual([old.versionId, partial].sort());

    // The next ingest: at its first batch the partial version is already gone.
    const next = tracked(t.store);
    const seenAtFirstBatch: { partialLeft: number; versions: string[] }[] = [];
    const result = await run({
      store: next.store,
      afterBatch: async () => {
        if (seenAtFirstBatch.length > 0) return;
        seenAtFirstBatch.push({ partialLeft: (await t.store.getManyFromVersion(partial, 'items', sample)).size, versions: await t.storedVersions() });
      },
    });
    expect(result.outcome).toBe('updated');
    expect(seenAtFirstBatch[0]!.partialLeft).toBe(0);
    const writing = next.created.at(-1)!;
    expect(seenAtFirstBatch[0]!.versions).toEqual([old.versionId, writing].sort());
    // One version is stored again (in Redis: its memory back to one version's keys), the new current one.
    expect(await t.storedVersions()).toEqual([writing]);
    expect((await t.store.current())?.versionId).toBe(writing);
  });

  it('notes its progress on the lease, where another process reads it; the note goes with the lease', async () => {
    sim.controls.publishManifest({ add: 2 });
    const other = t.another();
    const notes: unknown[] = [];
    const result = await run({
      jobId: 'job-1',
      afterBatch: async () => {
        // Past the one-a-second throttle: each look may see a newer count.
        await new Promise((r) => setTimeout(r, 400));
        const note = (await other.leaseState(LEASE_NAME))?.note;
        notes.push(note ? JSON.parse(note) : null);
      },
    });
    expect(result.outcome).toBe('updated');
    expect(notes[0]).toMatchObject({ id: 'job-1', trigger: 'test', startedAt: expect.any(String), progress: { phase: 'writing', definitionsWritten: 250 } });
    const counts = notes.map((n) => (n as { progress: { definitionsWritten: number } }).progress.definitionsWritten);
    expect(counts.at(-1)).toBeGreaterThan(counts[0]!);
    expect(await other.leaseState(LEASE_NAME)).toBeNull();
  });

  it('refuses an oversized download without touching the current version', async () => {
    const old = await t.store.current();
    sim.controls.publishManifest();
    await expect(run({ download: { maxDownloadBytes: 10_000 } })).rejects.toThrow(/cap/);
    expect(await t.store.current()).toEqual(old);
  });

  it('records a failed run when Bungie is down for maintenance', async () => {
    sim.controls.setMaintenance(true);
    try {
      await expect(run()).rejects.toThrow();
    } finally {
      sim.controls.setMaintenance(false);
    }
    if (t.store.checkLog) {
      // A check that failed before any ingest began is a check-log entry (Upstash), not a row.
      const [failed] = await t.store.checkLog.recent(1);
      expect(failed).toMatchObject({ outcome: 'failed', version: null, error: expect.stringMatching(/.+/) });
    } else {
      const failed = await t.prisma.manifestRun.findFirstOrThrow({ where: { outcome: 'failed' }, orderBy: { startedAt: 'desc' } });
      expect(failed.version).toBeNull();
    }
  });

  it('of two concurrent refreshes, one runs and the other reports "already running"', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let firstBatch!: () => void;
    const writing = new Promise<void>((resolve) => (firstBatch = resolve));
    // A short lease renewed every 2 s: the second run sees it renewed, so its holder lives.
    const first = run({ lockTtlMs: 6000, afterBatch: async () => { firstBatch(); await held; } });
    await writing;
    const second = await refreshManifest({ store: t.another(), prisma: t.prisma, trigger: 'test' });
    expect(second).toEqual({ outcome: 'already-running' });
    // Held past its first lease several times over: renewals kept it.
    await new Promise((r) => setTimeout(r, 7000));
    release();
    expect((await first).outcome).toBe('updated');
    expect(await t.store.leaseState(LEASE_NAME)).toBeNull();
  });

  it('a run whose process died (lease never renewed, history row left running) is marked failed by the next, which proceeds', async () => {
    sim.controls.publishManifest({ add: 1 });
    const old = await t.store.current();
    // What a SIGKILLed run leaves: its lease, running out, and its history row saying "running".
    expect(await t.store.acquireLock(LEASE_NAME, 1500)).not.toBeNull();
    const dead = await t.prisma.manifestRun.create({ data: { trigger: 'schedule', version: sim.manifest.version } });
    const started = Date.now();
    const next = await run();
    expect(next.outcome).toBe('updated');
    // It waited for the dead lease to lapse, not for the 10 minutes a long lock would have cost.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect((await t.store.current())?.versionId).not.toBe(old?.versionId);
    expect(await t.prisma.manifestRun.findUniqueOrThrow({ where: { id: dead.id } })).toMatchObject({ outcome: 'failed', error: LAPSED_RUN_ERROR, finishedAt: expect.any(Date) });
  });
});
