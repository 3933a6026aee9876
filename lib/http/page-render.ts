/**
 * Whether a page request renders HTML (a page load) rather than only the RSC payload (a client-side
 * navigation or prefetch, which Next marks with the `RSC: 1` header). A page that hands data to its
 * client screen outside the RSC payload (view-handoff.ts) can only do so in HTML.
 */
export function rendersHtml(headers: Pick<Headers, 'get'>): boolean {
  return headers.get('rsc') !== '1';
}
