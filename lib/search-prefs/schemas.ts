import { z } from 'zod';

/** Longest query kept, in characters. */
export const MAX_QUERY_LENGTH = 500;
/** Most starred searches one player keeps. */
export const MAX_SAVED = 50;
/** How many recent searches are kept. */
export const MAX_RECENT = 10;
/** The sort orders the item pages offer (components/inventory/sorting.ts). */
export const SORT_KEYS = ['tier', 'power', 'name', 'type'] as const;

const query = z
  .string()
  .trim()
  .min(1, 'a search needs some text')
  .max(MAX_QUERY_LENGTH, `a search has at most ${MAX_QUERY_LENGTH} characters`)
  .refine((q) => !/[\u0000-\u001f\u007f]/.test(q), 'a search cannot contain control characters');

/** `POST /api/search`: star or unstar a query, note one as run, or remember the sort order. */
export const searchPrefsSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('save'), query }).strict(),
  z.object({ action: z.literal('unsave'), query }).strict(),
  z.object({ action: z.literal('recent'), query }).strict(),
  z.object({ action: z.literal('sort'), sort: z.enum(SORT_KEYS) }).strict(),
]);

export type SearchPrefsInput = z.infer<typeof searchPrefsSchema>;
export type SortChoice = (typeof SORT_KEYS)[number];

/** What `GET /api/search` (and every POST) answers: the player's searches and sort order. */
export type SearchPrefsView = {
  /** Starred queries, newest first. */
  saved: string[];
  /** The last ten queries run, newest first. */
  recent: string[];
  sort: SortChoice;
};
