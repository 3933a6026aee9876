/**
 * The header that tells the page the current version of the player's tags and notes (cloud mode,
 * lib/annotations/marks-version.ts): on `/api/profile`'s answers — 200 and 304 alike; the browser
 * copies a 304's headers onto the response it hands the page from its cache — and on
 * `/api/annotations`' own. The vault page reads the list again only when it changed
 * (components/inventory/annotation-client.ts). Absent when the version is not known: the page then
 * reads the list, as outside cloud mode on every refresh.
 */
export const MARKS_VERSION_HEADER = 'X-Marks-Version';
