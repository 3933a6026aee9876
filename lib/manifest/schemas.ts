import 'server-only';
import { z } from 'zod';
import type { DefinitionTables, ManifestPointer, TableName } from './types';

// Definitions read back from a store are parsed: a store shared with an older deploy, or a
// hand-edited row, must fail loudly here rather than deep inside a page.
const hash = z.number().int().min(0).max(0xffffffff);

const item = z.object({
  hash, name: z.string(), icon: z.string(), itemTypeDisplayName: z.string(), tierType: z.number().int(), tierTypeName: z.string(),
  bucketTypeHash: hash, itemType: z.number().int(), itemSubType: z.number().int(), classType: z.number().int(), equippable: z.boolean(),
  defaultDamageType: z.number().int(), uniqueLabel: z.string(), maxStackSize: z.number().int(), isInstanceItem: z.boolean(),
  nonTransferrable: z.boolean(), redacted: z.boolean(), description: z.string().optional(), season: z.number().int().optional(),
  statBonuses: z.record(z.string().regex(/^\d+$/), z.number().int()).optional(),
});
const bucket = z.object({
  hash, name: z.string(), scope: z.number().int(), category: z.number().int(), location: z.number().int(), itemCount: z.number().int(),
  bucketOrder: z.number().int(), hasTransferDestination: z.boolean(),
});
const named = { hash, name: z.string() };

/** A zod schema per compact table, checked against the documented types in types.ts. */
export const definitionSchemas: { readonly [T in TableName]: z.ZodType<DefinitionTables[T]> } = {
  items: item,
  buckets: bucket,
  classes: z.object({ ...named, classType: z.number().int() }),
  races: z.object({ ...named, raceType: z.number().int() }),
  damageTypes: z.object({ ...named, enumValue: z.number().int(), icon: z.string() }),
  vendors: z.object({ ...named, subtitle: z.string(), icon: z.string() }),
  stats: z.object({ ...named, description: z.string(), icon: z.string() }),
};

/** The stored pointer. */
export const pointerSchema: z.ZodType<ManifestPointer> = z.object({
  versionId: z.string().min(1),
  version: z.string(),
  contentPath: z.string(),
  counts: z.partialRecord(z.enum(['items', 'buckets', 'classes', 'races', 'damageTypes', 'vendors', 'stats']), z.number().int()),
  activatedAt: z.string(),
  format: z.number().int().positive().optional(),
});

/** Parses one stored definition of `table`; throws a ZodError naming the bad field. */
export function parseDefinition<T extends TableName>(table: T, value: unknown): DefinitionTables[T] {
  return definitionSchemas[table].parse(value);
}
