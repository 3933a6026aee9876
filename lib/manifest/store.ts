import 'server-only';
import { randomBytes } from 'node:crypto';
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
};

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
   * Deletes every stored version except `keepVersionId`: the previous one after a flip, and
   * leftovers of refreshes that died half-way. Returns how many versions it deleted.
   */
  pruneVersions(keepVersionId: string): Promise<number>;
  /** Takes the lock `name` for `ttlMs` if nobody holds it; null when someone does. */
  acquireLock(name: string, ttlMs: number): Promise<StoreLock | null>;
  /** How long the lock `name` still lasts, as the store's own clock sees it; null when nobody holds it. */
  leaseState(name: string): Promise<{ remainingMs: number } | null>;
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
