import { describe, expect, it } from 'vitest';
import { parse, type SearchNode } from '@/lib/search';
import { failure, tree } from './show-ast';

describe('parse: valid queries become trees', () => {
  it.each([
    ['', '∅'],
    ['   ', '∅'],
    ['is:weapon', 'is:weapon'],
    ['IS:Exotic', 'is:exotic'],
    ['is:armour', 'is:armor'],
    ['is:heavy', 'is:power'],
    ['ashen', 'text:"ashen"'],
    ['"Ashen Oath"', 'text:"ashen oath"'],
    ['name:"Ashen Oath"', 'name:"ashen oath"'],
    ['name:oath', 'name:"oath"'],
    ['name:“Iron Verse”', 'name:"iron verse"'],
    ['power:>=1800', 'power>=1800'],
    ['power:>1800', 'power>1800'],
    ['power:<=2000', 'power<=2000'],
    ['power:<2000', 'power<2000'],
    ['power:=1810', 'power=1810'],
    ['power:1810', 'power=1810'],
    ['tier:legendary', 'tier:legendary'],
    ['rarity:Exotic', 'tier:exotic'],
    ['type:"Hand Cannon"', 'type:handcannon'],
    ['type:handcannon', 'type:handcannon'],
    ['damage:solar', 'damage:solar'],
    ['element:Kinetic', 'damage:kinetic'],
    ['is:weapon is:exotic', '(and is:weapon is:exotic)'],
    ['is:weapon and is:exotic', '(and is:weapon is:exotic)'],
    ['is:arc or is:void', '(or is:arc is:void)'],
    ['is:arc OR is:void or is:solar', '(or is:arc is:void is:solar)'],
    ['-is:locked', '(not is:locked)'],
    ['not is:locked', '(not is:locked)'],
    ['--is:locked', '(not (not is:locked))'],
    ['(is:arc or is:void) -is:locked', '(and (group (or is:arc is:void)) (not is:locked))'],
    ['-(is:arc or is:void)', '(not (group (or is:arc is:void)))'],
    ['a b or c d', '(and text:"a" (or text:"b" text:"c") text:"d")'],
    ['a and b or c and d', '(or (and text:"a" text:"b") (and text:"c" text:"d"))'],
    ['((is:exotic))', '(group (group is:exotic))'],
    ['x-wing', 'text:"x-wing"'],
    ['"or"', 'text:"or"'],
    ['is:weapon -is:locked power:>=1800 (is:solar or is:void) name:"a"', '(and is:weapon (not is:locked) power>=1800 (group (or is:solar is:void)) name:"a")'],
  ])('%j → %s', (query, expected) => {
    expect(tree(query)).toBe(expected);
  });

  it('gives every node its place in the text', () => {
    const query = 'is:weapon (is:arc or -is:void)';
    const result = parse(query);
    expect(result.ok).toBe(true);
    const spans: string[] = [];
    const walk = (n: SearchNode) => {
      spans.push(query.slice(n.start, n.end));
      if (n.type === 'and' || n.type === 'or') n.children.forEach(walk);
      if (n.type === 'group') walk(n.inner);
      if (n.type === 'not') walk(n.operand);
    };
    if (result.ok && result.ast) walk(result.ast);
    expect(spans).toEqual([query, 'is:weapon', '(is:arc or -is:void)', 'is:arc or -is:void', 'is:arc', '-is:void', 'is:void']);
  });
});

describe('parse: a bad query is an error that says where, never a throw', () => {
  it.each([
    ['is:foo', 'is:foo', /^Unknown filter is:foo — try is:/],
    ['is:weapon is:exotc', 'is:exotc', /try is:exotic/],
    ['is:', 'is:', /is: needs a value, like is:exotic/],
    ['foo:bar', 'foo:bar', /^Unknown filter foo: — try is:, name:, type:, tier:, power:, damage:/],
    ['power:>=abc', 'power:>=abc', /needs a number/],
    ['power:>=', 'power:>=', /needs a number/],
    ['power:', 'power:', /needs a value/],
    ['tier:mythic', 'tier:mythic', /^Unknown rarity tier:mythic/],
    ['damage:fire', 'damage:fire', /^Unknown damage type damage:fire/],
    ['type:"!!"', 'type:"!!"', /names no item type/],
    ['name:""', 'name:""', /needs a value/],
    ['name:"Ashen', '"Ashen', /quote is never closed/],
    ['"open', '"open', /quote is never closed/],
    ['(is:arc', '(', /This \( is never closed/],
    ['(is:arc or (is:void)', '(', /never closed/],
    ['is:arc)', ')', /has no matching \(/],
    [')', ')', /has no matching \(/],
    ['()', '()', /parentheses are empty/],
    ['or is:arc', 'or', /“or” needs a filter on both sides/],
    ['is:arc or', 'or', /“or” needs a filter on both sides/],
    ['is:arc or or is:void', 'or', /“or” needs a filter/],
    ['(is:arc or)', 'or', /“or” needs a filter/],
    ['is:arc -', '-', /“-” needs a filter right after it/],
    ['is:arc not', 'not', /“not” needs a filter right after it/],
    ['and is:arc', 'and', /“and” needs a filter/],
    ['is:"exotic"', 'is:"exotic"', /Unknown filter/],
  ])('%j marks %j', (query, marked, message) => {
    const error = failure(query);
    expect(error.marked).toBe(marked);
    expect(error.message).toMatch(message);
  });

  it('points at the end of the text when the query stops short', () => {
    const error = failure('is:weapon (');
    expect(error.offset).toBe(10);
    expect(error.message).toMatch(/never closed/);
  });

  it('stops very deep nesting with an error instead of overflowing the stack', () => {
    const error = failure(`${'('.repeat(5000)}is:arc${')'.repeat(5000)}`);
    expect(error.message).toMatch(/Too deeply nested/);
    expect(failure(`${'-'.repeat(5000)}is:arc`).message).toMatch(/Too deeply nested/);
  });

  it('treats words that name object properties as plain words', () => {
    expect(tree('constructor toString')).toBe('(and text:"constructor" text:"tostring")');
    expect(failure('is:constructor').message).toMatch(/Unknown filter is:constructor/);
    expect(failure('__proto__:x').message).toMatch(/Unknown filter __proto__:/);
  });
});
