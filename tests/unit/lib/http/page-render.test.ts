import { describe, expect, it } from 'vitest';
import { rendersHtml } from '@/lib/http/page-render';

// A page load renders HTML (its view can travel as a data block); Next's client-side navigations
// and prefetches ask for the RSC payload alone with `RSC: 1` (no HTML: the view must be in the payload).
describe('whether a page request renders HTML', () => {
  it('is true for a page load and false for an RSC request', () => {
    expect(rendersHtml(new Headers({ accept: 'text/html' }))).toBe(true);
    expect(rendersHtml(new Headers({ rsc: '1', 'next-router-state-tree': '%5B%5D' }))).toBe(false);
    expect(rendersHtml(new Headers({ RSC: '1' }))).toBe(false);
  });
});
