import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ItemBrowser, type BrowserGroup } from '@/components/inventory/item-browser';
import { ItemSheet } from '@/components/inventory/item-sheet';
import type { CharacterSummary, ItemTile } from '@/lib/inventory/types';
import { stubPageApis } from '@/tests/support/jsdom-page';

vi.mock('next/navigation', () => ({ useRouter: () => ({ refresh: vi.fn() }), useSearchParams: () => new URLSearchParams() }));
vi.mock('swr', async (original) => ({ ...(await original<typeof import('swr')>()), mutate: vi.fn() }));

const TITAN = '2305843009000000010';
const HUNTER = '2305843009000000011';
const ID = '6917529000000000001';
const character = (characterId: string, className: string): CharacterSummary => ({
  characterId, className, raceName: 'Exo', power: 2000, emblemUrl: null, emblemBackgroundUrl: null, dateLastPlayed: '2026-11-27T00:00:00Z',
});
const tile = (id: string, name: string): ItemTile => ({
  key: id, hash: 101, instanceId: id, known: false, name, iconUrl: null, tier: 'legendary', tierName: 'Legendary', typeName: 'Hand Cannon',
  power: 2000, damageType: 'Solar', locked: false, masterwork: false, quantity: 1, equipped: false, slotHash: 1498876634, itemType: 3, classType: 3,
  location: { kind: 'vault', label: 'Vault' },
});
const groups: BrowserGroup[] = [{ id: 'weapons', label: 'Weapons', sections: [{ bucketHash: 1498876634, name: 'Kinetic Weapons', count: 2, capacity: null, items: [tile(ID, 'Ace of Spades'), tile('6917529000000000002', 'Thorn')] }] }];

/** Answers every item action with the place given, as the routes do. */
function answerWith(place: (body: Record<string, unknown>) => Record<string, unknown>) {
  globalThis.fetch = vi.fn(async (_url: string, init: RequestInit) => {
    const body = JSON.parse(String(init.body)) as Record<string, unknown>;
    return new Response(JSON.stringify({ ok: true, items: [{ itemId: ID, itemHash: 101, equipped: false, locked: false, ...place(body) }] }), { status: 200, headers: { 'Content-Type': 'application/json' } });
  }) as unknown as typeof fetch;
}

beforeEach(() => {
  stubPageApis();
});
afterEach(cleanup);

const sheet = () => screen.getByTestId('item-sheet');
const where = () => within(sheet()).getByText('Where').nextElementSibling?.textContent;
const actionNames = () => [...within(sheet()).getByRole('region', { name: 'Actions' }).querySelectorAll('button:not([disabled])')].map((b) => b.textContent);

describe('the item sheet after an action', () => {
  it('shows the new place and the actions that fit it, toggles the lock, and takes the focus when it opens', async () => {
    answerWith((body) => (body.to ? { owner: body.to } : body.locked !== undefined ? { owner: HUNTER, locked: body.locked } : { owner: String(body.characterId), equipped: true }));
    render(<ItemBrowser groups={groups} characters={[character(TITAN, 'Titan'), character(HUNTER, 'Hunter')]} home="vault" />);
    const tileButton = document.querySelector<HTMLButtonElement>(`button[data-item-id="${ID}"]`)!;
    tileButton.focus();
    fireEvent.click(tileButton);
    expect(document.activeElement?.id).toBe('item-sheet-title');
    expect(where()).toBe('Vault');

    await act(async () => fireEvent.click(within(sheet()).getByRole('button', { name: 'Move to Hunter' })));
    expect(where()).toBe('In the inventory of your Hunter');
    expect(actionNames()).toContain('Move to vault');
    expect(actionNames()).not.toContain('Move to Hunter');
    // The tile left the vault's grid; the sheet still follows the item.
    expect(document.querySelector(`main button[data-item-id="${ID}"], ul button[data-item-id="${ID}"]`)).toBeNull();

    await act(async () => fireEvent.click(within(sheet()).getByRole('button', { name: 'Lock' })));
    expect(within(sheet()).getByRole('button', { name: 'Unlock' })).toBeTruthy();
    expect(within(sheet()).getByText('Locked').nextElementSibling?.textContent).toBe('Yes');

    await act(async () => fireEvent.click(within(sheet()).getByRole('button', { name: 'Equip on Titan' })));
    expect(where()).toBe('Equipped on your Titan');
    expect(actionNames()).not.toContain('Move to vault');
    expect(within(sheet()).getByText(/equip another item in this slot to move this one/)).toBeTruthy();
  });

  it('returns the focus to the tile it opened from when it closes', () => {
    render(<ItemBrowser groups={groups} characters={[character(TITAN, 'Titan')]} home="vault" />);
    const tileButton = document.querySelector<HTMLButtonElement>(`button[data-item-id="${ID}"]`)!;
    tileButton.focus();
    fireEvent.click(tileButton);
    expect(document.activeElement).not.toBe(tileButton);
    act(() => (sheet() as HTMLDialogElement).close());
    expect(document.activeElement).toBe(tileButton);
  });

  it('puts the actions before the facts, stats and perks; keeps ids folded; gives a consumable stack no lock or masterwork', () => {
    const stackTile: ItemTile = { ...tile('', 'Enhancement Core'), key: 'stack:3853748946', instanceId: undefined, hash: 3853748946, power: null, damageType: null, quantity: 37, slotHash: 1469714392, itemType: 9, typeName: 'Material', known: true };
    const gearTile: ItemTile = { ...tile(ID, 'Ace of Spades'), known: true };
    const mixed: BrowserGroup[] = [{ id: 'all', label: 'All', sections: [{ bucketHash: 1498876634, name: 'Kinetic Weapons', count: 1, capacity: null, items: [gearTile] }, { bucketHash: 1469714392, name: 'Consumables', count: 1, capacity: null, items: [stackTile] }] }];
    render(<ItemBrowser groups={mixed} characters={[character(TITAN, 'Titan')]} home="vault" />);
    const follows = (a: Element, b: Element) => Boolean(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);

    fireEvent.click(document.querySelector<HTMLButtonElement>(`button[data-item-id="${ID}"]`)!);
    const actions = within(sheet()).getByRole('region', { name: 'Actions' });
    expect(follows(actions, within(sheet()).getByTestId('item-facts'))).toBe(true);
    expect(follows(actions, within(sheet()).getByTestId('item-details-loading'))).toBe(true);
    const ids = within(sheet()).getByText('Item ids').closest('details')!;
    expect(ids.open).toBe(false);
    expect(ids.textContent).toContain(ID);
    expect(within(within(sheet()).getByTestId('item-facts')).queryByText(ID)).toBeNull();
    expect(within(sheet()).getByText('Masterwork').nextElementSibling?.textContent).toBe('No');
    act(() => (sheet() as HTMLDialogElement).close());

    fireEvent.click(document.querySelector<HTMLButtonElement>('button[aria-label^="Enhancement Core"]')!);
    const facts = within(sheet()).getByTestId('item-facts');
    expect(within(facts).getByText('Quantity').nextElementSibling?.textContent).toBe('37');
    expect(within(facts).queryByText('Masterwork')).toBeNull();
    expect(within(facts).queryByText('Locked')).toBeNull();
    expect(within(facts).queryByText('Power')).toBeNull();
    expect(within(sheet()).queryByTestId('item-details-loading')).toBeNull();
  });
});

describe('the item sheet closing as its page goes away', () => {
  it('leaves no timer behind: its second try at giving the focus back is dropped with it', () => {
    vi.useFakeTimers();
    try {
      const { unmount } = render(<ItemSheet tile={tile(ID, 'Ace of Spades')} onClose={() => {}} />);
      fireEvent(sheet(), new Event('close'));
      unmount();
      // Run where the page is gone: nothing may touch the document (in a test, it may be torn down).
      const focus = vi.spyOn(HTMLElement.prototype, 'focus');
      vi.advanceTimersByTime(1_000);
      expect(focus).not.toHaveBeenCalled();
      focus.mockRestore();
    } finally {
      vi.useRealTimers();
    }
  });
});
