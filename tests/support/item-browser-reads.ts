/**
 * What the item browser reads on its own in the background, answered as the server answers a
 * player with no loadouts, no tags or notes and no saved searches: the player's loadouts
 * (`is:inloadout`), search preferences (starred/recent searches, sort) and tags and notes.
 * Component tests that stand in for `fetch` answer these first, so the calls they record and
 * assert on are only the ones the test is about.
 */
export function itemBrowserRead(url: string, method = 'GET'): Response | undefined {
  if (method !== 'GET') return undefined;
  if (url === '/api/loadouts') return Response.json({ loadouts: [] });
  if (url === '/api/search') return Response.json({ saved: [], recent: [], sort: 'tier' });
  if (url === '/api/annotations') return Response.json({ annotations: [] });
  return undefined;
}
