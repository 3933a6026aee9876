import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FarmingMode } from '@/components/tools/farming-mode';
import type { FarmedItem, FarmingReport } from '@/lib/tools/types';

// One router for the page's life, as Next's is: a new one each render would restart the loop.
const { refresh, router } = vi.hoisted(() => {
  const refresh = vi.fn();
  return { refresh, router: { refresh } };
});
vi.mock('next/navigation', () => ({ useRouter: () => router }));

type Call = { url: string; body: unknown };
/** Answers each farming turn with the next of `answers` (status, body); the last one repeats. */
function turns(answers: [number, unknown][]): Call[] {
  const calls: Call[] = [];
  globalThis.fetch = vi.fn(async (url: string, init: RequestInit = {}) => {
    calls.push({ url, body: JSON.parse(String(init.body)) });
    const [status, body] = answers[Math.min(calls.length, answers.length) - 1]!;
    return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  }) as unknown as typeof fetch;
  return calls;
}
const spare = (id: string, name: string): FarmedItem => ({ itemId: id, itemHash: 1, name, iconUrl: null, quantity: 1, kind: 'room', slot: 'Kinetic Weapons' });
const report = (characterId: string, moved: FarmedItem[], extra: Partial<FarmingReport> = {}): FarmingReport => ({
  ok: true, characterId, moved, stuck: [], engrams: { count: 3, capacity: 10 }, waiting: 0, summary: '', ...extra,
});
const toggle = () => screen.getByRole('switch', { name: 'Farming mode' });

afterEach(() => {
  cleanup();
  refresh.mockClear();
});

describe('farming mode switch', () => {
  it('is off by default and asks nothing until turned on', async () => {
    const calls = turns([[200, report('1', [])]]);
    render(<FarmingMode characterId="1" className="Titan" />);
    expect((toggle() as HTMLInputElement).checked).toBe(false);
    await new Promise((r) => setTimeout(r, 50));
    expect(calls).toHaveLength(0);
  });

  it('turned on, asks for turns (again at once while items wait), reports the running total and stops at the first refusal', async () => {
    const calls = turns([
      [200, report('2', [spare('11', 'Ashen Oath'), spare('12', 'Iron Tide')], { waiting: 1 })],
      [200, report('2', [spare('13', 'Lunar Vigil')], { engrams: { count: 4, capacity: 10 }, stopped: { code: 'no_room', message: 'Farming stopped: your vault is full. Make room there, then turn farming on again.' } })],
    ]);
    render(<FarmingMode characterId="2" className="Titan" />);
    fireEvent.click(toggle());
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Farming stopped: your vault is full. Make room there, then turn farming on again.');
    expect(calls.map((c) => c.url)).toEqual(['/api/characters/2/farming', '/api/characters/2/farming']);
    expect(calls[0]!.body).toEqual({ consumables: false });
    expect(screen.getByTestId('farming-status').textContent).toBe('Moved 3 items to the vault.');
    // The Engrams bucket's fill from the last turn, not a warning while there is room.
    expect(screen.getByTestId('farming-engrams').textContent).toBe('Engrams: 4/10.');
    expect(screen.getByTestId('farming-engrams').dataset.full).toBe('false');
    // Newest first, by name (the icon placeholder aside).
    const lines = within(screen.getByTestId('farming-report')).getAllByRole('listitem');
    expect(lines.map((li) => li.getAttribute('data-item-id'))).toEqual(['13', '12', '11']);
    expect(lines.map((li) => li.querySelector('span.truncate')?.textContent)).toEqual(['Lunar Vigil', 'Iron Tide', 'Ashen Oath']);
    expect((toggle() as HTMLInputElement).checked).toBe(false);
    expect(refresh).toHaveBeenCalledTimes(2);
    // Stopped: no further turn.
    await new Promise((r) => setTimeout(r, 50));
    expect(calls).toHaveLength(2);
  });

  it('a route error (maintenance) stops it with the route’s sentence; consumables are asked for when ticked', async () => {
    const calls = turns([[503, { error: { code: 'bungie_maintenance', message: 'Bungie.net is down for maintenance. Try again later.' } }]]);
    render(<FarmingMode characterId="3" className="Hunter" />);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Consumables too' }));
    fireEvent.click(toggle());
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Farming stopped: Bungie.net is down for maintenance. Try again later.'));
    expect(calls[0]!.body).toEqual({ consumables: true });
    expect((toggle() as HTMLInputElement).checked).toBe(false);
    expect(refresh).not.toHaveBeenCalled();
  });

  it('warns when the Engrams bucket is full (drops go to the postmaster) and names full slots nothing could leave', async () => {
    turns([[200, report('4', [], { engrams: { count: 10, capacity: 10 }, stuck: ['Helmet', 'Leg Armor'] })]]);
    render(<FarmingMode characterId="4" className="Warlock" />);
    fireEvent.click(toggle());
    const engrams = await screen.findByTestId('farming-engrams');
    expect(engrams.textContent).toBe('Engrams full (10/10): new engrams go to the postmaster. Decrypt some to make room.');
    expect(engrams.dataset.full).toBe('true');
    expect(screen.getByTestId('farming-stuck').textContent).toBe('Full, and every item there is locked, equipped or kept: Helmet, Leg Armor. Drops for them go to the postmaster.');
    expect(screen.getByTestId('farming-status').textContent).toBe('Nothing needed moving.');
    // Still on: a full Engrams bucket is a warning, not a refusal.
    expect((toggle() as HTMLInputElement).checked).toBe(true);
    fireEvent.click(toggle());
  });
});
