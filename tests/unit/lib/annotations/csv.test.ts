import { describe, expect, it } from 'vitest';
import { csvField, csvRow, itemRow, itemsCsv, CSV_COLUMNS } from '@/lib/annotations/csv';
import type { ItemTile } from '@/lib/inventory/types';
import { parseCsv } from '@/tests/support/annotations';

const tile = (over: Partial<ItemTile> = {}): ItemTile => ({
  key: '6917529000000000001',
  hash: 1363886209,
  instanceId: '6917529000000000001',
  known: true,
  name: 'Gjallarhorn',
  iconUrl: null,
  tier: 'exotic',
  tierName: 'Exotic',
  typeName: 'Rocket Launcher',
  power: 1810,
  damageType: 'Solar',
  locked: true,
  masterwork: false,
  quantity: 1,
  equipped: false,
  slotHash: 953998645,
  itemType: 3,
  classType: 3,
  location: { kind: 'vault', label: 'Vault' },
  ...over,
});

describe('csvField', () => {
  it('leaves plain text and numbers as they are', () => {
    expect(csvField('Gjallarhorn')).toBe('Gjallarhorn');
    expect(csvField(1810)).toBe('1810');
    expect(csvField(true)).toBe('true');
    expect(csvField(null)).toBe('');
    expect(csvField(Number.NaN)).toBe('');
  });

  it('quotes commas, quotes and line breaks, doubling the quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('one\ntwo')).toBe('"one\ntwo"');
    expect(csvField('one\r\ntwo')).toBe('"one\r\ntwo"');
  });

  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx'])('puts an apostrophe before %j so a spreadsheet shows it instead of running it', (value) => {
    const field = csvField(value);
    expect(parseCsv(`${field}\r\n`)[0]![0]).toBe(`'${value}`);
  });

  it('guards a formula that also needs quotes', () => {
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
  });
});

describe('itemsCsv', () => {
  it('starts with a byte-order mark and the header, ends every line with CRLF, and reads back to the same values', () => {
    const notes = 'Roll: "Outlaw, Rampage"\nfor raids';
    const tiles = [tile({ tag: 'favorite', notes }), tile({ key: 'k2', instanceId: '2', name: 'Ace of Spades', equipped: true, location: { kind: 'equipped', characterId: '1', label: 'Equipped on your Hunter' } }), tile({ key: 'stack', instanceId: undefined, name: 'Glimmer', power: null, damageType: null, quantity: 250, location: { kind: 'account', label: 'Account-wide inventory' } })];
    const text = itemsCsv(tiles);
    expect(text.startsWith('\uFEFFName,Hash,Id,Tag,Notes,')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    const [header, ...rows] = parseCsv(text.slice(1));
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(rows).toEqual([
      ['Gjallarhorn', '1363886209', '6917529000000000001', 'favorite', notes, 'Rocket Launcher', 'Exotic', 'Solar', '1810', 'Vault', 'false', 'true', 'false', '1'],
      ['Ace of Spades', '1363886209', '2', '', '', 'Rocket Launcher', 'Exotic', 'Solar', '1810', 'Equipped on your Hunter', 'true', 'true', 'false', '1'],
      ['Glimmer', '1363886209', '', '', '', 'Rocket Launcher', 'Exotic', '', '', 'Account-wide inventory', 'false', 'true', 'false', '250'],
    ]);
  });

  it('has one field per column in every row', () => {
    expect(parseCsv(`${itemRow(tile({ notes: ',,,"\n' }))}\r\n`)[0]).toHaveLength(CSV_COLUMNS.length);
    expect(csvRow(['a', 1, null])).toBe('a,1,');
  });
});
