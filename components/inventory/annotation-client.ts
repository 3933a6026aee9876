/** The tag and note routes as the browser calls them, and the client's map of them (pure helpers). */
import { fetchJson, tryFetchJson, type Outcome } from '@/components/fetch-json';
import { MARKS_VERSION_HEADER } from '@/lib/annotations/marks-header';
import type { Annotation, Tag } from '@/lib/annotations/schemas';
import type { AnnotationLookup } from '@/lib/annotations/apply';
import type { BucketSection } from '@/lib/inventory/types';

/** The list route: also the SWR key every item browser shares. */
export const ANNOTATIONS_URL = '/api/annotations';
/** Tags and notes set on another device show here at the next refresh: the vault's 30 s. */
export const ANNOTATIONS_REFRESH_MS = 30_000;

/** What the client keeps of one item: its tag and its note. */
export type Marks = { tag: Tag | null; notes: string | null };
/**
 * Instance id → marks; an item without marks is absent. A plain object, not a Map: SWR compares
 * its data deeply, and two Maps compare equal (no own keys), so a changed Map would never render.
 */
export type MarksRecord = Readonly<Record<string, Marks>>;

/** The marks the page's tiles arrived with (the server put them there). */
export function marksOfSections(groups: readonly { sections: readonly BucketSection[] }[]): MarksRecord {
  const marks: Record<string, Marks> = {};
  for (const g of groups) for (const s of g.sections) for (const t of s.items) if (t.instanceId && (t.tag || t.notes)) marks[t.instanceId] = { tag: t.tag ?? null, notes: t.notes ?? null };
  return marks;
}

/** The marks with these items' replaced (an item left with neither drops out). */
export function withMarks(marks: MarksRecord | undefined, updates: readonly Pick<Annotation, 'instanceId' | 'tag' | 'notes'>[]): MarksRecord {
  const next: Record<string, Marks> = { ...marks };
  for (const u of updates) {
    if (u.tag || u.notes) next[u.instanceId] = { tag: u.tag, notes: u.notes };
    else delete next[u.instanceId];
  }
  return next;
}

/** The marks as the tiles' lookup (lib/annotations/apply.ts). */
export function lookupOf(marks: MarksRecord): AnnotationLookup {
  return new Map(Object.entries(marks));
}

/**
 * The version (`X-Marks-Version`, lib/annotations/marks-header.ts) of the list SWR holds under
 * `ANNOTATIONS_URL`, as its last read said; null when not known (never read, not said outside
 * cloud mode, or the list was seeded from the page's tiles). One per tab, like SWR's cache.
 */
let listVersion: string | null = null;

/** SWR's fetcher of the list route; notes the list's version. */
export async function fetchMarks(url: string): Promise<MarksRecord> {
  let version: string | null = null;
  const { annotations } = await fetchJson<{ annotations: Annotation[] }>(url, { onHeaders: (headers) => (version = headers.get(MARKS_VERSION_HEADER)) });
  listVersion = version;
  return withMarks({}, annotations);
}

/** Whether the version a vault poll named says the list is out of date: another one, or not known on either side. */
export function marksOutdated(polled: string | null | undefined): boolean {
  return !polled || polled !== listVersion;
}

/** The list was replaced by the tiles the server rendered: which version they are is not known until the next read. */
export function forgetMarksVersion(): void {
  listVersion = null;
}

/** Sets one item's tag and/or note (`null`, or an empty note, clears). */
export function patchAnnotation(instanceId: string, body: { tag?: Tag | null; notes?: string | null }): Promise<Outcome<{ annotation: Annotation }>> {
  return tryFetchJson(`${ANNOTATIONS_URL}/${encodeURIComponent(instanceId)}`, { method: 'PATCH', body });
}

/** One tag (or none) for many items. */
export function bulkTagItems(instanceIds: string[], tag: Tag | null): Promise<Outcome<{ annotations: Annotation[] }>> {
  return tryFetchJson(`${ANNOTATIONS_URL}/bulk`, { method: 'POST', body: { instanceIds, tag } });
}
