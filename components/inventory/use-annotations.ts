'use client';

import { useCallback, useLayoutEffect, useMemo, useState } from 'react';
import useSWR, { useSWRConfig } from 'swr';
import { MARKS_VERSION_HEADER } from '@/lib/annotations/marks-header';
import type { AnnotationLookup } from '@/lib/annotations/apply';
import type { Tag } from '@/lib/annotations/schemas';
import type { StoreGroup } from './item-store';
import { ANNOTATIONS_REFRESH_MS, ANNOTATIONS_URL, bulkTagItems, fetchMarks, forgetMarksVersion, lookupOf, marksOfSections, marksOutdated, patchAnnotation, withMarks } from './annotation-client';

/** A change's result: done, or the sentence saying why not. */
export type MarksOutcome = { ok: true } | { ok: false; message: string };

/** The player's tags and notes as the page shows them, and the two ways to change them. */
export type Annotations = {
  /** Instance id → tag and note. */
  marks: AnnotationLookup;
  /** Sets one item's tag and/or note: shown at once, confirmed by the server, or put back with its sentence. */
  set: (instanceId: string, change: { tag?: Tag | null; notes?: string | null }) => Promise<MarksOutcome>;
  /** One tag (or none) for many items: shown once the server has stored it. */
  tagMany: (instanceIds: string[], tag: Tag | null) => Promise<MarksOutcome>;
};

/**
 * The one source of tags and notes in the browser, shared by every item browser through SWR's
 * `/api/annotations` key: it starts from what the page's tiles carried (the server put them there
 * when it built the page), is read again when the tab regains focus and every 30 s while visible —
 * so a tag set on another device shows here at the next refresh, without a reload — and takes each
 * change of this device at once. On the vault (`followsPoll`) it has no timer of its own: the
 * vault's poll names the list's version and reads it again only when that changed
 * (`useMarksFollower`), so the page sends one request every 30 s, not two.
 */
export function useAnnotations(groups: readonly StoreGroup[], followsPoll = false): Annotations {
  // The page the server just rendered is newer than what SWR kept from the last visit: it seeds the cache.
  const [seed] = useState(() => marksOfSections(groups));
  const { data, mutate } = useSWR(ANNOTATIONS_URL, fetchMarks, {
    fallbackData: seed,
    revalidateOnMount: false,
    revalidateOnFocus: !followsPoll,
    refreshInterval: followsPoll ? 0 : ANNOTATIONS_REFRESH_MS,
    refreshWhenHidden: false,
  });
  useLayoutEffect(() => {
    // Which version the rendered tiles are is not known: the next poll reads the list once.
    forgetMarksVersion();
    void mutate(seed, { revalidate: false });
  }, [seed, mutate]);
  const record = data ?? seed;
  const marks = useMemo(() => lookupOf(record), [record]);

  const set = useCallback<Annotations['set']>(
    async (instanceId, change) => {
      let message = '';
      await mutate(
        async (current) => {
          const outcome = await patchAnnotation(instanceId, change);
          if (!outcome.ok) {
            message = outcome.error.message;
            throw outcome.error;
          }
          return withMarks(current, [outcome.data.annotation]);
        },
        {
          optimisticData: (current) => {
            const old = current?.[instanceId] ?? { tag: null, notes: null };
            return withMarks(current, [{ instanceId, tag: change.tag === undefined ? old.tag : change.tag, notes: change.notes === undefined ? old.notes : change.notes || null }]);
          },
          rollbackOnError: true,
          revalidate: false,
          populateCache: true,
        },
      ).catch(() => undefined);
      return message ? { ok: false, message } : { ok: true };
    },
    [mutate],
  );

  const tagMany = useCallback<Annotations['tagMany']>(
    async (instanceIds, tag) => {
      const outcome = await bulkTagItems(instanceIds, tag);
      if (!outcome.ok) return { ok: false, message: outcome.error.message };
      await mutate((current) => withMarks(current, outcome.data.annotations), { revalidate: false });
      return { ok: true };
    },
    [mutate],
  );

  return { marks, set, tagMany };
}

/**
 * For the vault's poll (`/api/profile`, use-live-view.ts): given each answer's headers (none when it
 * failed), reads the tags and notes again when the version the answer names is not the list's — a
 * tag set on another device, or this device's own — or when it names none (outside cloud mode,
 * the version expired, a failed poll), so another device's change shows within one refresh.
 */
export function useMarksFollower(): (headers: Headers | undefined) => void {
  const { mutate } = useSWRConfig();
  return useCallback(
    (headers) => {
      if (marksOutdated(headers?.get(MARKS_VERSION_HEADER))) void mutate(ANNOTATIONS_URL);
    },
    [mutate],
  );
}
