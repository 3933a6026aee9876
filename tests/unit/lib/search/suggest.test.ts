import { describe, expect, it } from 'vitest';
import { applySuggestion, indexItems, suggest, type SearchIndex } from '@/lib/search';

const index: SearchIndex = { ...indexItems([]), typeNames: ['Auto Rifle', 'Hand Cannon', 'Hunter Helmet', 'Sword'] };
const texts = (query: string, caret = query.length) => suggest(query, caret, index).map((s) => s.text);

/** Accepts the first suggestion whose text is `text`. */
function accept(query: string, text: string, caret = query.length) {
  const s = suggest(query, caret, index).find((x) => x.text === text);
  if (!s) throw new Error(`no ${text} for ${query}`);
  return applySuggestion(query, s);
}

describe('suggestions while typing', () => {
  it('completes is: keywords from their start', () => {
    expect(texts('is:ex')).toEqual(['is:exotic']);
    expect(texts('is:lo')).toEqual(['is:locked']);
    expect(texts('is:m')).toEqual(['is:masterwork', 'is:maxpower', 'is:machinegun']);
  });

  it('offers keywords whose value a bare word begins', () => {
    expect(texts('exo')).toEqual(['is:exotic', 'tier:exotic']);
    expect(texts('sol')).toEqual(['is:solar', 'damage:solar']);
  });

  it('offers the page’s own item types for type:', () => {
    expect(texts('type:h')).toEqual(['type:"hand cannon"', 'type:"hunter helmet"']);
    expect(texts('type:sw')).toEqual(['type:sword']);
    expect(texts('type:"hand c')).toEqual(['type:"hand cannon"']);
  });

  it('offers filter keys and comparisons', () => {
    expect(texts('ti')).toEqual(expect.arrayContaining(['tier:legendary', 'tier:exotic']));
    expect(texts('power:>')).toEqual(['power:>=']);
  });

  it('completes the word at the caret, after a minus or a parenthesis', () => {
    expect(accept('-is:lo', 'is:locked')).toEqual({ query: '-is:locked ', caret: 11 });
    expect(accept('(is:ar', 'is:arc')).toEqual({ query: '(is:arc ', caret: 8 });
    expect(accept('is:ex is:weapon', 'is:exotic', 5)).toEqual({ query: 'is:exotic is:weapon', caret: 10 });
    expect(accept('is:weapon is:exo', 'is:exotic')).toEqual({ query: 'is:weapon is:exotic ', caret: 20 });
  });

  it('leaves the caret inside an unfinished filter', () => {
    expect(accept('pow', 'power:>=')).toEqual({ query: 'power:>=', caret: 8 });
    expect(accept('na', 'name:"')).toEqual({ query: 'name:"', caret: 6 });
    expect(accept('type:"hand c"', 'type:"hand cannon"', 12)).toEqual({ query: 'type:"hand cannon" ', caret: 19 });
  });

  it('offers nothing for an empty word, a finished keyword or nonsense', () => {
    expect(texts('')).toEqual([]);
    expect(texts('is:weapon ')).toEqual([]);
    expect(texts('is:exotic')).toEqual([]);
    expect(texts('zzzz')).toEqual([]);
  });
});
