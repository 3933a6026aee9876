import 'server-only';
import { Suspense, type ReactNode } from 'react';
import { getConfig } from '@/lib/config';

type Props<T> = {
  /** The page's data (a profile read), already started. */
  data: Promise<T>;
  /** What shows while `data` is still coming: the page's skeleton. */
  fallback: ReactNode;
  /** The page drawn from its data. */
  children: (value: T) => ReactNode;
};

/** `{ value }` when `data` fulfils within `ms`, `undefined` when it takes longer; a rejection within `ms` is thrown. */
async function within<T>(data: Promise<T>, ms: number): Promise<{ value: T } | undefined> {
  if (ms <= 0) return undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(resolve, ms, undefined)));
  try {
    return await Promise.race([data.then((value) => ({ value })), late]);
  } finally {
    clearTimeout(timer);
  }
}

async function Later<T>({ data, children }: Omit<Props<T>, 'fallback'>) {
  return children(await data);
}

/**
 * Draws a page in the HTML's first flush when its data comes quickly (`SKELETON_AFTER_MS`,
 * 150 ms by default), else sends the skeleton at once and streams the page when the data comes.
 *
 * Why: a page behind a Suspense boundary streams as a hidden copy that React swaps in with a
 * script at the end of the document, after the framework's scripts have run and no sooner than
 * 300 ms after the skeleton was painted (React 19.2 batches reveals: `$RC` waits for `$RT + 300`).
 * On a slowed phone that put the largest paint a second or more after the first; drawn in the
 * first flush, the content is parsed and painted before the scripts. A slow Bungie (hundreds of
 * milliseconds a profile) still gets the skeleton at once, only `SKELETON_AFTER_MS` later.
 */
export async function FirstFlush<T>({ data, fallback, children }: Props<T>) {
  const quick = await within(data, getConfig().skeletonAfterMs);
  if (quick) return children(quick.value);
  return (
    <Suspense fallback={fallback}>
      <Later data={data}>{children}</Later>
    </Suspense>
  );
}
