/**
 * The text a page hands its view to the browser in (`initialJson`, see
 * components/inventory/use-live-view.ts): the view's JSON with every array of objects written as
 * a table — its keys once, then one row of values per object — instead of repeating each key in
 * each object. A vault of 1,000 tiles repeats some twenty keys 1,000 times: a third of the JSON,
 * and more in the HTML, where the RSC payload escapes each quote. Pure: the server packs, the
 * browser unpacks at the one place it parses the text, so components see the view's own shape.
 */

/** Marks packed text (the top-level object); text without it is plain JSON, read as it is. */
const PACKED = '@packed';
/** Marks a table: `{ "@k": keys, "r": rows }`. No view has a key of that name (`packView` refuses one). */
const TABLE = '@k';
/** A row longer than its keys ends with a bit mask of the keys its object lacks (so at most 31 keys a table). */
const MAX_KEYS = 31;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Table = { [TABLE]: string[]; r: Json[][] };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function packValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.length >= 2 && value.every(isPlainObject) ? packRows(value) : value.map(packValue);
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (key === TABLE || key === PACKED) throw new Error(`a view cannot hold the key ${key}`);
    if (value[key] !== undefined) out[key] = packValue(value[key]);
  }
  return out;
}

function packRows(objects: Record<string, unknown>[]): unknown {
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const object of objects) {
    for (const key of Object.keys(object)) {
      if (seen.has(key) || object[key] === undefined) continue;
      if (key === TABLE || key === PACKED) throw new Error(`a view cannot hold the key ${key}`);
      seen.add(key);
      keys.push(key);
    }
  }
  if (keys.length > MAX_KEYS) return objects.map(packValue);
  const rows = objects.map((object) => {
    const row: unknown[] = new Array(keys.length);
    let absent = 0;
    for (let i = 0; i < keys.length; i++) {
      const value = object[keys[i]!];
      if (value === undefined) {
        absent |= 1 << i;
        row[i] = 0;
      } else row[i] = packValue(value);
    }
    if (absent !== 0) row.push(absent);
    return row;
  });
  return { [TABLE]: keys, r: rows };
}

/** The view as packed JSON text (`unpackView` reads it back, equal to `JSON.parse(JSON.stringify(view))`). */
export function packView(view: object): string {
  return JSON.stringify({ [PACKED]: 1, v: packValue(view) });
}

function unpackValue(value: Json): Json {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = unpackValue(value[i]!);
    return value;
  }
  if (value === null || typeof value !== 'object') return value;
  if (TABLE in value) return unpackTable(value as unknown as Table);
  for (const key of Object.keys(value)) value[key] = unpackValue(value[key]!);
  return value;
}

function unpackTable({ [TABLE]: keys, r: rows }: Table): Json[] {
  const n = keys.length;
  return rows.map((row) => {
    const absent = row.length > n ? (row[n] as number) : 0;
    const object: { [key: string]: Json } = {};
    for (let i = 0; i < n; i++) if ((absent & (1 << i)) === 0) object[keys[i]!] = unpackValue(row[i]!);
    return object;
  });
}

/** The view `text` holds: packed text (`packView`) unpacked, plain JSON as it is. */
export function unpackView<T>(text: string): T {
  const parsed = JSON.parse(text) as Json;
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed) || parsed[PACKED] !== 1) return parsed as T;
  return unpackValue(parsed.v!) as T;
}
