import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ItemBrowser, type BrowserGroup } from '@/components/inventory/item-browser';
import type { ItemTile } from '@/lib/inventory/types';
import { itemBrowserRead } from '@/tests/support/item-browser-reads';
import { stubPageApis } from '@/tests/support/jsdom-page';

const search = vi.hoisted(() => ({ q: '' }));
vi.mock('next/navigation', () => ({ useRouter: () => ({ refresh: vi.fn() }), useSearchParams: () => new URLSearchParams(search.q ? { q: search.q } : {}) }));

const ACE = '6917529000000000001';
const THORN = '6917529000000000002';
const tile = (id: string, name: string, over: Partial<ItemTile> = {}): ItemTile => ({
  key: id, hash: 101, instanceId: id, known: false, name, iconUrl: null, tier: 'legendary', tierName: 'Legendary', typeName: 'Hand Cannon',
  power: 2000, damageType: 'Solar', locked: false, masterwork: false, quantity: 1, equipped: false, slotHash: 1498876634, itemType: 3, classType: 3,
  location: { kind: 'vault', label: 'Vault' }, ...over,
});
const groupsWith = (ace: Partial<ItemTile> = {}): BrowserGroup[] => [
  { id: 'weapons', label: 'Weapons', sections: [{ bucketHash: 1498876634, name: 'Kinetic Weapons', count: 3, capacity: null, items: [tile(ACE, 'Ace of Spades', ace), tile(THORN, 'Thorn'), tile('6917529000000000003', 'Thorny Rose')] }] },
];

type Call = { url: string; method: string; body: unknown };
type Stored = { tag: string | null; notes: string | null };
let calls: Call[];
/** Answers the annotation routes as the server does (a field left out stays), or with `refuse` when set. */
function answerAnnotations(refuse?: { status: number; code: string; message: string }, stored: Record<string, Stored> = {}) {
  calls = [];
  const answer = (instanceId: string) => ({ instanceId, ...(stored[instanceId] ?? { tag: null, notes: null }), updatedAt: '2026-11-30T00:00:00Z' });
  globalThis.fetch = vi.fn(async (url: string, init: RequestInit = {}) => {
    const body = init.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : undefined;
    const background = url === '/api/annotations' ? undefined : itemBrowserRead(url, init.method);
    if (background) return background;
    calls.push({ url, method: init.method ?? 'GET', body });
    if (refuse) return Response.json({ error: { code: refuse.code, message: refuse.message } }, { status: refuse.status });
    if (url === '/api/annotations/bulk') {
      const ids = body!.instanceIds as string[];
      for (const id of ids) stored[id] = { notes: null, ...stored[id], tag: body!.tag as string | null };
      return Response.json({ annotations: ids.map(answer) });
    }
    const instanceId = url.split('/').pop()!;
    const old = stored[instanceId] ?? { tag: null, notes: null };
    stored[instanceId] = { tag: body?.tag === undefined ? old.tag : (body.tag as string | null), notes: body?.notes === undefined ? old.notes : (body.notes as string) || null };
    return Response.json({ annotation: answer(instanceId) });
  }) as unknown as typeof fetch;
}

beforeEach(() => {
  search.q = '';
  stubPageApis();
});
afterEach(cleanup);

const tileButton = (id: string) => document.querySelector<HTMLButtonElement>(`main button[data-item-id="${id}"], button[data-item-id="${id}"]`)!;
const sheet = () => screen.getByTestId('item-sheet');
const tagRadio = (name: string) => within(within(sheet()).getByRole('radiogroup', { name: 'Tag' })).getByRole('radio', { name: new RegExp(name) });

describe('tags and notes on the tiles and in the sheet', () => {
  it('draws the tag the page arrived with on its tile, and says it to a screen reader', () => {
    answerAnnotations();
    render(<ItemBrowser groups={groupsWith({ tag: 'junk', notes: 'shard' })} home="vault" />);
    expect(tileButton(ACE).getAttribute('aria-label')).toMatch(/tagged Junk, has a note$/);
    expect(tileButton(ACE).querySelector('.item-tile-tag')?.textContent).toBe('✕');
    expect(tileButton(THORN).querySelector('.item-tile-tag')).toBeNull();
    expect(tileButton(THORN).getAttribute('aria-label')).not.toMatch(/tagged/);
  });

  it('tags from the sheet: the tile shows it at once, the server gets one PATCH', async () => {
    answerAnnotations();
    render(<ItemBrowser groups={groupsWith()} home="vault" />);
    fireEvent.click(tileButton(ACE));
    expect(tagRadio('No tag').getAttribute('aria-checked')).toBe('true');
    await act(async () => fireEvent.click(tagRadio('Favorite')));
    expect(calls).toEqual([{ url: `/api/annotations/${ACE}`, method: 'PATCH', body: { tag: 'favorite' } }]);
    expect(tagRadio('Favorite').getAttribute('aria-checked')).toBe('true');
    expect(within(sheet()).getByText('Tagged Favorite.')).toBeTruthy();
    expect(tileButton(ACE).getAttribute('aria-label')).toMatch(/tagged Favorite$/);
    expect(tileButton(ACE).querySelector('.item-tile-tag')?.textContent).toBe('★');
  });

  it('saves a note, and a refusal puts the tag back with the server’s sentence', async () => {
    answerAnnotations(undefined, { [ACE]: { tag: 'keep', notes: null } });
    render(<ItemBrowser groups={groupsWith({ tag: 'keep' })} home="vault" />);
    fireEvent.click(tileButton(ACE));
    const field = within(sheet()).getByRole('textbox', { name: /Note/ });
    fireEvent.change(field, { target: { value: '  for Trials, "rampage"  ' } });
    await act(async () => fireEvent.click(within(sheet()).getByRole('button', { name: 'Save note' })));
    expect(calls.at(-1)).toEqual({ url: `/api/annotations/${ACE}`, method: 'PATCH', body: { notes: 'for Trials, "rampage"' } });
    expect(within(sheet()).getByText('Note saved.')).toBeTruthy();
    expect(tileButton(ACE).getAttribute('aria-label')).toMatch(/tagged Keep, has a note$/);

    answerAnnotations({ status: 409, code: 'too_many_annotations', message: 'You have tagged or noted 10,000 items, the most Vault Raider keeps.' });
    await act(async () => fireEvent.click(tagRadio('Infuse')));
    expect(within(sheet()).getByRole('alert').textContent).toBe('You have tagged or noted 10,000 items, the most Vault Raider keeps.');
    expect(tagRadio('Keep').getAttribute('aria-checked')).toBe('true');
    expect(tileButton(ACE).getAttribute('aria-label')).toMatch(/tagged Keep, has a note$/);
  });

  it('offers no tag picker for a stack (no instance to tag)', () => {
    answerAnnotations();
    const stack = { ...tile('x', 'Glimmer'), key: 'stack-1', instanceId: undefined, power: null, quantity: 250 };
    render(<ItemBrowser groups={[{ id: 'general', label: 'General', sections: [{ bucketHash: 1, name: 'Consumables', count: 1, capacity: null, items: [stack] }] }]} home="vault" />);
    fireEvent.click(screen.getByRole('button', { name: /Glimmer/ }));
    expect(within(sheet()).queryByRole('radiogroup', { name: 'Tag' })).toBeNull();
  });
});

describe('tagging a search’s results', () => {
  it('says how many the search shows and tags them all in one request', async () => {
    search.q = 'thorn';
    answerAnnotations();
    render(<ItemBrowser groups={groupsWith()} home="vault" />);
    const form = await screen.findByRole('form', { name: 'Tag the search results' });
    expect(within(form).getByLabelText('Tag these 2 items as')).toBeTruthy();
    fireEvent.change(within(form).getByLabelText('Tag these 2 items as'), { target: { value: 'infuse' } });
    await act(async () => fireEvent.click(within(form).getByRole('button', { name: 'Tag' })));
    expect(calls).toEqual([{ url: '/api/annotations/bulk', method: 'POST', body: { instanceIds: [THORN, '6917529000000000003'], tag: 'infuse' } }]);
    expect(within(form).getByText('Tagged 2 items as Infuse.')).toBeTruthy();
    expect(tileButton(THORN).getAttribute('aria-label')).toMatch(/tagged Infuse$/);
    expect(tileButton('6917529000000000003').getAttribute('aria-label')).toMatch(/tagged Infuse$/);
    // Ace of Spades is not among the results (hidden, and not tagged).
    expect(tileButton(ACE)).toBeNull();
  });

  it('shows no bulk bar while the query does not parse (the page shows the last result, not the query’s)', () => {
    search.q = 'thorn is:foo';
    answerAnnotations();
    render(<ItemBrowser groups={groupsWith()} home="vault" />);
    expect(screen.getByRole('combobox', { name: 'Search items' })).toHaveProperty('value', 'thorn is:foo');
    expect(screen.queryByRole('form', { name: 'Tag the search results' })).toBeNull();
  });

  it('shows no bulk bar without a search', () => {
    answerAnnotations();
    render(<ItemBrowser groups={groupsWith()} home="vault" />);
    expect(screen.queryByRole('form', { name: 'Tag the search results' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Export all your items as CSV' }).getAttribute('href')).toBe('/api/export/items');
  });
});
