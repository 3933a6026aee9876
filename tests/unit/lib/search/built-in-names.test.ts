import { describe, expect, it } from 'vitest';
import { compileSearch, indexItems, suggest } from '@/lib/search';

// Issue 17: no built-in property name typed by a player may reach a lookup table as if it were a
// known word. Every key, `is:` word, rarity and damage type is looked up in a Map or a list.
const BUILT_INS = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'prototype'];
const index = indexItems([]);

describe('search words that are Object built-ins', () => {
  it.each(BUILT_INS)('%s as a filter key is an unknown filter', (name) => {
    const result = compileSearch(`${name}:x`, index);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/^Unknown filter /);
  });

  it.each(BUILT_INS)('%s as an is:, tier: or damage: value is refused with a suggestion', (name) => {
    for (const [query, start] of [[`is:${name}`, 'Unknown filter'], [`tier:${name}`, 'Unknown rarity'], [`damage:${name}`, 'Unknown damage type']] as const) {
      const result = compileSearch(query, index);
      expect(result.ok, query).toBe(false);
      if (!result.ok) expect(result.error.message.startsWith(start), query).toBe(true);
    }
  });

  it.each(BUILT_INS)('%s as plain text or name: matches by text and suggestions do not throw', (name) => {
    expect(compileSearch(name, index).ok).toBe(true);
    expect(compileSearch(`name:${name}`, index).ok).toBe(true);
    expect(Array.isArray(suggest(`is:${name.slice(0, 3)}`, 6, index))).toBe(true);
  });
});
