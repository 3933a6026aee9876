import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ItemBrowser, type BrowserGroup } from '@/components/inventory/item-browser';
import type { CharacterSummary, ItemTile } from '@/lib/inventory/types';

const { refresh } = vi.hoisted(() => ({ refresh: vi.fn() }));
vi.mock('next/navigation', () => ({ useRouter: () => ({ refresh }), useSearchParams: () => new URLSearchParams() }));

const TITAN = '2305843009000000010';
const HUNTER = '2305843009000000011';
const character = (characterId: string, className: string): CharacterSummary => ({
  characterId, className, raceName: 'Exo', power: 2000, emblemUrl: null, emblemBackgroundUrl: null, dateLastPlayed: '2026-11-27T00:00:00Z',
});
const tile = (id: string, name: string, extra: Partial<ItemTile> = {}): ItemTile => ({
  key: id, hash: 100 + Number(id.slice(-2)), instanceId: id, known: true, name, iconUrl: null, tier: 'legendary', tierName: 'Legendary', typeName: 'Hand Cannon',
  power: 2000, damageType: 'Solar', locked: false, masterwork: false, quantity: 1, equipped: false, slotHash: 1498876634, itemType: 3, classType: 3,
  location: { kind: 'vault', label: 'Vault' }, ...extra,
});
const groups: BrowserGroup[] = [
  {
    id: 'weapons',
    label: 'Weapons',
    sections: [{ bucketHash: 1498876634, name: 'Kinetic Weapons', count: 2, capacity: null, items: [tile('6917529000000000001', 'Ace of Spades'), tile('6917529000000000002', 'Equipped Rifle', { equipped: true })] }],
  },
];
const characters = [character(TITAN, 'Titan'), character(HUNTER, 'Hunter')];

/** A fake DataTransfer: jsdom has none. */
const dataTransfer = () => ({ setData: vi.fn(), getData: vi.fn(), effectAllowed: 'all', dropEffect: 'none', types: ['application/x-vault-raider-item'] });

function screenWidth(wide: boolean) {
  window.matchMedia = ((query: string) => ({ matches: wide, media: query, addEventListener: vi.fn(), removeEventListener: vi.fn() })) as unknown as typeof window.matchMedia;
}

/** fetch answers one at a time, resolved by the test, so the optimistic state can be seen. */
function deferredFetch() {
  const calls: { url: string; body: unknown; answer: (status: number, body: unknown) => void }[] = [];
  globalThis.fetch = vi.fn((url: string, init: RequestInit) =>
    new Promise<Response>((resolve) => {
      calls.push({ url, body: JSON.parse(String(init.body)), answer: (status, body) => resolve(new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })) });
    }),
  ) as unknown as typeof fetch;
  return calls;
}

const tileButton = (id: string) => document.querySelector(`main button[data-item-id="${id}"], button[data-item-id="${id}"]`);

beforeEach(() => {
  screenWidth(true);
  refresh.mockClear();
});
afterEach(cleanup);

describe('drag and drop between stores (wide screen)', () => {
  it('offers a named drop target for the vault and each character; an equipped tile drags too, and its drop on a store says why it stays', () => {
    const calls = deferredFetch();
    render(<ItemBrowser groups={groups} characters={characters} home="vault" />);
    const dock = screen.getByRole('region', { name: 'Stores' });
    for (const name of ['Move to vault', 'Move to Titan', 'Equip on Titan', 'Move to Hunter', 'Equip on Hunter']) expect(within(dock).getByRole('group', { name })).toBeTruthy();
    expect(tileButton('6917529000000000001')?.getAttribute('draggable')).toBe('true');
    expect(tileButton('6917529000000000002')?.getAttribute('draggable')).toBe('true');
    fireEvent.dragStart(tileButton('6917529000000000002')!, { dataTransfer: dataTransfer() });
    fireEvent.drop(screen.getByRole('group', { name: 'Move to Titan' }), { dataTransfer: dataTransfer() });
    expect(screen.getByRole('alert').textContent).toContain('Equipped Rifle is equipped, and Destiny moves only unequipped items: equip another item in its slot first, then move it.');
    expect(calls).toHaveLength(0);
  });

  it('moves a dropped tile at once, and on a refusal puts it back and explains, offering the one move that makes room', async () => {
    const calls = deferredFetch();
    render(<ItemBrowser groups={groups} characters={characters} home="vault" />);
    const id = '6917529000000000001';
    fireEvent.dragStart(tileButton(id)!, { dataTransfer: dataTransfer() });
    const titan = screen.getByRole('group', { name: 'Move to Titan' });
    const vault = screen.getByRole('group', { name: 'Move to vault' });
    // The vault refuses a vault item (no highlight, default not prevented); the Titan takes it.
    expect(fireEvent.dragOver(vault, { dataTransfer: dataTransfer() })).toBe(true);
    expect(fireEvent.dragOver(titan, { dataTransfer: dataTransfer() })).toBe(false);
    expect(titan.getAttribute('data-over')).toBe('true');
    expect(vault.getAttribute('data-over')).toBeNull();
    fireEvent.drop(titan, { dataTransfer: dataTransfer() });

    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe('/api/items/transfer');
    expect(calls[0]!.body).toEqual({ itemId: id, itemHash: 101, from: 'vault', to: TITAN });
    expect(tileButton(id)).toBeNull();
    expect(screen.getByRole('status').textContent).toBe('Moving Ace of Spades to your Titan…');

    const suggestion = { label: 'Move Old Gun from your Titan to the vault', move: { itemId: '6917529000000000099', itemHash: 7, from: TITAN, to: 'vault' } };
    await act(async () => calls[0]!.answer(409, { error: { code: 'no_room', message: `There is no room in your Titan for this item. ${suggestion.label} to make room?`, suggestion } }));
    expect(tileButton(id)).not.toBeNull();
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('There is no room in your Titan for this item.');

    fireEvent.click(within(alert).getByRole('button', { name: suggestion.label }));
    expect(calls).toHaveLength(2);
    expect(calls[1]!.body).toEqual(suggestion.move);
    await act(async () => calls[1]!.answer(200, { ok: true, items: [{ itemId: suggestion.move.itemId, itemHash: 7, owner: 'vault', equipped: false, locked: false }] }));
    expect(screen.getByRole('status').textContent).toBe('Made room. Drag the item there again.');
    expect(screen.queryByRole('alert')).toBeNull();
    // Only the suggested move was made: no other call.
    expect(calls).toHaveLength(2);
  });

  it('equips on a character through the equip zone, and a click still opens the item', async () => {
    const calls = deferredFetch();
    const opened = vi.fn();
    HTMLDialogElement.prototype.showModal = opened;
    render(<ItemBrowser groups={groups} characters={characters} home="vault" />);
    const id = '6917529000000000001';
    fireEvent.dragStart(tileButton(id)!, { dataTransfer: dataTransfer() });
    fireEvent.drop(screen.getByRole('group', { name: 'Equip on Hunter' }), { dataTransfer: dataTransfer() });
    expect(calls[0]!.url).toBe('/api/items/equip');
    expect(calls[0]!.body).toEqual({ characterId: HUNTER, items: [{ itemId: id, itemHash: 101 }] });
    await act(async () => calls[0]!.answer(200, { ok: true, items: [{ itemId: id, itemHash: 101, owner: HUNTER, equipped: true, locked: false }] }));
    expect(screen.getByRole('status').textContent).toBe('Equipped Ace of Spades on your Hunter.');
    expect(tileButton(id)).toBeNull();
    fireEvent.click(tileButton('6917529000000000002')!);
    expect(opened).toHaveBeenCalledTimes(1);
  });
});

describe('drag and drop on a character page', () => {
  it('drops a character item on the vault; "no longer there" puts it back and re-reads the page', async () => {
    const calls = deferredFetch();
    const id = '6917529000000000003';
    const onTitan: BrowserGroup[] = [{ id: 'slots', label: 'Equipped and inventory', sections: [{ bucketHash: 1498876634, name: 'Kinetic Weapons', count: 1, capacity: 10, items: [tile(id, 'Titan Gun', { location: { kind: 'inventory', characterId: TITAN, label: 'On your Titan' } })] }] }];
    render(<ItemBrowser groups={onTitan} characters={characters} home={TITAN} />);
    fireEvent.dragStart(tileButton(id)!, { dataTransfer: dataTransfer() });
    // Its own character does not take it; the vault does.
    expect(fireEvent.dragOver(screen.getByRole('group', { name: 'Move to Titan' }), { dataTransfer: dataTransfer() })).toBe(true);
    fireEvent.drop(screen.getByRole('group', { name: 'Move to vault' }), { dataTransfer: dataTransfer() });
    expect(calls[0]!.body).toEqual({ itemId: id, itemHash: 103, from: TITAN, to: 'vault' });
    expect(tileButton(id)).toBeNull();
    expect(refresh).not.toHaveBeenCalled();
    await act(async () => calls[0]!.answer(409, { error: { code: 'item_gone', message: 'That item is not where Vault Raider last saw it (it may have moved in the game). Your inventory will refresh; try again.' } }));
    expect(tileButton(id)).not.toBeNull();
    expect(screen.getByRole('alert').textContent).toContain('Your inventory will refresh');
    expect(refresh).toHaveBeenCalledTimes(1);
  });
});

describe('on a phone', () => {
  it('has no drop targets and no draggable tiles: the action sheet stays the way', () => {
    screenWidth(false);
    render(<ItemBrowser groups={groups} characters={characters} home="vault" />);
    expect(screen.queryByRole('region', { name: 'Stores' })).toBeNull();
    expect(tileButton('6917529000000000001')?.getAttribute('draggable')).toBeNull();
  });
});
