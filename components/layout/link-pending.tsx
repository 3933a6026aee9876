'use client';
import { useLinkStatus } from 'next/link';

/**
 * Inside a `<Link>`: a small dot that shows while the navigation it started is on its way. The
 * item pages prefetch no loading skeleton (they wait up to `SKELETON_AFTER_MS` for Bungie first,
 * components/layout/first-flush.tsx), so this is the tap's answer until the page or its skeleton
 * comes. Shown only after 100 ms: a quick navigation does not flash it.
 */
export function LinkPending() {
  const { pending } = useLinkStatus();
  return <span aria-hidden="true" data-pending={pending || undefined} className={`h-1.5 w-1.5 shrink-0 rounded-full bg-current transition-opacity ${pending ? 'animate-pulse opacity-100 delay-100' : 'opacity-0'}`} />;
}
