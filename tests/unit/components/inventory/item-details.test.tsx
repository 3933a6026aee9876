import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { SWRConfig } from 'swr';
import { describe, expect, it } from 'vitest';
import { ItemDetails } from '@/components/inventory/item-details';
import type { ItemDetail } from '@/lib/inventory/types';
import { stubbedApiServer } from '@/tests/support/msw-page-api';

// The sheet's stats and perks against a stubbed /api/items/:id (msw), each render with its own SWR cache.
const server = stubbedApiServer();

const icon = (n: string) => `https://www.bungie.net/common/destiny2_content/icons/${n}.png`;
const DETAIL: ItemDetail = {
  instanceId: '6917529000000000042',
  stats: [
    { statHash: 4043523819, name: 'Impact', value: 84, max: 100 },
    { statHash: 1240592695, name: 'Range', value: 47, max: 100 },
    { statHash: 4284893193, name: 'Rounds Per Minute', value: 140, max: null },
  ],
  sockets: [
    { index: 0, label: 'Intrinsic', plugs: [{ hash: 1, name: 'Aggressive Frame', iconUrl: icon('a'), active: true, description: 'Rounds per minute: 140.' }] },
    { index: 3, label: 'Trait', plugs: [{ hash: 2, name: 'Outlaw', iconUrl: icon('b'), active: false, description: 'Precision kills greatly decrease reload time.' }, { hash: 3, name: 'Rapid Hit', iconUrl: icon('c'), active: true, description: '' }] },
  ],
};

function show(instanceId = DETAIL.instanceId) {
  return render(
    <SWRConfig value={{ provider: () => new Map(), dedupingInterval: 0 }}>
      <ItemDetails instanceId={instanceId} />
    </SWRConfig>,
  );
}

describe('ItemDetails', () => {
  it('shows a skeleton, then named stats as bars with their values and perks with the active one marked', async () => {
    let asked = '';
    server.use(http.get('*/api/items/:id', ({ params }) => {
      asked = String(params.id);
      return HttpResponse.json(DETAIL);
    }));
    show();
    expect(screen.getByRole('status').textContent).toMatch(/Loading stats and perks/);
    const stats = await screen.findByRole('region', { name: 'Stats' });
    expect(asked).toBe(DETAIL.instanceId);
    const meters = within(stats).getAllByRole('meter');
    expect(meters.map((m) => [m.getAttribute('aria-label') ?? (m.getAttribute('aria-labelledby') && document.getElementById(m.getAttribute('aria-labelledby')!)?.textContent), m.getAttribute('aria-valuenow'), m.getAttribute('aria-valuemax')])).toEqual([
      ['Impact', '84', '100'],
      ['Range', '47', '100'],
    ]);
    // A number-only stat has no bar, but its value is listed.
    expect(within(stats).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Impact84', 'Range47', 'Rounds Per Minute140']);

    const perks = screen.getByRole('region', { name: 'Perks' });
    const trait = within(perks).getByRole('list', { name: 'Trait' });
    const choices = within(trait).getAllByRole('listitem');
    expect(choices.map((c) => [c.textContent, c.getAttribute('aria-current')])).toEqual([
      ['Outlaw', null],
      ['Rapid Hit (active)', 'true'],
    ]);
    expect(within(perks).getByRole('list', { name: 'Intrinsic' }).textContent).toBe('Aggressive Frame');
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('shows what a perk does when it is tapped, under its socket, and hides it on a second tap', async () => {
    server.use(http.get('*/api/items/:id', () => HttpResponse.json(DETAIL)));
    show();
    const perks = await screen.findByRole('region', { name: 'Perks' });
    const outlaw = within(perks).getByRole('button', { name: 'Outlaw' });
    expect(outlaw.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(outlaw);
    expect(outlaw.getAttribute('aria-expanded')).toBe('true');
    const about = document.getElementById(outlaw.getAttribute('aria-controls')!)!;
    expect(about.textContent).toBe('Outlaw: Precision kills greatly decrease reload time.');
    fireEvent.click(within(perks).getByRole('button', { name: /Rapid Hit/ }));
    expect(about.textContent).toBe('Rapid Hit: the item database has no description for it.');
    fireEvent.click(within(perks).getByRole('button', { name: /Rapid Hit/ }));
    expect(about.textContent).toBe('');
  });

  it("explains a failure with the server's sentence and tries again on request", async () => {
    let fail = true;
    server.use(http.get('*/api/items/:id', () =>
      fail
        ? HttpResponse.json({ error: { code: 'bungie_maintenance', message: 'Bungie.net is down for maintenance. Try again once it is back.' } }, { status: 503 })
        : HttpResponse.json(DETAIL),
    ));
    show();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Stats and perks could not be loaded: Bungie.net is down for maintenance. Try again once it is back.');
    fail = false;
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    await screen.findByRole('region', { name: 'Stats' });
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says so when the server cannot be reached, and shows nothing for an item without stats or perks', async () => {
    server.use(http.get('*/api/items/:id', () => HttpResponse.error()));
    show();
    expect((await screen.findByRole('alert')).textContent).toMatch(/could not be reached/);
    cleanup();

    server.use(http.get('*/api/items/:id', () => HttpResponse.json({ instanceId: '1', stats: [], sockets: [] })));
    const { container } = show('1');
    await waitFor(() => expect(screen.queryByRole('status')).toBeNull());
    expect(container.textContent).toBe('');
  });
});
