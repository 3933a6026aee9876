import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { SWRConfig } from 'swr';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useHeldValue } from '@/components/inventory/held-value';
import { FACTS_LOADING_HINT, useItemSearch } from '@/components/inventory/use-item-search';
import type { ItemFactsView, ItemTile } from '@/lib/inventory/types';
import { stubbedApiServer } from '@/tests/support/msw-page-api';

// The search hook as the pages use it, against a stubbed GET /api/items/facts (msw): the tiles
// carry no stats or perks, and only a query that reads them fetches them.
const address = vi.hoisted(() => ({ q: '' }));
vi.mock('next/navigation', () => ({ useSearchParams: () => new URLSearchParams(address.q ? { q: address.q } : {}) }));
const server = stubbedApiServer();

const tile = (name: string, instanceId: string | undefined, extra: Partial<ItemTile> = {}): ItemTile => ({
  key: instanceId ?? name, hash: name.length, instanceId, known: true, name, iconUrl: null, tier: 'legendary', tierName: 'Legendary', typeName: 'Hand Cannon',
  power: 2000, damageType: 'Solar', locked: false, masterwork: false, quantity: 1, equipped: false, slotHash: 1, itemType: 3, classType: 3,
  location: { kind: 'vault', label: 'Vault' }, ...extra,
});
const ITEMS = [tile('Ace of Spades', '1'), tile('Thorn', '2'), tile('Glimmer', undefined, { itemType: 0, typeName: 'Currency', power: null })];
const FACTS: ItemFactsView = { items: { '1': { stats: { range: 70 }, baseStats: { range: 60 }, perks: ['memento mori', 'firefly'] }, '2': { stats: { range: 40 }, perks: ['mark of the devourer'] } } };

let asked: number;
/** Answers the facts after `gate` resolves (at once by default). */
function serveFacts(answer: () => Response = () => HttpResponse.json(FACTS), gate: Promise<void> = Promise.resolve()) {
  server.use(http.get('*/api/items/facts', async () => {
    asked++;
    await gate;
    return answer();
  }));
}

function Page({ items }: { items: readonly ItemTile[] }) {
  const search = useItemSearch(items);
  const text = useHeldValue(search.box, '');
  return (
    <div>
      <input aria-label="Search" value={text} onChange={(e) => search.setQuery(e.target.value)} />
      <p data-testid="hint">{search.hint ?? ''}</p>
      <p data-testid="shown">{items.filter(search.matches).map((t) => t.name).join(', ')}</p>
      <p data-testid="perk-names">{search.index.perkNames.join(', ')}</p>
    </div>
  );
}

function show(items: readonly ItemTile[] = ITEMS) {
  const view = render(<SWRConfig value={{ provider: () => new Map() }}><Page items={items} /></SWRConfig>);
  return { ...view, rerender: (next: readonly ItemTile[]) => view.rerender(<SWRConfig value={{ provider: () => new Map() }}><Page items={next} /></SWRConfig>) };
}
const type = (text: string) => fireEvent.change(screen.getByLabelText('Search'), { target: { value: text } });
const shown = () => screen.getByTestId('shown').textContent;
const hint = () => screen.getByTestId('hint').textContent;

beforeEach(() => {
  asked = 0;
  address.q = '';
});

describe('the search asks for stats and perks only when a query reads them', () => {
  it('never fetches for names, types and is: words', async () => {
    serveFacts();
    show();
    for (const q of ['thorn', 'is:weapon', 'hand cannon', 'power:>=2000 -is:locked']) type(q);
    await act(() => new Promise((r) => setTimeout(r, 50)));
    expect(shown()).toBe('Ace of Spades, Thorn');
    expect(asked).toBe(0);
  });

  it('keeps the last result with a quiet hint while they load, then filters; one fetch for every later query', async () => {
    let release!: () => void;
    serveFacts(undefined, new Promise<void>((r) => (release = r)));
    show();
    type('is:weapon');
    expect(shown()).toBe('Ace of Spades, Thorn');
    type('stat:range:>=60');
    await waitFor(() => expect(asked).toBe(1));
    expect(hint()).toBe(FACTS_LOADING_HINT);
    expect(shown()).toBe('Ace of Spades, Thorn');
    release();
    await waitFor(() => expect(shown()).toBe('Ace of Spades'));
    expect(hint()).toBe('');
    type('basestat:range:=60');
    expect(shown()).toBe('Ace of Spades');
    type('perk:devourer or perkname:firefly');
    expect(shown()).toBe('Ace of Spades, Thorn');
    type('-perk:firefly');
    expect(shown()).toBe('Thorn, Glimmer');
    expect(asked).toBe(1);
  });

  it('fetches as soon as `perk:` is typed, and suggests the perk names from the answer', async () => {
    serveFacts();
    show();
    expect(screen.getByTestId('perk-names').textContent).toBe('');
    type('perk:');
    await waitFor(() => expect(screen.getByTestId('perk-names').textContent).toBe('firefly, mark of the devourer, memento mori'));
    expect(asked).toBe(1);
  });

  it('filters a shared link (?q=stat:…) once they arrive, showing everything meanwhile', async () => {
    let release!: () => void;
    serveFacts(undefined, new Promise<void>((r) => (release = r)));
    address.q = 'stat:range:<50';
    show();
    expect(shown()).toBe('Ace of Spades, Thorn, Glimmer');
    expect(hint()).toBe(FACTS_LOADING_HINT);
    release();
    await waitFor(() => expect(shown()).toBe('Thorn'));
  });

  it('says in a sentence when they cannot be loaded, and the page keeps its last result', async () => {
    serveFacts(() => HttpResponse.json({ error: { code: 'bungie_maintenance', message: 'Bungie.net is down for maintenance. Try again once it is back.' } }, { status: 503 }));
    show();
    type('thorn');
    expect(shown()).toBe('Thorn');
    type('stat:range:>=60');
    await waitFor(() => expect(hint()).toBe('Stat and perk searches need your items’ stats and perks, which could not be loaded: Bungie.net is down for maintenance. Try again once it is back.'));
    expect(shown()).toBe('Thorn');
    // Other searches still work.
    type('ace');
    expect(shown()).toBe('Ace of Spades');
    expect(hint()).toBe('');
  });

  it('asks again when the page shows an item the answer did not know (a new drop), not when items only move', async () => {
    serveFacts();
    const view = show();
    type('stat:range:>=60');
    await waitFor(() => expect(shown()).toBe('Ace of Spades'));
    // A move: same instances, another place.
    view.rerender([{ ...ITEMS[0]!, location: { kind: 'inventory', characterId: '9', label: 'In the inventory of your Hunter' } }, ITEMS[1]!, ITEMS[2]!]);
    await act(() => new Promise((r) => setTimeout(r, 50)));
    expect(asked).toBe(1);
    // A drop arrives with the refresh: the facts are asked once more, and it is found once they know it.
    FACTS.items['3'] = { stats: { range: 90 } };
    view.rerender([...ITEMS, tile('Dire Promise', '3')]);
    await waitFor(() => expect(shown()).toBe('Ace of Spades, Dire Promise'));
    expect(asked).toBe(2);
    delete FACTS.items['3'];
  });
});
