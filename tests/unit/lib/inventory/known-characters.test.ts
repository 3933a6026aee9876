import { describe, expect, it } from 'vitest';
import { isKnownCharacter, rememberCharacters } from '@/lib/inventory/known-characters';

describe('known characters per player', () => {
  it('knows ids from the last profile for ten minutes, and says "don\'t know" otherwise', () => {
    rememberCharacters('u1', ['1', '2'], 0);
    expect(isKnownCharacter('u1', '1', 1000)).toBe(true);
    expect(isKnownCharacter('u1', '9', 1000)).toBe(false);
    expect(isKnownCharacter('u2', '1', 1000)).toBeUndefined();
    expect(isKnownCharacter('u1', '9', 11 * 60_000)).toBeUndefined();
  });
});
