import 'server-only';
import { getManifestStore } from '@/lib/manifest/get-store';
import type { ManifestStore } from '@/lib/manifest/store';
import type { DefinitionTables, ItemDefinition, ManifestPointer } from '@/lib/manifest/types';
import { ManifestUnavailableError } from '@/lib/manifest/unavailable';
import { log } from '@/lib/server/log';

/** The tables a page reads. */
export type PageTable = 'items' | 'buckets' | 'classes' | 'races' | 'damageTypes' | 'vendors' | 'stats';

/** Definitions a page needs, by table: the hashes its profile mentions. */
export type DefinitionNeeds = { [T in PageTable]?: readonly number[] };

/** Everything a page's transform needs from the manifest. Absent hashes are unknown to it. */
export type PageDefinitions = { [T in PageTable]: ReadonlyMap<number, DefinitionTables[T]> } & {
  /** Storage id of the manifest version the definitions came from. */
  versionId: string;
  /**
   * True when the manifest store failed and the definitions came from this process's copy of
   * that version instead (hashes it never read are then missing, shown as unknown items).
   */
  fromBackup?: boolean;
};

/** A definitions cache over one store. */
export type DefinitionCache = {
  /**
   * Definitions for `needs` from the current manifest version, or null before the first ingest.
   * Reads only hashes not cached for that version: ONE `getMany` per table (items, classes,
   * races, damage types, vendors and stats together; then buckets, which item definitions name).
   */
  load(needs: DefinitionNeeds): Promise<PageDefinitions | null>;
  /**
   * What `load` would read from now, as a short tag: the current version's storage id (the pointer
   * as cached, so at most one store read per `pointerTtlMs`), `+backup` while pages are served from
   * this process's copy, `none` before the first ingest or when the store cannot say.
   */
  versionTag(): Promise<string>;
  /** Drops everything cached, e.g. right after a refresh flipped the version. */
  forget(): void;
};

type CacheOptions = {
  store: () => Promise<ManifestStore>;
  /** How long the current pointer is trusted before asking the store again (default 15 s). */
  pointerTtlMs?: number;
  /** After the store fails, how long pages are served from the cached copy before it is asked again (default 5 s). */
  retryStoreAfterMs?: number;
  now?: () => number;
};

// A cached entry is the definition, or null for "this version lacks the hash" (never asked twice).
type TableCache = Map<number, unknown>;
type VersionCache = { versionId: string; tables: Map<PageTable, TableCache> };

const unique = (hashes: readonly number[] | undefined) => [...new Set((hashes ?? []).filter((h) => Number.isInteger(h) && h > 0))];

/**
 * An in-process cache of compact definitions keyed by manifest version. Only the current
 * version is kept; the pointer is re-read every `pointerTtlMs`, so a refresh shows up within
 * that time even if nobody calls `forget()`.
 */
export function createDefinitionCache({ store, pointerTtlMs = 15_000, retryStoreAfterMs = 5_000, now = Date.now }: CacheOptions): DefinitionCache {
  let pointer: { value: ManifestPointer; readAt: number } | undefined;
  let cache: VersionCache | undefined;
  // While the store is failing: when to ask it again (until then the cached copy serves pages).
  let storeDownUntil = 0;

  async function currentPointer(s: ManifestStore): Promise<ManifestPointer | null> {
    if (pointer && now() - pointer.readAt < pointerTtlMs) return pointer.value;
    const value = await s.current();
    pointer = value ? { value, readAt: now() } : undefined;
    return value;
  }

  function tableOf(version: VersionCache, table: PageTable): TableCache {
    let t = version.tables.get(table);
    if (!t) version.tables.set(table, (t = new Map()));
    return t;
  }

  /** Fetches the uncached hashes of one table; false when the store answered from another version. */
  async function fill(s: ManifestStore, version: VersionCache, table: PageTable, hashes: readonly number[] | undefined): Promise<boolean> {
    const t = tableOf(version, table);
    const missing = unique(hashes).filter((h) => !t.has(h));
    if (missing.length === 0) return true;
    const lookup = await s.getMany(table, missing);
    if (lookup.pointer?.versionId !== version.versionId) {
      pointer = lookup.pointer ? { value: lookup.pointer, readAt: now() } : undefined;
      return false;
    }
    for (const hash of missing) t.set(hash, lookup.definitions.get(hash) ?? null);
    return true;
  }

  function view<T extends PageTable>(version: VersionCache, table: T, hashes: readonly number[] | undefined): Map<number, DefinitionTables[T]> {
    const t = tableOf(version, table);
    const out = new Map<number, DefinitionTables[T]>();
    for (const hash of unique(hashes)) {
      const def = t.get(hash);
      if (def) out.set(hash, def as DefinitionTables[T]);
    }
    return out;
  }

  async function attempt(needs: DefinitionNeeds): Promise<PageDefinitions | null | 'version-changed'> {
    const s = await store();
    const p = await currentPointer(s);
    if (!p) return null;
    if (cache?.versionId !== p.versionId) cache = { versionId: p.versionId, tables: new Map() };
    const version = cache;
    const first = await Promise.all((['items', 'classes', 'races', 'damageTypes', 'vendors', 'stats'] as const).map((t) => fill(s, version, t, needs[t])));
    if (first.includes(false)) return 'version-changed';
    if (!(await fill(s, version, 'buckets', bucketsNeeded(view(version, 'items', needs.items), needs)))) return 'version-changed';
    return assemble(version, needs);
  }

  /** The buckets a page needs: those it names, and the slots of the items it shows. */
  function bucketsNeeded(items: ReadonlyMap<number, ItemDefinition>, needs: DefinitionNeeds): number[] {
    return [...(needs.buckets ?? []), ...[...items.values()].map((d) => d.bucketTypeHash)];
  }

  /** The page's definitions from what `version` holds (all filled from the store, or the backup copy). */
  function assemble(version: VersionCache, needs: DefinitionNeeds): PageDefinitions {
    const items = view(version, 'items', needs.items);
    return {
      versionId: version.versionId,
      items,
      buckets: view(version, 'buckets', bucketsNeeded(items, needs)),
      classes: view(version, 'classes', needs.classes),
      races: view(version, 'races', needs.races),
      damageTypes: view(version, 'damageTypes', needs.damageTypes),
      vendors: view(version, 'vendors', needs.vendors),
      stats: view(version, 'stats', needs.stats),
    };
  }

  /** What the cached copy of the current version holds for `needs` (the store is down). */
  function fromBackup(version: VersionCache, needs: DefinitionNeeds): PageDefinitions {
    return { ...assemble(version, needs), fromBackup: true };
  }

  async function fromStore(needs: DefinitionNeeds): Promise<PageDefinitions | null> {
    const first = await attempt(needs);
    if (first !== 'version-changed') return first;
    // A refresh flipped the pointer between our reads: start over once on the new version.
    cache = undefined;
    const second = await attempt(needs);
    if (second === 'version-changed') throw new Error('The manifest version changed twice while a page was reading it.');
    return second;
  }

  return {
    async load(needs) {
      if (cache && now() < storeDownUntil) return fromBackup(cache, needs);
      try {
        const defs = await fromStore(needs);
        if (storeDownUntil !== 0) log.info('The manifest store answers again; pages read from it.');
        storeDownUntil = 0;
        return defs;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        if (!cache) throw new ManifestUnavailableError(reason);
        if (storeDownUntil === 0) log.warn(`The manifest store failed (${reason}); serving manifest ${cache.versionId} from this process's copy.`);
        storeDownUntil = now() + retryStoreAfterMs;
        return fromBackup(cache, needs);
      }
    },
    async versionTag() {
      if (cache && now() < storeDownUntil) return `${cache.versionId}+backup`;
      try {
        return (await currentPointer(await store()))?.versionId ?? 'none';
      } catch {
        // `load` will say what is wrong; the tag only has to differ from a working store's.
        return 'none';
      }
    },
    forget() {
      pointer = undefined;
      cache = undefined;
    },
  };
}

type Holder = typeof globalThis & { __vaultRaiderDefinitions?: DefinitionCache };
const holder = globalThis as Holder;

function processCache(): DefinitionCache {
  holder.__vaultRaiderDefinitions ??= createDefinitionCache({ store: getManifestStore });
  return holder.__vaultRaiderDefinitions;
}

/** Definitions for a page from the process-wide cache (see `createDefinitionCache`). */
export function loadPageDefinitions(needs: DefinitionNeeds): Promise<PageDefinitions | null> {
  return processCache().load(needs);
}

/** The manifest version pages read now, as a tag (see `DefinitionCache.versionTag`). */
export function pageDefinitionsTag(): Promise<string> {
  return processCache().versionTag();
}

/** Forgets the process's cached definitions; the manifest refresh calls this after a flip. */
export function forgetPageDefinitions(): void {
  processCache().forget();
}
