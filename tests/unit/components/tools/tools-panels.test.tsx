import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { SWRConfig } from 'swr';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MakeRoomSetting } from '@/components/tools/make-room-setting';
import { MaxPower } from '@/components/tools/max-power';
import { PostmasterSweep } from '@/components/tools/postmaster-sweep';
import type { MaxPowerView, SweepReport } from '@/lib/tools/types';

// Rendering the whole browser (the first test also pays for the imports) takes seconds on a busy machine.
vi.setConfig({ testTimeout: 20_000 });
const { refresh } = vi.hoisted(() => ({ refresh: vi.fn() }));
vi.mock('next/navigation', () => ({ useRouter: () => ({ refresh }) }));

type Call = { url: string; method: string; body: unknown };
function answering(answer: (call: Call) => { status?: number; body: unknown }): Call[] {
  const calls: Call[] = [];
  globalThis.fetch = vi.fn(async (url: string, init: RequestInit = {}) => {
    const call = { url, method: init.method ?? 'GET', body: init.body ? JSON.parse(String(init.body)) : undefined };
    calls.push(call);
    const { status = 200, body } = answer(call);
    return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  }) as unknown as typeof fetch;
  return calls;
}
const fresh = (ui: React.ReactNode) => render(<SWRConfig value={{ provider: () => new Map() }}>{ui}</SWRConfig>);
afterEach(() => {
  cleanup();
  refresh.mockClear();
});

const TITAN = '2305843009000000010';

describe('Collect all', () => {
  const report: SweepReport = {
    ok: true, characterId: TITAN, collected: 1, total: 2, summary: "1 of 2 items collected from your Titan's postmaster.",
    items: [
      { itemId: '1', itemHash: 1, name: 'Ace of Spades', iconUrl: null, quantity: 1, status: 'collected_made_room', message: 'Collected onto your Titan after moving Jade Rabbit (the least valuable unlocked item there) to the vault to make room.', madeRoom: { itemId: '9', itemHash: 9, name: 'Jade Rabbit' } },
      { itemId: '2', itemHash: 2, name: 'Gjallarhorn', iconUrl: null, quantity: 1, status: 'left', message: 'The Power Weapons of your Titan are full, and every item there is locked, equipped or kept: make room yourself, then collect it.' },
    ],
  };

  it('sends the character and the kept ids, then reports item by item and reads the page again', async () => {
    const calls = answering(() => ({ body: report }));
    fresh(<PostmasterSweep characterId={TITAN} count={2} keep={['77']} />);
    fireEvent.click(screen.getByRole('button', { name: 'Collect all' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe(report.summary));
    expect(calls[0]).toEqual({ url: '/api/postmaster/collect', method: 'POST', body: { characterId: TITAN, keep: ['77'] } });
    const lines = within(screen.getByTestId('sweep-report')).getAllByRole('listitem');
    expect(lines.map((l) => l.getAttribute('data-status'))).toEqual(['collected_made_room', 'left']);
    expect(lines[1]!.textContent).toContain('Left at the postmaster: The Power Weapons of your Titan are full');
    expect(refresh).toHaveBeenCalled();
  });

  it('a refused sweep shows its sentence and reads nothing again', async () => {
    answering(() => ({ status: 503, body: { error: { code: 'bungie_maintenance', message: 'Bungie.net is down for maintenance. Try again once it is back.' } } }));
    fresh(<PostmasterSweep characterId={TITAN} count={2} keep={[]} />);
    fireEvent.click(screen.getByRole('button', { name: 'Collect all' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Bungie.net is down for maintenance. Try again once it is back.'));
    expect(refresh).not.toHaveBeenCalled();
  });

  it('shows nothing when nothing waits', () => {
    answering(() => ({ body: {} }));
    fresh(<PostmasterSweep characterId={TITAN} count={0} keep={[]} />);
    expect(screen.queryByTestId('postmaster-sweep')).toBeNull();
  });
});

describe('max power', () => {
  const view: MaxPowerView = {
    characterId: TITAN, power: 2005, equippedPower: 1990, emptySlots: [],
    items: [{ slot: 'Kinetic Weapons', itemId: '1', itemHash: 1, name: 'Ace of Spades', iconUrl: null, tier: 'exotic', power: 2010, where: 'In your vault', equipped: false }],
  };

  it('shows the reachable power, and “Equip max power” posts and shows the engine’s report', async () => {
    const calls = answering((c) => (c.method === 'POST'
      ? { body: { ok: true, loadoutId: 'max-power', characterId: TITAN, equipped: 1, total: 1, summary: 'All 1 items equipped on your Titan.', items: [{ itemId: '1', itemHash: 1, name: 'Ace of Spades', iconUrl: null, status: 'moved_equipped', unchanged: false, message: 'Moved from your vault and equipped.' }] } }
      : { body: view }));
    fresh(<MaxPower characterId={TITAN} className="Titan" />);
    await waitFor(() => expect(screen.getByTestId('max-power-value').textContent).toBe('2005'));
    expect(screen.getByTestId('max-power').textContent).toContain('(wearing 1990)');
    fireEvent.click(screen.getByRole('button', { name: 'Equip max power' }));
    await waitFor(() => expect(screen.getByTestId('apply-report').textContent).toContain('Moved from your vault and equipped.'));
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.url)).toEqual([`/api/characters/${TITAN}/max-power`]);
  });
});

describe('the make-room switch', () => {
  it('stores the choice and says what it does', async () => {
    const calls = answering((c) => ({ body: { autoMakeRoom: (c.body as { autoMakeRoom: boolean }).autoMakeRoom } }));
    fresh(<MakeRoomSetting initial={false} />);
    const box = screen.getByRole('checkbox', { name: /Make room automatically/ });
    fireEvent.click(box);
    await waitFor(() => expect((box as HTMLInputElement).checked).toBe(true));
    expect(calls[0]).toEqual({ url: '/api/settings', method: 'PUT', body: { autoMakeRoom: true } });
    expect(screen.getByText(/From now on, a move that finds no room makes the one suggested move first/)).toBeTruthy();
  });
});
