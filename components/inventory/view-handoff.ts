/**
 * A page's view, handed from the server component that built it to the same request's server
 * render of the client screen, so that render does not `JSON.parse` again the text the server
 * component has just made with `JSON.stringify` (2–3 ms of /inventory's server time at 1,000
 * items). The browser still gets the text (the `initialJson` prop) and parses it: nothing here
 * runs there (`handOffView` is called by server components only, and the browser's map stays empty).
 *
 * The server's two React layers load their own copies of modules, so the views wait in one map on
 * `globalThis`, keyed by their JSON text itself: a render finds the view only under the very text
 * it was given, which is `JSON.parse` of that text — nothing of another request or player can come
 * out of it. A view is taken once; one nobody takes (a client-side navigation renders no HTML) is
 * dropped after `HOLD_MS` or when more than `MAX_HELD` wait.
 */
import { packView, unpackView } from '@/lib/inventory/view-wire';

const HOLD_MS = 10_000;
const MAX_HELD = 16;

type Held = { view: unknown; at: number };
const KEY = Symbol.for('vault-raider.view-handoff');
const held = (): Map<string, Held> => {
  const scope = globalThis as { [KEY]?: Map<string, Held> };
  return (scope[KEY] ??= new Map());
};

/**
 * The view's JSON text, packed (lib/inventory/view-wire.ts: about a quarter of the plain JSON), for
 * the client screen's `initialJson`; the view waits for this request's server render.
 */
export function handOffView(view: unknown, now = Date.now()): string {
  const json = JSON.stringify(packView(view));
  const map = held();
  for (const [text, entry] of map) if (now - entry.at > HOLD_MS || map.size >= MAX_HELD) map.delete(text);
  map.set(json, { view, at: now });
  return json;
}

/** The view handed off under exactly `json` (and no longer held), or undefined. */
export function takeHandedView<T>(json: string): T | undefined {
  if (typeof window !== 'undefined') return undefined;
  const map = held();
  const entry = map.get(json);
  if (!entry) return undefined;
  map.delete(json);
  return entry.view as T;
}

/** The view behind a page's `initialJson`: the very object on the server, unpacked from the text in the browser. */
export function readHandedView<T>(json: string): T {
  return takeHandedView<T>(json) ?? unpackView<T>(JSON.parse(json));
}
