/**
 * How a page's view travels from the server component that built it to the client screen.
 *
 * - **A page load (HTML):** the view does not go through the RSC payload. Next inlines that payload
 *   into the HTML as JavaScript string literals, and it costs per byte: the server escapes and copies
 *   every chunk of it (~10 ms of /inventory's server time at 1,000 items), and each `"` of the view's
 *   JSON doubles. Instead the page leaves the view here, under a fresh id, for the same request's
 *   server render of the screen. That render draws the tiles from the object and writes the JSON
 *   text once, as a data block (`<script type="application/json" id=…>`, never run) beside them.
 *   The browser's first render reads that block. Only the ticket (`{ id }`) is in the RSC payload.
 * - **A client-side navigation (RSC request):** no HTML is rendered, so the ticket carries the text
 *   itself (`{ id, json }`) and nothing waits here.
 *
 * The server's two React layers load their own copies of modules, so the views wait in one map on
 * `globalThis`. An id is random and used by one request, so nothing of another request or player can
 * come out of it. A view is taken once; one nobody takes (a render that failed) is dropped after
 * `HOLD_MS`, and the oldest go when more than `MAX_HELD` wait.
 */
const HOLD_MS = 60_000;
const MAX_HELD = 32;

/** What the client screen gets in its props: the id of its data block, and the text when there is no HTML. */
export type ViewTicket = { id: string; json?: string };
/** A view waiting for its server render, and the text of its data block. */
export type HandedView<T> = { view: T; text: string };

type Held = HandedView<unknown> & { at: number };
const KEY = Symbol.for('vault-raider.view-handoff');
const held = (): Map<string, Held> => {
  const scope = globalThis as { [KEY]?: Map<string, Held> };
  return (scope[KEY] ??= new Map());
};

/**
 * JSON as the text of a `<script type="application/json">`: every `<` written `\u003c` (the same
 * character to `JSON.parse`), so no `</script>` or `<!--` in an item's name can end the block.
 */
export function dataBlockText(json: string): string {
  return json.replace(/</g, '\\u003c');
}

/**
 * The ticket for a page's client screen. `inHtml`: this request renders HTML (a page load), so the
 * view waits for that render; otherwise (a client-side navigation) the ticket carries the JSON.
 */
export function carryView(view: unknown, inHtml: boolean, now = Date.now()): ViewTicket {
  const json = JSON.stringify(view);
  const id = `vr-view-${crypto.randomUUID()}`;
  if (!inHtml) return { id, json };
  const map = held();
  for (const [key, entry] of map) if (now - entry.at > HOLD_MS) map.delete(key);
  for (const key of map.keys()) {
    if (map.size < MAX_HELD) break;
    map.delete(key);
  }
  map.set(id, { view, text: dataBlockText(json), at: now });
  return { id };
}

/** On the server, the view waiting under `id` (and no longer held), or undefined. Never in the browser. */
export function takeHandedView<T>(id: string): HandedView<T> | undefined {
  if (typeof window !== 'undefined') return undefined;
  const map = held();
  const entry = map.get(id);
  if (!entry) return undefined;
  map.delete(id);
  return { view: entry.view as T, text: entry.text };
}
