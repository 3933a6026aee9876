import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { useState } from 'react';
import { SWRConfig } from 'swr';
import { describe, expect, it } from 'vitest';
import { SearchShelf } from '@/components/inventory/search-shelf';
import { useSearchPrefs } from '@/components/inventory/use-search-prefs';
import type { SearchPrefsInput, SearchPrefsView } from '@/lib/search-prefs/schemas';
import { stubbedApiServer } from '@/tests/support/msw-page-api';

// The ☆ button and the Searches panel against a stubbed /api/search (msw) that keeps what it is sent.
const server = stubbedApiServer();

function stubPrefs(initial: SearchPrefsView) {
  const state = { ...initial, saved: [...initial.saved], recent: [...initial.recent] };
  const sent: SearchPrefsInput[] = [];
  server.use(
    http.get('*/api/search', () => HttpResponse.json(state)),
    http.post('*/api/search', async ({ request }) => {
      const input = (await request.json()) as SearchPrefsInput;
      sent.push(input);
      if (input.action === 'save') state.saved = [input.query, ...state.saved.filter((q) => q !== input.query)];
      if (input.action === 'unsave') state.saved = state.saved.filter((q) => q !== input.query);
      if (input.action === 'recent') state.recent = [input.query, ...state.recent.filter((q) => q !== input.query)].slice(0, 10);
      if (input.action === 'sort') state.sort = input.sort;
      return HttpResponse.json(state);
    }),
  );
  return { state, sent };
}

function Harness({ initial = '', valid = true }: { initial?: string; valid?: boolean }) {
  const [query, setQuery] = useState(initial);
  const prefs = useSearchPrefs(true);
  return (
    <>
      <output data-testid="query">{query}</output>
      <SearchShelf query={query} valid={valid} onPick={setQuery} prefs={prefs} />
    </>
  );
}

const show = (props: { initial?: string; valid?: boolean } = {}) =>
  render(
    <SWRConfig value={{ provider: () => new Map(), dedupingInterval: 0 }}>
      <Harness {...props} />
    </SWRConfig>,
  );

// The first render warms up modules: seconds on a busy machine.
describe('SearchShelf', { timeout: 20_000 }, () => {
  it('stars the query, then unstars it', async () => {
    const { sent } = stubPrefs({ saved: [], recent: [], sort: 'tier' });
    show({ initial: ' is:exotic ' });
    fireEvent.click(await screen.findByRole('button', { name: 'Save this search' }));
    const starred = await screen.findByRole('button', { name: 'Remove this saved search' });
    expect(starred.getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(starred);
    await screen.findByRole('button', { name: 'Save this search' });
    expect(sent).toEqual([{ action: 'save', query: 'is:exotic' }, { action: 'unsave', query: 'is:exotic' }]);
  });

  it('cannot star an empty or broken query', async () => {
    stubPrefs({ saved: [], recent: [], sort: 'tier' });
    show({ initial: 'is:foo', valid: false });
    expect((await screen.findByRole('button', { name: 'Save this search' })).hasAttribute('disabled')).toBe(true);
  });

  it('lists saved and recent searches; picking one fills the box and makes it recent; × removes a saved one', async () => {
    const { sent } = stubPrefs({ saved: ['is:handcannon'], recent: ['power:>1900', 'is:arc'], sort: 'tier' });
    show();
    fireEvent.click(await screen.findByRole('button', { name: 'Searches' }));
    const saved = screen.getByRole('region', { name: 'Saved searches' });
    const recent = screen.getByRole('region', { name: 'Recent searches' });
    expect(within(recent).getAllByRole('button').map((b) => b.textContent)).toEqual(['power:>1900', 'is:arc']);
    fireEvent.click(within(saved).getByRole('button', { name: 'is:handcannon' }));
    expect(screen.getByTestId('query').textContent).toBe('is:handcannon');
    await waitFor(() => expect(sent).toEqual([{ action: 'recent', query: 'is:handcannon' }]));
    fireEvent.click(screen.getByRole('button', { name: 'Searches' }));
    await waitFor(() => expect(within(screen.getByRole('region', { name: 'Recent searches' })).getAllByRole('button')[0]!.textContent).toBe('is:handcannon'));
    fireEvent.click(screen.getByRole('button', { name: 'Remove saved search is:handcannon' }));
    await within(screen.getByRole('region', { name: 'Saved searches' })).findByText(/Star a search/);
  });

  it('says why a change was refused', async () => {
    stubPrefs({ saved: [], recent: [], sort: 'tier' });
    server.use(http.post('*/api/search', () => HttpResponse.json({ error: { code: 'too_many_searches', message: 'You have 50 saved searches, the most Vault Raider keeps. Remove one first.' } }, { status: 409 })));
    show({ initial: 'is:arc' });
    fireEvent.click(await screen.findByRole('button', { name: 'Save this search' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/50 saved searches/);
  });
});
