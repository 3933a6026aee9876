import { createBungieSim, type BungieSim } from '@/dev/bungie-sim/index';
import { buildProfile, type DefinitionOf } from '@/dev/bungie-sim/world/profile';
import { createDefinitionCache, type DefinitionNeeds, type PageDefinitions } from '@/lib/inventory/definitions';
import type { ProfileAnswer } from '@/lib/bungie/types';
import { createMemoryStore } from '../../../support/memory-manifest-store';

export const ICON_ORIGIN = 'https://www.bungie.net';

const definitionOf = (sim: BungieSim): DefinitionOf => (hash) =>
  sim.manifest.tables.get('DestinyInventoryItemDefinition')?.get(hash) as ReturnType<DefinitionOf>;

/** A fresh simulated world (its size as the simulator's options set it), its GetProfile answer for `components`, and a way to read its definitions. */
export function simProfile(components: readonly number[], seed = 1, size: { vaultItems?: number; fullCharacters?: boolean } = {}) {
  const sim: BungieSim = createBungieSim({ seed, now: '2026-11-25T12:00:00Z', ...size });
  const store = createMemoryStore(sim.manifest);
  const cache = createDefinitionCache({ store: async () => store });
  return {
    sim,
    store,
    // The item definitions as the simulator's HTTP handlers pass them: stats and sockets follow each item's definition.
    profile: () => buildProfile(sim.world, new Set(components), new Date('2026-11-25T12:00:00Z'), true, definitionOf(sim)) as ProfileAnswer,
    definitions: async (needs: DefinitionNeeds): Promise<PageDefinitions> => {
      const defs = await cache.load(needs);
      if (!defs) throw new Error('no manifest');
      return defs;
    },
  };
}
