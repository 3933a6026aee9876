import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ItemBrowser, type BrowserGroup } from '@/components/inventory/item-browser';
import type { CharacterSummary, ItemTile } from '@/lib/inventory/types';
import { itemBrowserRead } from '@/tests/support/item-browser-reads';
import { stubPageApis } from '@/tests/support/jsdom-page';

vi.mock('next/navigation', () => ({ useRouter: () => ({ refresh: vi.fn() }), useSearchParams: () => new URLSearchParams() }));

// Issue 14, point 3: while searching, a heading says "matches of total", a section or group
// without a match is hidden (heading and all), and a half-typed filter keeps the last result.
const TITAN: CharacterSummary = { characterId: '2305843009000000010', className: 'Titan', raceName: 'Exo', power: 2000, emblemUrl: null, emblemBackgroundUrl: null, dateLastPlayed: '2026-11-27T00:00:00Z' };
let next = 1;
const tile = (name: string, slotHash: number, itemType: number, typeName: string): ItemTile => {
  const id = `69175290000000000${String(next++).padStart(2, '0')}`;
  return {
    key: id, hash: 100 + next, instanceId: id, known: true, name, iconUrl: null, tier: 'legendary', tierName: 'Legendary', typeName,
    power: 2000, damageType: 'Solar', locked: false, masterwork: false, quantity: 1, equipped: false, slotHash, itemType, classType: 3,
    location: { kind: 'vault', label: 'Vault' },
  };
};
const KINETIC = 1498876634;
const ENERGY = 2465295065;
const HELMET = 3448274439;
const groups: BrowserGroup[] = [
  {
    id: 'weapons',
    label: 'Weapons',
    sections: [
      { bucketHash: KINETIC, name: 'Kinetic Weapons', count: 3, capacity: null, items: [tile('Thorn', KINETIC, 3, 'Hand Cannon'), tile('Ace of Spades', KINETIC, 3, 'Hand Cannon'), tile('Eyasluna', KINETIC, 3, 'Hand Cannon')] },
      { bucketHash: ENERGY, name: 'Energy Weapons', count: 1, capacity: null, items: [tile('Riskrunner', ENERGY, 3, 'Submachine Gun')] },
    ],
  },
  { id: 'armor', label: 'Armor', sections: [{ bucketHash: HELMET, name: 'Helmet', count: 2, capacity: null, items: [tile('Crown of Tempests', HELMET, 2, 'Helmet'), tile('Helm of Saint-14', HELMET, 2, 'Helmet')] }] },
];

beforeEach(() => {
  stubPageApis();
  globalThis.fetch = vi.fn(async (url: string, init?: RequestInit) => itemBrowserRead(url, init?.method) ?? Response.json({ error: { message: 'not stubbed' } }, { status: 500 })) as unknown as typeof fetch;
});
afterEach(cleanup);

const box = () => screen.getByRole('combobox', { name: 'Search items' });
const type = (value: string) => act(() => fireEvent.change(box(), { target: { value, selectionStart: value.length } }));
const sectionNames = () => [...document.querySelectorAll('section[data-bucket-hash]')].map((s) => s.getAttribute('aria-label'));
const groupNames = () => [...document.querySelectorAll('section[data-group] > h2')].map((h) => h.textContent);
const countOf = (name: string) => within(screen.getByRole('region', { name })).getByTestId('section-count').textContent;
const tileNames = () => [...document.querySelectorAll('button[data-item-id]')].map((b) => b.getAttribute('aria-label') ?? b.textContent);

describe('sections while searching', () => {
  it('shows matches of total, hides sections and groups without a match, and keeps the last result under a half-typed filter', async () => {
    render(<ItemBrowser groups={groups} characters={[TITAN]} home="vault" />);
    expect(sectionNames()).toEqual(['Kinetic Weapons', 'Energy Weapons', 'Helmet']);
    expect(countOf('Kinetic Weapons')).not.toMatch(/ of /);

    await type('is:weapon -thorn -riskrunner');
    await waitFor(() => expect(sectionNames(), document.querySelector('[data-tiles]')?.textContent ?? '').toEqual(['Kinetic Weapons']));
    expect(countOf('Kinetic Weapons')).toBe('2 of 3');
    expect(groupNames()).toEqual(['Weapons']);
    expect(tileNames().join(' ')).not.toMatch(/Thorn|Riskrunner|Crown/);

    // Half-typed: "is:armo" is not a word yet. The last result stays, with a quiet hint, not an empty grid.
    await type('is:armo');
    await waitFor(() => expect(screen.getByTestId('search-hint').textContent).toMatch(/\w/));
    expect(sectionNames()).toEqual(['Kinetic Weapons']);
    expect(countOf('Kinetic Weapons')).toBe('2 of 3');

    await type('is:armor');
    await waitFor(() => expect(sectionNames()).toEqual(['Helmet']));
    expect(countOf('Helmet')).toBe('2 of 2');
    expect(groupNames()).toEqual(['Armor']);

    await type('');
    await waitFor(() => expect(sectionNames()).toEqual(['Kinetic Weapons', 'Energy Weapons', 'Helmet']));
    expect(countOf('Helmet')).not.toMatch(/ of /);
  });
});
