/**
 * The CSV export of a player's items with their tags and notes (pure). RFC 4180: comma-separated,
 * CRLF line ends, a field quoted when it holds a comma, a quote or a line break (quotes doubled).
 * A text field a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage
 * return) gets a leading apostrophe, so a note like `=HYPERLINK(…)` is shown, never evaluated.
 */
import type { ItemTile } from '@/lib/inventory/types';

/** The columns, DIM's names where it has the same one. */
export const CSV_COLUMNS = ['Name', 'Hash', 'Id', 'Tag', 'Notes', 'Type', 'Tier', 'Element', 'Power', 'Location', 'Equipped', 'Locked', 'Masterwork', 'Quantity'] as const;

const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;

/** One field: guarded against formulas (text only), then quoted when it needs to be. */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record (no line end). */
export function csvRow(values: readonly (string | number | boolean | null | undefined)[]): string {
  return values.map(csvField).join(',');
}

/** One item as a row of `CSV_COLUMNS`. */
export function itemRow(tile: ItemTile): string {
  return csvRow([
    tile.name,
    tile.hash,
    tile.instanceId ?? '',
    tile.tag ?? '',
    tile.notes ?? '',
    tile.typeName,
    tile.tierName,
    tile.damageType ?? '',
    tile.power,
    tile.location.label,
    tile.equipped,
    tile.locked,
    tile.masterwork,
    tile.quantity,
  ]);
}

/**
 * The whole file: a byte-order mark (so spreadsheet programs read it as UTF-8: “Xûr”), the header,
 * one row per item, each line ended by CRLF.
 */
export function itemsCsv(tiles: readonly ItemTile[]): string {
  return `\uFEFF${[csvRow(CSV_COLUMNS), ...tiles.map(itemRow)].map((line) => `${line}\r\n`).join('')}`;
}
