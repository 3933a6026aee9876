import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiError, fetchJson, OFFLINE_MESSAGE, tryFetchJson } from '@/components/fetch-json';
import { postItemAction } from '@/components/inventory/item-action-client';
import { callLoadouts } from '@/components/loadouts/loadout-client';

// The browser resolves the helpers' relative paths against the page; here, against this origin.
const ORIGIN = 'http://app.test';
const server = setupServer();

beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
  // After listen: msw's interceptor is what `fetch` is now.
  const intercepted = globalThis.fetch;
  vi.stubGlobal('fetch', (input: string, init?: RequestInit) => intercepted(new URL(input, ORIGIN), init));
});
afterEach(() => server.resetHandlers());
afterAll(() => {
  server.close();
  vi.unstubAllGlobals();
});

/** The refusal of a transfer into a full slot, as lib/actions/refusals.ts sends it. */
const NO_ROOM = {
  error: {
    code: 'no_room',
    message: 'There is no room in your Hunter for this item. Move Ace of Spades from your Hunter to the vault to make room?',
    suggestion: { label: 'Move Ace of Spades from your Hunter to the vault', move: { itemId: '6917529', itemHash: 347366834, from: '2305843', to: 'vault' } },
  },
};

describe('fetchJson', () => {
  it('sends the body as JSON with the method, and returns the JSON answer', async () => {
    let seen: { method: string; type: string | null; body: unknown } | undefined;
    server.use(http.patch(`${ORIGIN}/api/loadouts/abc`, async ({ request }) => {
      seen = { method: request.method, type: request.headers.get('content-type'), body: await request.json() };
      return HttpResponse.json({ loadout: { id: 'abc', name: 'Raid' } });
    }));
    await expect(fetchJson('/api/loadouts/abc', { method: 'PATCH', body: { name: 'Raid' } })).resolves.toEqual({ loadout: { id: 'abc', name: 'Raid' } });
    expect(seen).toEqual({ method: 'PATCH', type: 'application/json', body: { name: 'Raid' } });
  });

  it('reads the error envelope into an ApiError: code, sentence, status and the extra facts', async () => {
    server.use(http.post(`${ORIGIN}/api/items/transfer`, () => HttpResponse.json(NO_ROOM, { status: 409 })));
    const error = await fetchJson('/api/items/transfer', { method: 'POST', body: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'no_room', status: 409, message: NO_ROOM.error.message, details: { suggestion: NO_ROOM.error.suggestion } });
  });

  it('an answer without the envelope (a proxy\'s HTML page) is "unexpected" with its status', async () => {
    server.use(http.get(`${ORIGIN}/api/profile`, () => new HttpResponse('<html>Bad gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } })));
    await expect(fetchJson('/api/profile')).rejects.toMatchObject({ code: 'unexpected', status: 502, message: 'Something went wrong (HTTP 502). Try again.' });
  });

  it('nothing answering is "offline" with a sentence, not a TypeError', async () => {
    server.use(http.get(`${ORIGIN}/api/profile`, () => HttpResponse.error()));
    await expect(fetchJson('/api/profile')).rejects.toMatchObject({ name: 'ApiError', code: 'offline', status: 0, message: OFFLINE_MESSAGE });
  });

  it('tryFetchJson returns the ApiError instead of throwing it', async () => {
    server.use(http.delete(`${ORIGIN}/api/loadouts/gone`, () => HttpResponse.json({ error: { code: 'not_found', message: 'That loadout no longer exists.' } }, { status: 404 })));
    const outcome = await tryFetchJson('/api/loadouts/gone', { method: 'DELETE' });
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.error).toMatchObject({ code: 'not_found', status: 404, message: 'That loadout no longer exists.' });
  });
});

describe('the two route helpers on fetchJson', () => {
  it('postItemAction: the places on success; the refusal with its suggested move on a 409', async () => {
    const place = { itemId: '6917529', itemHash: 347366834, owner: 'vault', equipped: false, locked: false };
    server.use(http.post(`${ORIGIN}/api/items/transfer`, () => HttpResponse.json({ ok: true, items: [place] })));
    await expect(postItemAction('transfer', { itemId: '6917529', itemHash: 347366834, from: '2305843', to: 'vault' })).resolves.toEqual({ ok: true, items: [place] });

    server.use(http.post(`${ORIGIN}/api/items/transfer`, () => HttpResponse.json(NO_ROOM, { status: 409 })));
    await expect(postItemAction('transfer', { itemId: '1', itemHash: 2, from: 'vault', to: '2305843' })).resolves.toMatchObject({
      ok: false, code: 'no_room', message: NO_ROOM.error.message, suggestion: NO_ROOM.error.suggestion,
    });
  });

  it('postItemAction: a half-done move says where the item is now', async () => {
    const error = { code: 'no_room', message: 'Moved to your vault, but not on to your Warlock: there is no room.', partial: true, nowIn: 'vault' };
    server.use(http.post(`${ORIGIN}/api/items/transfer`, () => HttpResponse.json({ error }, { status: 409 })));
    await expect(postItemAction('transfer', { itemId: '1', itemHash: 2, from: '2305843', to: '2305844' })).resolves.toMatchObject({ ok: false, partial: true, nowIn: 'vault' });
  });

  it('callLoadouts: the data on success; code and sentence on a refusal or with no network', async () => {
    server.use(http.post(`${ORIGIN}/api/loadouts`, () => HttpResponse.json({ loadout: { id: 'l1' } }, { status: 201 })));
    await expect(callLoadouts('POST', '/api/loadouts', { name: 'Raid', characterId: '2305843' })).resolves.toEqual({ ok: true, data: { loadout: { id: 'l1' } } });

    server.use(http.post(`${ORIGIN}/api/loadouts`, () => HttpResponse.json({ error: { code: 'invalid_body', message: 'a loadout needs a name' } }, { status: 400 })));
    await expect(callLoadouts('POST', '/api/loadouts', { name: '' })).resolves.toEqual({ ok: false, code: 'invalid_body', message: 'a loadout needs a name' });

    server.use(http.post(`${ORIGIN}/api/loadouts`, () => HttpResponse.error()));
    await expect(callLoadouts('POST', '/api/loadouts', {})).resolves.toEqual({ ok: false, code: 'offline', message: OFFLINE_MESSAGE });
  });
});
