import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import AuthErrorPage from '@/app/auth/error/page';

vi.mock('@/lib/auth/actions', () => ({ signInWithBungie: vi.fn(), signOutOfVaultRaider: vi.fn() }));

afterEach(cleanup);

async function renderWith(error: string | string[] | undefined) {
  render(await AuthErrorPage({ searchParams: Promise.resolve({ error }) }));
  return screen.getByRole('alert').querySelector('p')!.textContent;
}

describe('/auth/error', () => {
  it('says what Auth.js reported for a code it knows', async () => {
    expect(await renderWith('AccessDenied')).toBe('Bungie.net did not allow the sign-in. Nothing was saved. Please try again.');
  });

  // Issue 17: these once reached Object's built-ins through a plain-object lookup and answered 500.
  it.each(['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty'])('answers the general sentence for ?error=%s', async (code) => {
    expect(await renderWith(code)).toBe('The sign-in could not be completed. Nothing was saved. Please try again.');
  });

  it('answers the general sentence for a repeated or missing code', async () => {
    expect(await renderWith(['AccessDenied', 'x'])).toBe('The sign-in could not be completed. Nothing was saved. Please try again.');
    cleanup();
    expect(await renderWith(undefined)).toBe('The sign-in could not be completed. Nothing was saved. Please try again.');
  });
});
