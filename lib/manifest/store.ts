import 'server-only';
import { randomBytes } from 'node:crypto';
import type { CheckRecord } from './check-log';
import type { DefinitionTables, ManifestPointer, TableName } from './types';

/** What one batched read found. */
export type DefinitionLookup<T extends TableName> = {
  /** The version the definitions came from; null before the first ingest (then nothing is found). */
  pointer: ManifestPointer | null;
  /** Found definitions by unsigned hash; a hash the manifest lacks is simply absent. */
  definitions: Map<number, DefinitionTables[T]>;
};

/** A held lock; only its holder can release or extend it. */
export type StoreLock = {
  /** Releases the lock if this holder still has it (a no-op once it expired and someone else took it). */
  release(): Promise<void>;
  /** Pushes the expiry to `ttlMs` from now; false when the lock was lost meanwhile. */
  extend(ttlMs: number): Promise<boolean>;
  /**
   * Leaves a note on the lock (the refresh's progress, JSON) that `leaseState` shows to every
   * process; it lives and dies with the lock. False when the lock was lost meanwhile.
   */
  note(text: string): Promise<boolean>;
};

/**
 * The store's own log of checks that ended before an ingest (Upstash only: there, a check must
 * not touch Postgres). The Postgres store has none; its checks are ManifestRun rows.
 */
export interface CheckLog {
  /**
   * The current pointer, read in the same round trip that records `check` as an "unchanged"
   * check (one script: GET + LPUSH + LTRIM, one billed command). When the pointer turns out not to match what Bungie
   * has, the caller `withdraw`s the entry: the ingest that follows is a ManifestRun row.
   */
  currentRecording(check: CheckRecord): Promise<ManifestPointer | null>;
  /** Removes an entry `currentRecording` added. */
  withdraw(check: CheckRecord): Promise<void>;
  /** Records a check (a failed one: Bungie could not be asked). */
  record(check: CheckRecord): Promise<void>;
  /** The newest `limit` checks, newest first. */
  recent(limit: number): Promise<CheckRecord[]>;
}

/**
 * Where compact manifest definitions live (Upstash Redis or Postgres). A version is written
 * under its own storage id while readers keep using the current one; `activate` flips the
 * pointer in one atomic write, so a refresh that dies half-way is never visible.
 */
export interface ManifestStore {
  /** Which driver this is, for logs and the admin page. */
  readonly kind: 'upstash' | 'postgres';
  /** The current version's pointer, or null before the first ingest. */
  current(): Promise<ManifestPointer | null>;
  /** Definitions of `table` for `hashes` from the current version, in ONE round trip. */
  getMany<T extends TableName>(table: T, hashes: readonly number[]): Promise<DefinitionLookup<T>>;
  /** Definitions from a given stored version (a refresh comparing old and new); also one round trip. */
  getManyFromVersion<T extends TableName>(versionId: string, table: T, hashes: readonly number[]): Promise<Map<number, DefinitionTables[T]>>;
  /** Registers a new, empty version and returns its storage id. Invisible until `activate`. */
  createVersion(): Promise<string>;
  /** Writes definitions of one table into a version that is not current yet. */
  writeBatch<T extends TableName>(versionId: string, table: T, definitions: readonly DefinitionTables[T][]): Promise<void>;
  /** Makes `pointer.versionId` current, atomically. Call only after every batch is written. */
  activate(pointer: ManifestPointer): Promise<void>;
  /**
   * Deletes every stored version but the ones named: the previous one after a flip, and — swept
   * at the start of every ingest, keeping only the current one — leftovers of refreshes that died
   * half-way. Returns how many versions it deleted.
   */
  pruneVersions(...keepVersionIds: string[]): Promise<number>;
  /** Takes the lock `name` for `ttlMs` if nobody holds it (with no note); null when someone does. */
  acquireLock(name: string, ttlMs: number): Promise<StoreLock | null>;
  /**
   * How long the lock `name` still lasts, as the store's own clock sees it, and its holder's note;
   * null when nobody holds it. One round trip.
   */
  leaseState(name: string): Promise<{ remainingMs: number; note: string | null } | null>;
  /** The check log, when checks are kept in the store instead of the database (Upstash). */
  readonly checkLog?: CheckLog;
  /** Releases connections (the Postgres driver's own client; Upstash holds none). */
  close(): Promise<void>;
}

/** A storage id for a new version: sortable by time, unique per ingest attempt. */
export function newVersionId(): string {
  return `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

/** A random holder token for a lock. */
export function newLockToken(): string {
  return randomBytes(16).toString('hex');
}
