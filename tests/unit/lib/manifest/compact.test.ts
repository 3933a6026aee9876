import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compactDefinition, toUnsignedHash } from '@/lib/manifest/compact';
import { definitionSchemas } from '@/lib/manifest/schemas';

// Recorded-shape definitions, keyed the way they come out of SQLite (one by its signed id).
const recorded = JSON.parse(readFileSync(path.join(process.cwd(), 'tests/fixtures/bungie/definitions/DestinyInventoryItemDefinition.json'), 'utf8')) as Record<string, object>;

describe('compact manifest definitions', () => {
  it('turns SQLite signed ids into the unsigned hashes the API uses', () => {
    expect(toUnsignedHash(-295967293)).toBe(3999000003);
    expect(toUnsignedHash(-1)).toBe(0xffffffff);
    expect(toUnsignedHash(1498876634)).toBe(1498876634);
  });

  it('keeps only what the pages use from a recorded item, hash taken from the row id', () => {
    const compact = compactDefinition('items', -295967293, JSON.stringify(recorded['-295967293']));
    expect(compact).toEqual({
      hash: 3999000003, name: 'Recorded Exotic', icon: '/common/destiny2_content/icons/recorded2.jpg', itemTypeDisplayName: 'Scout Rifle',
      tierType: 6, tierTypeName: 'Exotic', bucketTypeHash: 2465295065, itemType: 3, itemSubType: 14, classType: 3, equippable: true,
      defaultDamageType: 3, uniqueLabel: '', maxStackSize: 1, isInstanceItem: false, nonTransferrable: false, redacted: false,
    });
    expect(definitionSchemas.items.parse(compact)).toEqual(compact);
    expect(JSON.stringify(compact).length).toBeLessThan(JSON.stringify(recorded['-295967293']).length);
  });

  it('fills defaults for a sparse or redacted row instead of failing', () => {
    const compact = compactDefinition('items', 5, JSON.stringify({ redacted: true, hash: 5 }));
    expect(compact).toMatchObject({ hash: 5, name: '', icon: '', tierType: 0, bucketTypeHash: 0, classType: 3, redacted: true, uniqueLabel: '' });
    expect(() => definitionSchemas.items.parse(compact)).not.toThrow();
  });

  it('reads the exotic equip-exclusivity label and the other tables', () => {
    const exotic = compactDefinition('items', 7, JSON.stringify({ inventory: { tierType: 6 }, equippingBlock: { uniqueLabel: 'exotic_weapon' } }));
    expect(exotic.uniqueLabel).toBe('exotic_weapon');
    expect(compactDefinition('classes', 671679327, JSON.stringify({ classType: 1, displayProperties: { name: 'Hunter' } }))).toEqual({ hash: 671679327, classType: 1, name: 'Hunter' });
    expect(compactDefinition('vendors', -2104108910, JSON.stringify({ displayProperties: { name: 'Xûr', subtitle: 'Agent of the Nine', icon: '/x.png' } }))).toEqual({ hash: 2190858386, name: 'Xûr', subtitle: 'Agent of the Nine', icon: '/x.png' });
    expect(compactDefinition('damageTypes', 1847026933, JSON.stringify({ enumValue: 3, displayProperties: { name: 'Solar', icon: '/s.png' } }))).toEqual({ hash: 1847026933, enumValue: 3, name: 'Solar', icon: '/s.png' });
  });

  it('keeps a season number and a mod’s or masterwork’s always-active stat bonuses, nothing for other plugs', () => {
    const seasons = new Map([[2758726568, 23]]);
    // seasonHash as the API writes it (unsigned); a hash the season table lacks gives no season.
    expect(compactDefinition('items', 1, JSON.stringify({ seasonHash: 2758726568 }), { seasons }).season).toBe(23);
    expect('season' in compactDefinition('items', 2, JSON.stringify({ seasonHash: 12 }), { seasons })).toBe(false);
    expect('season' in compactDefinition('items', 3, JSON.stringify({}), { seasons })).toBe(false);
    const plug = (plugCategoryIdentifier: string, investmentStats: object[]) => compactDefinition('items', 4, JSON.stringify({ plug: { plugCategoryIdentifier }, investmentStats }));
    const mobility = { statTypeHash: 2996146975, value: 10, isConditionallyActive: false };
    expect(plug('enhancements.v2_general', [mobility]).statBonuses).toEqual({ 2996146975: 10 });
    expect(plug('v400.weapon.mod_guns', [{ statTypeHash: 1240592695, value: 5, isConditionallyActive: false }]).statBonuses).toEqual({ 1240592695: 5 });
    expect(plug('v400.plugs.weapons.masterworks.stat.range', [{ statTypeHash: 1240592695, value: 10, isConditionallyActive: false }]).statBonuses).toEqual({ 1240592695: 10 });
    // A conditional bonus (only on some items) and a zero are not subtracted; barrels and frames are part of the base.
    expect(plug('enhancements.artifice', [{ ...mobility, isConditionallyActive: true }, { ...mobility, statTypeHash: 392767087, value: 0 }]).statBonuses).toBeUndefined();
    expect(plug('barrels', [{ statTypeHash: 1240592695, value: 10, isConditionallyActive: false }]).statBonuses).toBeUndefined();
    expect('statBonuses' in compactDefinition('items', 5, JSON.stringify({ investmentStats: [mobility] }))).toBe(false);
    expect(() => definitionSchemas.items.parse(plug('enhancements.v2_general', [mobility]))).not.toThrow();
    expect(() => definitionSchemas.items.parse({ ...plug('enhancements.v2_general', [mobility]), statBonuses: { mobility: 10 } })).toThrow();
  });
});
