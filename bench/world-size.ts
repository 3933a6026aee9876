/**
 * The world sizes of `npm run bench:pages`: the simulator's world regenerated with N vault items
 * (as BUNGIE_SIM_VAULT_ITEMS=N would make it) under the running app, so one stack and one sign-in
 * serve every size. The same seed gives the same player and characters; only the items change.
 */
import type { BungieSim } from '../dev/bungie-sim/index';
import type { SimItemDefinition } from '../dev/bungie-sim/manifest/item-generator';
import { generateWorld } from '../dev/bungie-sim/world/world';

/** Replaces the simulator's world by one of `vaultItems` vault items; throws if the characters changed. */
export function resizeWorld(sim: BungieSim, vaultItems: number, seed = 1): void {
  const tables = sim.manifest.tables;
  const items = [...(tables.get('DestinyInventoryItemDefinition')?.values() ?? [])] as SimItemDefinition[];
  const perks = [...(tables.get('DestinySandboxPerkDefinition')?.keys() ?? [])];
  const before = sim.world.characters.map((c) => c.characterId).join();
  const world = generateWorld(items.filter((d) => d.inventory && d.hash), perks, { seed, vaultItems });
  if (world.characters.map((c) => c.characterId).join() !== before) throw new Error('resizing the world changed its characters: start the bench on the default seed');
  sim.persistent.world = world;
}

/** Items in the vault's General bucket and in the whole world. */
export function worldCounts(sim: BungieSim): { vault: number; all: number } {
  return { vault: sim.world.items.filter((i) => i.owner === 'vault' || i.owner === 'profile').length, all: sim.world.items.length };
}
