import { describe, expect, it } from 'vitest';
import { isKnownCharacter, profileKey, rememberCharacters } from '@/lib/inventory/known-characters';

describe('known characters per player', () => {
  it('knows ids from the last profile for ten minutes, and says "don\'t know" otherwise', () => {
    rememberCharacters('u1', ['1', '2'], 0);
    expect(isKnownCharacter('u1', '1', 1000)).toBe(true);
    expect(isKnownCharacter('u1', '9', 1000)).toBe(false);
    expect(isKnownCharacter('u2', '1', 1000)).toBeUndefined();
    expect(isKnownCharacter('u1', '9', 11 * 60_000)).toBeUndefined();
  });
});

describe('known characters per Destiny profile', () => {
  it('never answers for a profile other than the one the ids were seen on (a player who switched)', () => {
    rememberCharacters(profileKey('u3', { membershipId: '111' }), ['1'], 0);
    expect(isKnownCharacter(profileKey('u3', { membershipId: '111' }), '1', 1000)).toBe(true);
    expect(isKnownCharacter(profileKey('u3', { membershipId: '222' }), '1', 1000)).toBeUndefined();
    expect(isKnownCharacter(profileKey('u3', { membershipId: '222' }), '5', 1000)).toBeUndefined();
  });
});
