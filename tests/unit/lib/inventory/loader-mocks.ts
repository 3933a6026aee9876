import { vi } from 'vitest';
import { resetConfigForTests } from '@/lib/config';
import { forgetPageDefinitions } from '@/lib/inventory/definitions';
import type { ManifestStore } from '@/lib/manifest/store';

/** What the mocked database, token vault and manifest store answer; tests set it. */
export const loaderState: {
  account: { destiny_membership_id: string | null; destiny_membership_type: number | null } | null;
  /** Tokens handed out in order; an Error (SessionEndedError) is thrown instead. */
  tokens: (string | Error)[];
  tokenCalls: { userId: string; staleToken?: string }[];
  store: ManifestStore | undefined;
  /** While set, the mocked account read (the membership) waits for it. */
  accountGate?: Promise<void>;
} = { account: null, tokens: [], tokenCalls: [], store: undefined };

/** The loadout queries the mocked database was asked (the character page's loader makes one). */
export const loadoutQueries: unknown[] = [];

/** Points the config at bungie.net (answered by msw) and clears the process-wide caches. */
export function resetLoaderState(): void {
  process.env.BUNGIE_API_KEY = 'test-key';
  process.env.BUNGIE_CLIENT_ID = '40000';
  process.env.BUNGIE_CLIENT_SECRET = 'test-secret';
  delete process.env.BUNGIE_SIMULATOR_URL;
  resetConfigForTests();
  forgetPageDefinitions();
  loaderState.account = null;
  loaderState.tokens = [];
  loaderState.tokenCalls = [];
  loaderState.store = undefined;
  loaderState.accountGate = undefined;
  loadoutQueries.length = 0;
}

/** The mocked getAccessToken: records the call and hands out the next token. */
export const fakeGetAccessToken = vi.fn(async (userId: string, options: { staleToken?: string } = {}) => {
  loaderState.tokenCalls.push({ userId, ...(options.staleToken ? { staleToken: options.staleToken } : {}) });
  const next = loaderState.tokens.shift();
  if (next === undefined) throw new Error('the test handed out no more tokens');
  if (next instanceof Error) throw next;
  return next;
});

/** Records the GetProfile URLs the loaders fetch (msw answers them). */
export function recordProfileCalls(): URL[] {
  const calls: URL[] = [];
  const real = globalThis.fetch;
  vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.pathname.includes('/Profile/')) calls.push(url);
    return real(input, init);
  });
  return calls;
}
