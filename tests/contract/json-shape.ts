/**
 * The shape of JSON values: keys and value types, recursively, merged over every sample so an
 * optional key counts once it appears anywhere. Objects keyed by ids (hashes, instance ids,
 * array indexes as keys) are maps: their entries are merged under `{id}`.
 */
export type Shape =
  | { kind: 'string' | 'number' | 'boolean' | 'null' | 'unknown' }
  | { kind: 'array'; of: Shape }
  | { kind: 'object'; keys: Map<string, Shape> }
  | { kind: 'map'; of: Shape }
  | { kind: 'mixed'; kinds: Shape[] };

const ID_KEY = /^-?\d+$/;
const UNKNOWN: Shape = { kind: 'unknown' };

/**
 * The shape of one value. `maps` names paths (as `compareShapes` prints them) of objects whose
 * keys are data rather than fields, e.g. locales or table names in the Manifest answer.
 */
export function shapeOf(value: unknown, maps: ReadonlySet<string> = new Set(), path = ''): Shape {
  if (value === null) return { kind: 'null' };
  if (Array.isArray(value)) return { kind: 'array', of: value.reduce<Shape>((s, v) => merge(s, shapeOf(v, maps, `${path}[]`)), UNKNOWN) };
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (maps.has(path) || (entries.length > 0 && entries.every(([k]) => ID_KEY.test(k)))) {
      return { kind: 'map', of: entries.reduce<Shape>((s, [, v]) => merge(s, shapeOf(v, maps, `${path}{id}`)), UNKNOWN) };
    }
    return { kind: 'object', keys: new Map(entries.map(([k, v]) => [k, shapeOf(v, maps, `${path}.${k}`)])) };
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return { kind: typeof value } as Shape;
  return UNKNOWN;
}

/** Two shapes as one: union of keys, merged element shapes. */
export function merge(a: Shape, b: Shape): Shape {
  if (a.kind === 'unknown') return b;
  if (b.kind === 'unknown') return a;
  // An empty object is an empty map as much as an object without keys.
  if (a.kind === 'object' && a.keys.size === 0 && b.kind === 'map') return b;
  if (b.kind === 'object' && b.keys.size === 0 && a.kind === 'map') return a;
  if (a.kind === 'array' && b.kind === 'array') return { kind: 'array', of: merge(a.of, b.of) };
  if (a.kind === 'map' && b.kind === 'map') return { kind: 'map', of: merge(a.of, b.of) };
  if (a.kind === 'object' && b.kind === 'object') {
    const keys = new Map(a.keys);
    for (const [k, v] of b.keys) keys.set(k, keys.has(k) ? merge(keys.get(k) as Shape, v) : v);
    return { kind: 'object', keys };
  }
  if (a.kind === b.kind && a.kind !== 'mixed') return a;
  const kinds = [...(a.kind === 'mixed' ? a.kinds : [a]), ...(b.kind === 'mixed' ? b.kinds : [b])];
  const unique = kinds.filter((k, i) => kinds.findIndex((o) => o.kind === k.kind) === i);
  return unique.length === 1 ? (unique[0] as Shape) : { kind: 'mixed', kinds: unique };
}

/** The shape of many samples (e.g. every row of a definition table). */
export const shapeOfAll = (values: Iterable<unknown>): Shape => [...values].reduce<Shape>((s, v) => merge(s, shapeOf(v)), UNKNOWN);

const typeName = (s: Shape): string => (s.kind === 'mixed' ? s.kinds.map(typeName).sort().join('|') : s.kind);

/** One difference between a recorded shape and the simulator's, at a JSON path. */
export type ShapeDifference = { path: string; problem: 'missing in simulator' | 'only in simulator' | 'type differs'; recorded: string; simulator: string };

/**
 * Where the simulator's shape differs from the recorded one. A null or empty value on either
 * side matches anything (Bungie sends null for absent optional objects).
 */
export function compareShapes(recorded: Shape, simulated: Shape, path = ''): ShapeDifference[] {
  const r = recorded.kind === 'object' && recorded.keys.size === 0 ? UNKNOWN : recorded;
  const s = simulated.kind === 'object' && simulated.keys.size === 0 ? UNKNOWN : simulated;
  if (r.kind === 'unknown' || s.kind === 'unknown' || r.kind === 'null' || s.kind === 'null') return [];
  if (r.kind === 'object' && s.kind === 'object') {
    const out: ShapeDifference[] = [];
    for (const [k, v] of r.keys) {
      const other = s.keys.get(k);
      if (other === undefined) out.push({ path: `${path}.${k}`, problem: 'missing in simulator', recorded: typeName(v), simulator: '-' });
      else out.push(...compareShapes(v, other, `${path}.${k}`));
    }
    for (const [k, v] of s.keys) if (!r.keys.has(k)) out.push({ path: `${path}.${k}`, problem: 'only in simulator', recorded: '-', simulator: typeName(v) });
    return out;
  }
  if (r.kind === 'array' && s.kind === 'array') return compareShapes(r.of, s.of, `${path}[]`);
  if (r.kind === 'map' && s.kind === 'map') return compareShapes(r.of, s.of, `${path}{id}`);
  if (r.kind === 'mixed' || s.kind === 'mixed') {
    const rk = new Set(typeName(r).split('|'));
    if (typeName(s).split('|').every((k) => rk.has(k) || k === 'null')) return [];
  }
  if (r.kind === s.kind) return [];
  return [{ path: path || '/', problem: 'type differs', recorded: typeName(r), simulator: typeName(s) }];
}
