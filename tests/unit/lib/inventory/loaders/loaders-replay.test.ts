import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { loadReplay } from '@/dev/bungie-sim/index';
import { loadCharacter } from '@/lib/inventory/loaders/load-character';
import { loadVault } from '@/lib/inventory/loaders/load-vault';
import { createMemoryStore } from '../../../../support/memory-manifest-store';
import { useSimulator } from '../../../dev/bungie-sim/sim-harness';
import { loaderState, resetLoaderState } from '../loader-mocks';

// Factories load the shared state lazily: vi.mock is hoisted above every import.
vi.mock('@/lib/db/client', () => ({
  getPrisma: async () => ({
    account: { findUnique: async () => (await import('../loader-mocks')).loaderState.account },
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

// The same files `BUNGIE_SIM_PROFILE` / `BUNGIE_SIM_DEFINITIONS` replay in the demo.
const FIXTURES = path.join(import.meta.dirname, '../../../../fixtures/bungie');
const replay = loadReplay({ profile: path.join(FIXTURES, 'profile-inventory-replay.json'), definitionsDir: path.join(FIXTURES, 'definitions') });
const TITAN = '2305843009300000011';

describe('loaders on a recorded profile replayed by the simulator', () => {
  const harness = useSimulator({ replay });

  beforeEach(() => {
    resetLoaderState();
    const h = harness();
    loaderState.account = { destiny_membership_id: '4611686018467000002', destiny_membership_type: 3 };
    loaderState.store = createMemoryStore(h.sim.manifest);
    loaderState.tokens = [h.sim.issueTokens().access_token];
  });

  it('builds the vault: recorded items by name, the unknown hash as a placeholder, characters for navigation', async () => {
    const result = await loadVault('user-1');
    if (result.kind !== 'ok') throw new Error(`expected ok, got ${result.kind}`);
    const { view } = result;
    expect(view.count).toBe(3);
    const weapons = view.groups.find((g) => g.id === 'weapons')!;
    expect(weapons.sections.map((s) => [s.name, s.items.map((t) => t.name)])).toEqual([
      ['Kinetic Weapons', ['Recorded Hand Cannon']],
      ['Energy Weapons', ['Recorded Exotic']],
    ]);
    expect(weapons.sections[0]?.items[0]).toMatchObject({ locked: true, masterwork: true, power: 2005, damageType: 'Kinetic', tier: 'legendary', typeName: 'Hand Cannon' });
    expect(weapons.sections[1]?.items[0]).toMatchObject({ tier: 'exotic', damageType: 'Solar', iconUrl: 'https://www.bungie.net/common/destiny2_content/icons/recorded2.jpg' });
    expect(view.unknownHashes).toEqual([1234567]);
    expect(view.groups.find((g) => g.id === 'general')?.sections[0]?.items[0]).toMatchObject({ known: false, name: 'Unknown item 1234567', instanceId: '6917529100000000103' });
    expect(view.characters.map((c) => [c.className, c.raceName, c.power])).toEqual([['Titan', 'Exo', 2001], ['Warlock', 'Awoken', 1990]]);
  });

  it('builds a character with its equipped weapon and postmaster', async () => {
    const result = await loadCharacter('user-1', TITAN);
    if (result.kind !== 'ok') throw new Error(`expected ok, got ${result.kind}`);
    expect(result.view.slots.map((s) => [s.name, s.equipped?.name])).toEqual([['Kinetic Weapons', 'Recorded Hand Cannon']]);
    expect(result.view.postmaster.items.map((t) => [t.name, t.location.label])).toEqual([['Recorded Exotic', 'At the postmaster for your Titan']]);
  });
});
