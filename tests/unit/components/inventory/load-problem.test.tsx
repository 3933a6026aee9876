import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LoadProblem } from '@/components/inventory/load-problem';

// The sign-in button is a server action (Auth.js); the session-ended page is not under test here.
vi.mock('@/components/auth/sign-in-button', () => ({ SignInButton: () => null }));

afterEach(cleanup);

describe('LoadProblem: what a page says when the items cannot be shown', () => {
  it('says Bungie could not show this, not that it is unavailable, when Bungie refused the request', () => {
    render(<LoadProblem problem={{ kind: 'bungie-unavailable', code: 'bungie_refused', message: 'Bungie.net refused this: Destiny Character Not Found' }} />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Bungie.net could not show this');
    expect(screen.getByRole('alert').textContent).toContain('Destiny Character Not Found');
    expect(screen.getByRole('alert').textContent).not.toMatch(/unavailable/i);
  });

  it('names an outage and maintenance as such', () => {
    render(<LoadProblem problem={{ kind: 'bungie-unavailable', code: 'bungie_unavailable', message: 'Bungie.net is not answering right now. Try again in a moment.' }} />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Bungie.net is unavailable');
    cleanup();
    render(<LoadProblem problem={{ kind: 'bungie-unavailable', code: 'bungie_maintenance', message: 'Bungie.net is down for maintenance. Try again once it is back.' }} />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Bungie.net is down for maintenance');
  });
});
