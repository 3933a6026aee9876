import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import LandingPage from '@/app/page';
import { SiteHeader } from '@/components/layout/site-header';

afterEach(cleanup);

describe('LandingPage', () => {
  it('offers one way in: signing in with Bungie', () => {
    render(<LandingPage />);
    const link = screen.getByRole('link', { name: 'Sign in with Bungie' });
    expect(link.getAttribute('href')).toBe('/api/auth/signin/bungie');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toMatch(/vault/i);
    expect(screen.getByText(/never sees your password/)).toBeTruthy();
  });
});

describe('SiteHeader', () => {
  it('names the app and links home', () => {
    render(<SiteHeader />);
    const home = screen.getByRole('link', { name: /vault raider/i });
    expect(home.getAttribute('href')).toBe('/');
  });
});
