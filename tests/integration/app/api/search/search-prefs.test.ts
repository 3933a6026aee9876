import { beforeAll, describe, expect, it } from 'vitest';
import { GET, POST } from '@/app/api/search/route';
import { getPrisma } from '@/lib/db/client';
import type { SearchPrefsView } from '@/lib/search-prefs/schemas';
import { signInPlayer, withAppStack, type TestPlayer } from '@/tests/support/app-harness';
import { loadoutRequest, signInOtherUser, type Answer } from '@/tests/support/loadouts';

// Starred and recent searches and the sort order, through the exported route handlers, on a real
// PostgreSQL database. No Bungie call is involved.
const stack = withAppStack({ ingestManifest: false });
let player: TestPlayer;
let other: TestPlayer;
beforeAll(async () => {
  player = await signInPlayer(stack.sim);
  other = await signInOtherUser();
});

async function call<T = SearchPrefsView>(who: () => { cookie?: string }, body?: unknown, origin?: string | null): Promise<Answer<T>> {
  const request = loadoutRequest(body === undefined ? 'GET' : 'POST', '/api/search', body, { cookie: who().cookie, origin: body === undefined ? null : origin });
  const response = await (body === undefined ? GET : POST)(request as never, { params: Promise.resolve({}) } as never);
  return { status: response.status, body: (await response.json()) as Answer<T>['body'] };
}
const me = () => player;
const them = () => other;

describe('search preferences per player', () => {
  it('starts empty with the rarity order', async () => {
    const answer = await call(them);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ saved: [], recent: [], sort: 'tier' });
  });

  it('stars a query (trimmed, once), lists it newest first, and unstars it', async () => {
    expect((await call(me, { action: 'save', query: '  /* rare non-max */ is:blue is:weapon or is:armor not:maxpower ' })).status).toBe(200);
    const saved = await call(me, { action: 'save', query: 'is:handcannon stat:range:>=60' });
    expect(saved.body.saved).toEqual(['is:handcannon stat:range:>=60', '/* rare non-max */ is:blue is:weapon or is:armor not:maxpower']);
    await call(me, { action: 'save', query: 'is:handcannon stat:range:>=60' });
    expect((await call(me)).body.saved).toHaveLength(2);
    const removed = await call(me, { action: 'unsave', query: 'is:handcannon stat:range:>=60' });
    expect(removed.body.saved).toEqual(['/* rare non-max */ is:blue is:weapon or is:armor not:maxpower']);
    // Another player sees none of it.
    expect((await call(them)).body.saved).toEqual([]);
  });

  it('keeps the last ten recent searches, a repeated one moving to the top', async () => {
    for (let i = 1; i <= 12; i++) await call(me, { action: 'recent', query: `power:>${1800 + i}` });
    await call(me, { action: 'recent', query: 'power:>1805' });
    const recent = (await call(me)).body.recent;
    expect(recent).toHaveLength(10);
    expect(recent[0]).toBe('power:>1805');
    expect(recent).not.toContain('power:>1801');
    expect(recent).not.toContain('power:>1802');
    const rows = await (await getPrisma()).savedSearch.count({ where: { userId: player.userId, kind: 'recent' } });
    expect(rows).toBe(10);
  });

  it('remembers the sort order', async () => {
    expect((await call(me, { action: 'sort', sort: 'power' })).body.sort).toBe('power');
    expect((await call(me)).body.sort).toBe('power');
    expect((await call(them)).body.sort).toBe('tier');
  });

  it.each([
    ['an empty query', { action: 'save', query: '   ' }],
    ['a query of 501 characters', { action: 'save', query: 'x'.repeat(501) }],
    ['a control character', { action: 'recent', query: 'is:arc\u0007' }],
    ['an unknown sort', { action: 'sort', sort: 'colour' }],
    ['an unknown action', { action: 'wipe' }],
    ['extra fields', { action: 'save', query: 'a', userId: 'someone-else' }],
  ])('refuses %s with 400 and a sentence', async (_what, body) => {
    const answer = await call(me, body);
    expect(answer.status).toBe(400);
    expect(answer.body.error?.message).toMatch(/^[A-Z].+\.$/);
  });

  it('refuses a signed-out caller with 401 and another site with 403', async () => {
    expect((await call(() => ({}))).status).toBe(401);
    expect((await call(me, { action: 'save', query: 'a' }, 'https://evil.example')).status).toBe(403);
  });

  it('keeps at most 50 starred searches, saying so', async () => {
    for (let i = 0; i < 50; i++) await call(them, { action: 'save', query: `name:item${i}` });
    const refused = await call(them, { action: 'save', query: 'name:one-more' });
    expect(refused.status).toBe(409);
    expect(refused.body.error?.code).toBe('too_many_searches');
    // Re-starring one already kept is no new row: allowed.
    expect((await call(them, { action: 'save', query: 'name:item3' })).status).toBe(200);
  });
});
