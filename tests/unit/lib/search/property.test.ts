import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ItemTile } from '@/lib/inventory/types';
import { compileSearch, indexItems, parse, suggest } from '@/lib/search';

const TILES: ItemTile[] = [
  { key: 'a', hash: 1, known: true, name: 'Ace of Spades', iconUrl: null, tier: 'exotic', tierName: 'Exotic', typeName: 'Hand Cannon', power: 1810, damageType: 'Kinetic', locked: true, masterwork: true, quantity: 1, equipped: false, slotHash: 1498876634, itemType: 3, classType: 3, location: { kind: 'vault', label: 'Vault' } },
  { key: 'b', hash: 2, known: true, name: 'Crimson Crown', iconUrl: null, tier: 'legendary', tierName: 'Legendary', typeName: 'Hunter Helmet', power: 1900, damageType: null, locked: false, masterwork: false, quantity: 1, equipped: true, slotHash: 3448274439, itemType: 2, classType: 1, location: { kind: 'equipped', characterId: 'c', label: 'Equipped' } },
  { key: 'c', hash: 2, known: false, name: 'Unknown item 2', iconUrl: null, tier: 'unknown', tierName: '', typeName: '', power: null, damageType: null, locked: false, masterwork: false, quantity: 3, equipped: false, slotHash: 0, itemType: 0, classType: 3, location: { kind: 'postmaster', characterId: 'c', label: 'Postmaster' } },
];
const index = indexItems(TILES);

// Pieces of the language, valid and broken, so random soups reach deep into the parser.
const PIECES = [
  'is:weapon', 'is:armour', 'is:exotic', 'is:dupe', 'is:foo', 'is:', 'name:"ace', 'name:"ace of"', '"', '“', '”', '(', ')', '-', 'not', 'or', 'OR', 'and',
  'power:>=1800', 'power:<', 'power:=x', 'power:99999999', 'tier:legendary', 'tier:', 'type:"hand cannon"', 'type:', 'damage:arc', 'damage:fire', 'x:y', ':', '::',
  'ace', 'constructor', '__proto__', ' ', '  ', '\t', '\n', 'é', '🙂', '\u0000',
  // DIM's pieces: comments, single quotes, not:, stat:, perk:, count:, tag:, notes:.
  '/*', '*/', '/* c */', "'", '‘', 'not:', 'not:locked', 'stat:', 'stat:range:>=60', 'stat:__proto__:1', 'stat:total:', 'perk:"kill', 'perkname:x',
  'count:>1', 'count:', 'tag:junk', 'tag:constructor', 'notes:', 'is:new', 'season:1', 'is:handcannon', 'is:kineticslot',
];

/** Either a result for every tile, or an error placed inside the text with a sentence. */
function checkOutcome(query: string): void {
  const compiled = compileSearch(query, index);
  if (compiled.ok) {
    for (const t of TILES) expect(typeof compiled.matches(t)).toBe('boolean');
  } else {
    const { offset, length, message } = compiled.error;
    expect(Number.isInteger(offset) && Number.isInteger(length)).toBe(true);
    expect(offset).toBeGreaterThanOrEqual(0);
    expect(length).toBeGreaterThanOrEqual(0);
    expect(offset + length).toBeLessThanOrEqual(query.length);
    expect(message.length).toBeGreaterThan(10);
  }
}

describe('property: any text gives a result or a positioned error, never a throw', () => {
  it('random strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 80, unit: 'grapheme-composite' }), checkOutcome), { numRuns: 2000 });
  });

  it('random soups of language pieces', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 25 }).map((p) => p.join('')), checkOutcome), { numRuns: 3000 });
    fc.assert(fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 25 }).map((p) => p.join(' ')), checkOutcome), { numRuns: 3000 });
  });

  it('parse and compile agree: a query parses exactly when it compiles', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }).map((p) => p.join(' ')), (q) => {
        expect(parse(q).ok).toBe(compileSearch(q, index).ok);
      }),
      { numRuns: 1000 },
    );
  });

  it('a query and its negation split the tiles between them', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES.slice(0, 30)), { minLength: 1, maxLength: 8 }).map((p) => p.join(' ')), (q) => {
        const plain = compileSearch(q, index);
        const negated = compileSearch(`-(${q})`, index);
        if (!plain.ok || !negated.ok) return;
        for (const t of TILES) expect(negated.matches(t)).toBe(!plain.matches(t));
      }),
      { numRuns: 2000 },
    );
  });

  it('suggestions never throw and always replace a range inside the text', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 10 }).map((p) => p.join('')), fc.nat(), (q, n) => {
        const caret = n % (q.length + 1);
        for (const s of suggest(q, caret, index)) {
          expect(s.start).toBeGreaterThanOrEqual(0);
          expect(s.start).toBeLessThanOrEqual(s.end);
          expect(s.end).toBeLessThanOrEqual(q.length);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
