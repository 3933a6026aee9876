import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadReplay } from '@/dev/bungie-sim/index';
import { profileKey, rememberCharacters } from '@/lib/inventory/known-characters';
import { loadXur } from '@/lib/inventory/loaders/load-xur';
import { createMemoryStore } from '../../../../support/memory-manifest-store';
import { useSimulator } from '../../../dev/bungie-sim/sim-harness';
import { loaderState, resetLoaderState } from '../loader-mocks';

// Factories load the shared state lazily: vi.mock is hoisted above every import.
vi.mock('@/lib/db/client', () => ({
  getPrisma: async () => ({ account: { findUnique: async () => (await import('../loader-mocks')).loaderState.account } }),
}));
vi.mock('@/lib/auth/access-token', async (original) => ({
  ...(await original<object>()),
  getAccessToken: async (userId: string, options?: { staleToken?: string }) => (await import('../loader-mocks')).fakeGetAccessToken(userId, options),
}));
vi.mock('@/lib/manifest/get-store', () => ({ getManifestStore: async () => (await import('../loader-mocks')).loaderState.store }));

// Saturday: Xûr is in (Friday 17:00 → Tuesday 17:00 UTC). Wednesday: he is not.
const SATURDAY = '2026-11-28T12:00:00Z';
const WEDNESDAY = '2026-11-25T12:00:00Z';

/** Every Bungie /Platform URL fetched during a test. */
function recordBungieCalls(): URL[] {
  const calls: URL[] = [];
  const real = globalThis.fetch;
  vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.pathname.startsWith('/Platform/')) calls.push(url);
    return real(input, init);
  });
  return calls;
}

describe('loadXur against the simulator', () => {
  const harness = useSimulator();

  function setUp(now: string, signedIn: boolean) {
    const h = harness();
    h.sim.controls.setNow(now);
    const store = createMemoryStore(h.sim.manifest);
    loaderState.store = store;
    if (signedIn) {
      const m = h.membership();
      loaderState.account = { destiny_membership_id: m.id, destiny_membership_type: m.type };
      const token = h.sim.issueTokens().access_token;
      loaderState.tokens = [token, token];
    }
    return { h, store };
  }

  beforeEach(resetLoaderState);
  afterEach(() => vi.restoreAllMocks());

  it('signed in on his days: ONE Vendors call for a known character, his full stock with named costs', async () => {
    const { h, store } = setUp(SATURDAY, true);
    const character = h.sim.world.characters[0]!.characterId;
    rememberCharacters(profileKey('user-x1', { membershipId: h.membership().id }), [character]);
    const calls = recordBungieCalls();
    const result = await loadXur('user-x1', { now: new Date(SATURDAY) });
    if (result.kind !== 'ok' || !result.view.present) throw new Error(`expected Xûr present, got ${JSON.stringify(result)}`);
    const { view } = result;
    expect(calls.map((u) => u.pathname)).toEqual([expect.stringMatching(new RegExp(`/Character/${character}/Vendors/$`))]);
    expect(calls[0]?.searchParams.get('components')).toBe('400,402');
    expect(view).toMatchObject({ source: 'character', name: 'Xûr', subtitle: 'Agent of the Nine', leavesAt: '2026-12-01T17:00:00.000Z', unknownHashes: [] });
    // One exotic weapon and one exotic armour piece per class.
    expect(view.offers).toHaveLength(4);
    expect(view.offers.every((o) => o.known && o.tier === 'exotic' && o.iconUrl?.startsWith('https://www.bungie.net/'))).toBe(true);
    expect(view.offers.slice(1).map((o) => o.classType).sort()).toEqual([0, 1, 2]);
    expect(view.offers[0]?.costs).toEqual([{ hash: 1022552290, name: 'Legendary Shards', quantity: 29, iconUrl: expect.stringContaining('/icons/') }]);
    // One batched read per table: items (offers and costs together), vendors, then buckets.
    expect(store.reads.map((r) => r.table).sort()).toEqual(['buckets', 'items', 'vendors']);
  });

  it('signed in with no character known yet: learns them with one small GetProfile first', async () => {
    setUp(SATURDAY, true);
    const calls = recordBungieCalls();
    const result = await loadXur('user-x2', { now: new Date(SATURDAY) });
    expect(result.kind === 'ok' && result.view.present).toBe(true);
    expect(calls.map((u) => u.searchParams.get('components'))).toEqual(['200', '400,402']);
  });

  it('signed in outside his days: absent, back next Friday 17:00 UTC', async () => {
    setUp(WEDNESDAY, true);
    const result = await loadXur('user-x3', { now: new Date(WEDNESDAY) });
    expect(result).toEqual({ kind: 'ok', view: { present: false, source: 'character', name: 'Xûr', returnsAt: '2026-11-27T17:00:00.000Z' } });
  });

  it('for a visitor on his days: the public preview without a token, without the class items', async () => {
    setUp(SATURDAY, false);
    const calls = recordBungieCalls();
    const result = await loadXur(null, { now: new Date(SATURDAY) });
    if (result.kind !== 'ok' || !result.view.present) throw new Error('expected Xûr present');
    expect(calls.map((u) => u.pathname)).toEqual(['/Platform/Destiny2/Vendors/']);
    expect(loaderState.tokenCalls).toEqual([]);
    expect(result.view.source).toBe('public');
    expect(result.view.offers.map((o) => o.classType)).toEqual([3]);
  });

  it('for a visitor outside his days: says the preview has no Xûr and when he returns', async () => {
    setUp(WEDNESDAY, false);
    const result = await loadXur(null, { now: new Date(WEDNESDAY) });
    expect(result).toEqual({ kind: 'ok', view: { present: false, source: 'public', name: 'Xûr', returnsAt: '2026-11-27T17:00:00.000Z' } });
  });

  it('turns maintenance into a problem page, not an error', async () => {
    const { h } = setUp(SATURDAY, false);
    h.sim.controls.setMaintenance(true);
    const result = await loadXur(null);
    expect(result).toMatchObject({ kind: 'bungie-unavailable', message: expect.stringMatching(/maintenance/) });
  });

  it('a refusal that is no outage (character not found, 1620) says Bungie’s reason, never "unavailable"', async () => {
    const { h } = setUp(SATURDAY, true);
    rememberCharacters(profileKey('user-x9', { membershipId: h.membership().id }), ['2305843009999999999']);
    const result = await loadXur('user-x9', { now: new Date(SATURDAY) });
    expect(result).toEqual({ kind: 'bungie-unavailable', code: 'bungie_refused', message: expect.stringMatching(/Destiny Character Not Found|DestinyCharacterNotFound|character/i) });
  });

  it('without a manifest yet: no-manifest', async () => {
    const { store } = setUp(SATURDAY, false);
    store.setVersion(null);
    expect((await loadXur(null)).kind).toBe('no-manifest');
  });
});

// The same files `BUNGIE_SIM_VENDORS` / `BUNGIE_SIM_DEFINITIONS` replay in the demo.
const FIXTURES = path.join(import.meta.dirname, '../../../../fixtures/bungie');
const replay = loadReplay({ vendors: path.join(FIXTURES, 'vendors-xur-replay.json'), definitionsDir: path.join(FIXTURES, 'definitions') });

describe('loadXur on a recorded Vendors answer replayed by the simulator', () => {
  const harness = useSimulator({ replay });

  beforeEach(() => {
    resetLoaderState();
    const h = harness();
    const m = h.membership();
    loaderState.account = { destiny_membership_id: m.id, destiny_membership_type: m.type };
    loaderState.store = createMemoryStore(h.sim.manifest);
    loaderState.tokens = [h.sim.issueTokens().access_token];
    rememberCharacters(profileKey('user-r', { membershipId: m.id }), [h.sim.world.characters[0]!.characterId]);
  });

  it('shows the recorded stock in vendor order, recorded names, costs, and the unknown hash as a placeholder', async () => {
    const result = await loadXur('user-r', { now: new Date('2026-11-28T12:00:00Z') });
    if (result.kind !== 'ok' || !result.view.present) throw new Error('expected Xûr present');
    const { view } = result;
    expect(view.leavesAt).toBe('2026-12-01T17:00:00.000Z');
    expect(view.offers.map((o) => [o.key, o.name, o.tier, o.typeName])).toEqual([
      ['3', 'Recorded Hand Cannon', 'legendary', 'Hand Cannon'],
      ['12', 'Recorded Exotic', 'exotic', 'Scout Rifle'],
      ['20', 'Unknown item 3999999777', 'unknown', ''],
    ]);
    expect(view.offers[0]?.costs.map((c) => [c.name, c.quantity])).toEqual([['Glimmer', 25000], ['Legendary Shards', 10]]);
    expect(view.offers[2]).toMatchObject({ known: false, iconUrl: null });
    expect(view.unknownHashes).toEqual([3999999777]);
  });
});
