import { describe, expect, it } from 'vitest';
import { firstOf } from '@/components/inventory/use-first-screen';

describe('firstOf: a page’s first screen of tiles, in document order', () => {
  it('cuts the lists where the budget runs out, keeps whole lists as they are, and leaves the rest empty', () => {
    const a = [1, 2, 3];
    const b = [4, 5, 6, 7];
    const c = [8];
    const cut = firstOf([a, b, c], 5);
    expect(cut).toEqual([[1, 2, 3], [4, 5], []]);
    // A whole list is passed on as is: the memoised grid sees no change once everything is drawn.
    expect(cut[0]).toBe(a);
  });

  it('draws everything when the budget covers it, and nothing with none', () => {
    const lists = [[1], [2, 3]];
    expect(firstOf(lists, 10)).toEqual(lists);
    expect(firstOf(lists, 0)).toEqual([[], []]);
  });
});
