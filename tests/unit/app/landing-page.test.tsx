import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Landing } from '@/components/layout/landing';
import { SiteHeader } from '@/components/layout/site-header';

// The server actions run on the server; here only the forms that call them are rendered.
vi.mock('@/lib/auth/actions', () => ({ signInWithBungie: vi.fn(), signOutOfVaultRaider: vi.fn() }));

afterEach(cleanup);

describe('Landing', () => {
  it('offers one way in: a "Sign in with Bungie" submit button', () => {
    render(<Landing sessionEnded={false} />);
    const button = screen.getByRole('button', { name: 'Sign in with Bungie' });
    expect(button.getAttribute('type')).toBe('submit');
    expect(button.closest('form')).not.toBeNull();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toMatch(/vault/i);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says so when the Bungie session has ended', () => {
    render(<Landing sessionEnded />);
    expect(screen.getByRole('alert').textContent).toBe('Your Bungie session has ended — sign in again.');
  });
});

describe('SiteHeader', () => {
  it('names the app and links home, with no player when signed out', () => {
    render(<SiteHeader />);
    expect(screen.getByRole('link', { name: /vault raider/i }).getAttribute('href')).toBe('/');
    expect(screen.queryByRole('button', { name: 'Sign out' })).toBeNull();
  });

  it('shows the player name, platform and a sign-out button when signed in', () => {
    render(<SiteHeader player={{ name: 'Guardian#1234', platform: 'Steam' }} />);
    expect(screen.getByTestId('player').textContent).toBe('Guardian#1234Steam');
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeTruthy();
  });
});
