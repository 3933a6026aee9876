import { createBungieSim, type BungieSim } from '@/dev/bungie-sim/index';
import { buildProfile } from '@/dev/bungie-sim/world/profile';
import { createDefinitionCache, type DefinitionNeeds, type PageDefinitions } from '@/lib/inventory/definitions';
import type { ProfileAnswer } from '@/lib/bungie/types';
import { createMemoryStore } from '../../../support/memory-manifest-store';

export const ICON_ORIGIN = 'https://www.bungie.net';

/** A fresh simulated world, its GetProfile answer for `components`, and a way to read its definitions. */
export function simProfile(components: readonly number[], seed = 1) {
  const sim: BungieSim = createBungieSim({ seed, now: '2026-11-25T12:00:00Z' });
  const store = createMemoryStore(sim.manifest);
  const cache = createDefinitionCache({ store: async () => store });
  return {
    sim,
    store,
    profile: () => buildProfile(sim.world, new Set(components), new Date('2026-11-25T12:00:00Z')) as ProfileAnswer,
    definitions: async (needs: DefinitionNeeds): Promise<PageDefinitions> => {
      const defs = await cache.load(needs);
      if (!defs) throw new Error('no manifest');
      return defs;
    },
  };
}
