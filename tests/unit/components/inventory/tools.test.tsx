import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { SWRConfig } from 'swr';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ItemBrowser, type BrowserGroup } from '@/components/inventory/item-browser';
import type { CharacterSummary, ItemDetail, ItemTile } from '@/lib/inventory/types';
import { itemBrowserRead } from '@/tests/support/item-browser-reads';
import { stubPageApis } from '@/tests/support/jsdom-page';

vi.mock('next/navigation', () => ({ useRouter: () => ({ refresh: vi.fn() }), useSearchParams: () => new URLSearchParams(), usePathname: () => '/vault' }));

// Rendering the whole browser (the first test also pays for the imports) takes seconds on a busy machine.
vi.setConfig({ testTimeout: 20_000 });
const TITAN = '2305843009000000010';
const characters: CharacterSummary[] = [{ characterId: TITAN, className: 'Titan', raceName: 'Exo', power: 2000, emblemUrl: null, emblemBackgroundUrl: null, dateLastPlayed: '2026-11-27T00:00:00Z' }];
const tile = (id: string, name: string, extra: Partial<ItemTile> = {}): ItemTile => ({
  key: id, hash: 100 + Number(id.slice(-2)), instanceId: id, known: true, name, iconUrl: null, tier: 'legendary', tierName: 'Legendary', typeName: 'Hand Cannon',
  power: 2000, damageType: 'Solar', locked: false, masterwork: false, quantity: 1, equipped: false, slotHash: 1498876634, itemType: 3, classType: 3,
  location: { kind: 'vault', label: 'Vault' }, ...extra,
});
const STACK = tile('stack', 'Enhancement Core', { key: '3853748946:vault::0', instanceId: undefined, hash: 3853748946, quantity: 37, power: null, damageType: null, itemType: 0, typeName: 'Material', slotHash: 1469714392 });

type Call = { url: string; method: string; body: unknown };
function answering(answer: (call: Call) => unknown, status = 200): Call[] {
  const calls: Call[] = [];
  globalThis.fetch = vi.fn(async (url: string, init: RequestInit = {}) => {
    const background = itemBrowserRead(url, init.method);
    if (background) return background;
    const call = { url, method: init.method ?? 'GET', body: init.body ? JSON.parse(String(init.body)) : undefined };
    calls.push(call);
    return new Response(JSON.stringify(answer(call)), { status, headers: { 'Content-Type': 'application/json' } });
  }) as unknown as typeof fetch;
  return calls;
}

function show(groups: BrowserGroup[]) {
  // A fresh SWR cache per test: the compare sheet's reads must not leak between tests.
  render(<SWRConfig value={{ provider: () => new Map() }}><ItemBrowser groups={groups} characters={characters} home="vault" /></SWRConfig>);
}
const open = (name: string) => fireEvent.click(screen.getByRole('button', { name: new RegExp(name) }));
const sheet = () => screen.getByTestId('item-sheet');

beforeEach(() => {
  stubPageApis();
});
afterEach(cleanup);

describe('moving a stack asks how many', () => {
  const groups: BrowserGroup[] = [{ id: 'general', label: 'General', sections: [{ bucketHash: 1469714392, name: 'Consumables', count: 1, capacity: null, items: [STACK] }] }];

  it('sends the number chosen (10 of 37) as the transfer’s quantity', async () => {
    const calls = answering(() => ({ ok: true, items: [{ itemId: '0', itemHash: STACK.hash, owner: TITAN, equipped: false, locked: false }] }));
    show(groups);
    open('Enhancement Core');
    const chooser = within(sheet()).getByRole('group', { name: 'How many to move?' });
    const number = within(chooser).getByRole('spinbutton', { name: 'How many' });
    fireEvent.focus(number);
    fireEvent.change(number, { target: { value: '10' } });
    fireEvent.click(within(sheet()).getByRole('button', { name: 'Move to Titan' }));
    await waitFor(() => expect(within(sheet()).getByRole('status').textContent).toBe('Moved 10 to your Titan.'));
    const transfer = calls.find((c) => c.url === '/api/items/transfer')!;
    expect(transfer.body).toEqual({ itemId: '0', itemHash: STACK.hash, from: 'vault', to: TITAN, quantity: 10 });
  });

  it('1 and All send 1 and 37; a number out of range moves nothing and says why', async () => {
    const calls = answering(() => ({ ok: true, items: [] }));
    show(groups);
    open('Enhancement Core');
    const chooser = within(sheet()).getByRole('group', { name: 'How many to move?' });
    fireEvent.change(within(chooser).getByRole('spinbutton', { name: 'How many' }), { target: { value: '38' } });
    expect(within(chooser).getByText('Enter a number from 1 to 37.')).toBeTruthy();
    expect((within(sheet()).getByRole('button', { name: 'Move to Titan' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(within(chooser).getByRole('radio', { name: '1' }));
    fireEvent.click(within(sheet()).getByRole('button', { name: 'Move to Titan' }));
    await waitFor(() => expect(calls.filter((c) => c.url === '/api/items/transfer')).toHaveLength(1));
    expect((calls[0]!.body as { quantity: number }).quantity).toBe(1);
    await waitFor(() => expect((within(sheet()).getByRole('button', { name: 'Move to Titan' }) as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(within(sheet()).getByRole('radio', { name: 'All 37' }));
    fireEvent.click(within(sheet()).getByRole('button', { name: 'Move to Titan' }));
    await waitFor(() => expect(calls.filter((c) => c.url === '/api/items/transfer')).toHaveLength(2));
    expect((calls[1]!.body as { quantity: number }).quantity).toBe(37);
  });

  it('an instanced item has no amount to choose', () => {
    answering(() => ({}));
    show([{ id: 'weapons', label: 'Weapons', sections: [{ bucketHash: 1498876634, name: 'Kinetic Weapons', count: 1, capacity: null, items: [tile('6917529000000000001', 'Ace of Spades')] }] }]);
    open('Ace of Spades');
    expect(within(sheet()).queryByRole('group', { name: 'How many to move?' })).toBeNull();
  });
});

describe('compare', () => {
  const detail = (id: string, range: number): ItemDetail => ({
    instanceId: id,
    // Charge Time (Bungie's stat hash) is in milliseconds: the longer one is the worse.
    stats: [{ statHash: 1, name: 'Range', value: range, max: 100 }, { statHash: 2, name: 'Stability', value: 40, max: 100 }, { statHash: 2961396640, name: 'Charge Time', value: 500 + range, max: null }],
    sockets: [{ index: 3, label: 'Trait', plugs: [{ hash: 9, name: `Perk of ${id.slice(-2)}`, iconUrl: null, active: true, description: '' }, { hash: 8, name: 'Not rolled', iconUrl: null, active: false, description: '' }] }],
  });
  const groups: BrowserGroup[] = [{
    id: 'weapons', label: 'Weapons', sections: [{
      bucketHash: 1498876634, name: 'Kinetic Weapons', count: 3, capacity: null,
      items: [tile('6917529000000000001', 'Ace of Spades', { power: 2000 }), tile('6917529000000000002', 'Fatebringer', { power: 2010 }), tile('6917529000000000003', 'Scout', { typeName: 'Scout Rifle' })],
    }],
  }];
  const ranges: Record<string, number> = { '01': 50, '02': 54 };

  it('from the item sheet: the same weapon type side by side, differences against the first, active perks', async () => {
    const calls = answering((c) => detail(c.url.split('/').pop()!, ranges[c.url.slice(-2)] ?? 0));
    show(groups);
    open('Ace of Spades');
    fireEvent.click(within(sheet()).getByRole('button', { name: 'Compare with other Hand Cannons' }));
    const compare = screen.getByTestId('compare-sheet');
    await waitFor(() => expect(compare.querySelector('[data-stat="Range"]')).toBeTruthy());
    expect(within(compare).getByRole('heading', { name: 'Compare Hand Cannons' })).toBeTruthy();
    expect([...compare.querySelectorAll('thead th[data-item-id]')].map((th) => th.getAttribute('data-item-id'))).toEqual(['6917529000000000001', '6917529000000000002']);
    expect(compare.querySelector('[data-stat="Range"] [data-diff]')?.textContent).toBe('+4');
    expect(compare.querySelector('[data-stat="Range"] [data-diff]')?.getAttribute('data-better')).toBe('true');
    expect(compare.querySelector('[data-stat="Power"] [data-diff]')?.textContent).toBe('+10');
    expect(compare.querySelector('[data-stat="Charge Time"] [data-diff]')?.textContent).toBe('+4');
    expect(compare.querySelector('[data-stat="Charge Time"] [data-diff]')?.getAttribute('data-better')).toBe('false');
    expect(compare.querySelector('[data-stat="Stability"] [data-diff]')).toBeNull();
    expect(within(compare).getByRole('list', { name: 'Perks of Fatebringer' }).textContent).toBe('Perk of 02');
    // The sheet read its own item's details too; the compare sheet read both (never the Scout Rifle).
    expect([...new Set(calls.map((c) => c.url))].sort()).toEqual(['/api/items/6917529000000000001', '/api/items/6917529000000000002']);
  });

  it('from a search: “Compare N” opens the matches of one type', async () => {
    answering((c) => detail(c.url.split('/').pop()!, 50));
    show(groups);
    const box = screen.getByRole('combobox', { name: /search/i });
    act(() => {
      fireEvent.change(box, { target: { value: 'type:"hand cannon"' } });
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Compare 2' }));
    const compare = screen.getByTestId('compare-sheet');
    expect(compare.hasAttribute('open')).toBe(true);
    // Strongest first.
    expect([...compare.querySelectorAll('thead th[data-item-id]')].map((th) => th.getAttribute('data-item-id'))).toEqual(['6917529000000000002', '6917529000000000001']);
  });
});
