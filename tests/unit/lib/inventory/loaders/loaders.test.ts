import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionEndedError } from '@/lib/auth/access-token';
import { isPlayersCharacter } from '@/lib/inventory/loaders/check-character';
import { loadCharacter } from '@/lib/inventory/loaders/load-character';
import { loadVault } from '@/lib/inventory/loaders/load-vault';
import { createMemoryStore } from '../../../../support/memory-manifest-store';
import { useSimulator } from '../../../dev/bungie-sim/sim-harness';
import { loaderState, loadoutQueries, recordProfileCalls, resetLoaderState } from '../loader-mocks';

// Factories load the shared state lazily: vi.mock is hoisted above every import.
vi.mock('@/lib/db/client', () => ({
  getPrisma: async () => ({
    account: {
      findUnique: async () => {
        const { loaderState: state } = await import('../loader-mocks');
        await state.accountGate;
        return state.account;
      },
    },
    loadout: { findMany: async (query: unknown) => (await import('../loader-mocks')).loadoutQueries.push(query) && [] },
    // The player's tags and notes (lib/annotations): none here; tests/integration/app/api/annotations covers them.
    itemAnnotation: { findMany: async () => [] },
  }),
}));
vi.mock('@/lib/auth/access-token', async (original) => ({
  ...(await original<object>()),
  getAccessToken: async (userId: string, options?: { staleToken?: string }) => (await import('../loader-mocks')).fakeGetAccessToken(userId, options),
}));
vi.mock('@/lib/manifest/get-store', () => ({ getManifestStore: async () => (await import('../loader-mocks')).loaderState.store }));

describe('inventory loaders against the simulator', () => {
  const harness = useSimulator();

  function signedIn() {
    const h = harness();
    const m = h.membership();
    loaderState.account = { destiny_membership_id: m.id, destiny_membership_type: m.type };
    const store = createMemoryStore(h.sim.manifest);
    loaderState.store = store;
    return { h, store, token: h.sim.issueTokens().access_token };
  }

  beforeEach(resetLoaderState);
  afterEach(() => vi.restoreAllMocks());

  describe('loadVault', () => {
    it('makes ONE GetProfile with components 102,200,300 (no stats or sockets: the search asks for those) and one batched read per table', async () => {
      const { h, store, token } = signedIn();
      loaderState.tokens = [token, token];
      const calls = recordProfileCalls();
      const result = await loadVault('user-1');
      expect(result.kind).toBe('ok');
      if (result.kind !== 'ok') return;
      expect(result.view.count).toBe(h.sim.world.items.filter((i) => i.owner === 'vault').length);
      expect(calls.map((u) => u.searchParams.get('components'))).toEqual(['102,200,300']);
      expect(store.reads.map((r) => r.table).sort()).toEqual(['buckets', 'classes', 'damageTypes', 'items', 'races']);
      // The tiles carry no stats or perks: GET /api/items/facts answers those when a query needs them.
      const weapons = result.view.groups.find((g) => g.id === 'weapons')!.sections.flatMap((s) => s.items);
      expect(weapons.some((t) => 'stats' in t || 'baseStats' in t || 'perks' in t)).toBe(false);
      expect(weapons.every((t) => t.subType !== undefined && t.subType > 0)).toBe(true);

      // The next page view finds every definition in the cache: no store read at all.
      store.reads.length = 0;
      expect((await loadVault('user-1')).kind).toBe('ok');
      expect(store.reads).toEqual([]);
      expect(calls).toHaveLength(2);
    });

    it('refreshes a token Bungie refuses, then retries once', async () => {
      const { token } = signedIn();
      loaderState.tokens = ['revoked-or-expired', token];
      const calls = recordProfileCalls();
      expect((await loadVault('user-1')).kind).toBe('ok');
      expect(loaderState.tokenCalls).toEqual([{ userId: 'user-1' }, { userId: 'user-1', staleToken: 'revoked-or-expired' }]);
      expect(calls).toHaveLength(2);
    });

    it('shows the ended session when Bungie refuses the refreshed token too', async () => {
      signedIn();
      loaderState.tokens = ['revoked-or-expired', 'refused-as-well'];
      const calls = recordProfileCalls();
      expect(await loadVault('user-1')).toEqual({ kind: 'session-ended' });
      expect(calls).toHaveLength(2);
    });

    it('says so when Bungie is in maintenance, throttling or down', async () => {
      const { h, token } = signedIn();
      h.sim.controls.setMaintenance(true);
      loaderState.tokens = [token];
      expect(await loadVault('user-1')).toEqual({ kind: 'bungie-unavailable', message: expect.stringMatching(/maintenance/), code: 'bungie_maintenance' });
      h.sim.controls.setMaintenance(false);
      h.sim.controls.setThrottled(true);
      loaderState.tokens = [token];
      expect(await loadVault('user-1')).toEqual({ kind: 'bungie-unavailable', message: expect.stringMatching(/slow down/), code: 'bungie_throttled' });
      h.sim.controls.setThrottled(false);
      h.sim.controls.setOutage(true);
      loaderState.tokens = [token];
      expect(await loadVault('user-1')).toEqual({ kind: 'bungie-unavailable', message: expect.stringMatching(/not answering/), code: 'bungie_unavailable' });
    });

    it('reports an ended session, a missing Destiny account and a missing manifest', async () => {
      const { h } = signedIn();
      loaderState.tokens = [new SessionEndedError()];
      expect(await loadVault('user-1')).toEqual({ kind: 'session-ended' });

      loaderState.store = createMemoryStore(h.sim.manifest, null);
      loaderState.tokens = [h.sim.issueTokens().access_token];
      expect(await loadVault('user-1')).toEqual({ kind: 'no-manifest' });

      loaderState.account = { destiny_membership_id: null, destiny_membership_type: null };
      expect(await loadVault('user-1')).toEqual({ kind: 'no-destiny-account' });
    });

    it('asks for the access token while the membership is read, not after it (one database round trip less before GetProfile)', async () => {
      const { token } = signedIn();
      loaderState.tokens = [token];
      let answerAccount!: () => void;
      loaderState.accountGate = new Promise((resolve) => (answerAccount = resolve));
      const page = loadVault('user-1');
      await vi.waitFor(() => expect(loaderState.tokenCalls).toEqual([{ userId: 'user-1' }]));
      answerAccount();
      expect((await page).kind).toBe('ok');
      // Without a membership the token read (here refused) is nobody's business: no unhandled rejection.
      loaderState.account = { destiny_membership_id: null, destiny_membership_type: null };
      loaderState.tokens = [new SessionEndedError()];
      expect(await loadVault('user-1')).toEqual({ kind: 'no-destiny-account' });
    });

    it('says the database is down when reading the tokens cannot reach it, and rethrows bugs', async () => {
      signedIn();
      // What Prisma throws when PostgreSQL is stopped under the app (P1001 through the pg adapter).
      loaderState.tokens = [Object.assign(new Error("Can't reach database server at 127.0.0.1:5432"), { code: 'P1001' })];
      expect(await loadVault('user-1')).toEqual({ kind: 'database-unavailable' });
      loaderState.tokens = [new TypeError('a bug')];
      await expect(loadVault('user-1')).rejects.toThrow('a bug');
    });
  });

  describe('loadCharacter', () => {
    it('asks GetProfile for 200,201,205,300 and builds the character', async () => {
      const { h, token } = signedIn();
      const warlock = h.sim.world.characters.find((c) => c.classType === 2)!;
      loaderState.tokens = [token];
      const calls = recordProfileCalls();
      const result = await loadCharacter('user-1', warlock.characterId);
      expect(result.kind === 'ok' && result.view.character.className).toBe('Warlock');
      expect(calls.map((u) => u.searchParams.get('components'))).toEqual(['200,201,205,300']);
      // The page's loadouts come through its loader: one query of this player's.
      expect(result.kind === 'ok' && result.view.loadouts).toEqual([]);
      expect(loadoutQueries).toEqual([expect.objectContaining({ where: expect.objectContaining({ userId: 'user-1' }) })]);
    });

    it('answers not-found for someone else’s character, and for junk without calling Bungie', async () => {
      const { token } = signedIn();
      loaderState.tokens = [token];
      const calls = recordProfileCalls();
      expect(await loadCharacter('user-1', '2305843009999999999')).toEqual({ kind: 'not-found' });
      expect(await loadCharacter('user-1', '../vault')).toEqual({ kind: 'not-found' });
      expect(calls).toHaveLength(1);
    });
  });

  describe('isPlayersCharacter (the character route’s 404 before streaming)', () => {
    // Each test its own user: the known-characters memory is process-wide.
    it('asks ONE GetProfile for component 100 in a process that has not seen the player, then remembers', async () => {
      const { h, token } = signedIn();
      const own = h.sim.world.characters[1]!.characterId;
      loaderState.tokens = [token];
      const calls = recordProfileCalls();
      expect(await isPlayersCharacter('fresh-user', '2305843009999999999')).toBe(false);
      expect(calls.map((u) => u.searchParams.get('components'))).toEqual(['100']);
      expect(await isPlayersCharacter('fresh-user', own)).toBe(true);
      expect(await isPlayersCharacter('fresh-user', '2305843009999999998')).toBe(false);
      expect(calls).toHaveLength(1);
    });

    it('says false for junk without Bungie, and "unsure" when Bungie cannot answer', async () => {
      const { h, token } = signedIn();
      const calls = recordProfileCalls();
      expect(await isPlayersCharacter('junk-user', '../vault')).toBe(false);
      expect(calls).toHaveLength(0);
      h.sim.controls.setMaintenance(true);
      loaderState.tokens = [token];
      expect(await isPlayersCharacter('down-user', h.sim.world.characters[0]!.characterId)).toBeUndefined();
      loaderState.tokens = [new SessionEndedError()];
      expect(await isPlayersCharacter('ended-user', h.sim.world.characters[0]!.characterId)).toBeUndefined();
    });
  });
});
