import { beforeAll, beforeEach } from 'vitest';
import type { SimItem } from '@/dev/bungie-sim';
import { forgetInventoryIndex } from '@/lib/actions/action-client';
import { signInPlayer, type TestPlayer, type withAppStack } from './app-harness';

/**
 * Signs the simulator's player in once, and starts each test from the generated world (items
 * only: tokens and characters stay) with the player's cached inventory index forgotten. `reset`
 * puts back anything else a test file switches (the vault's capacity, maintenance).
 */
export function playerOnFreshItems(stack: ReturnType<typeof withAppStack>, reset?: () => void): { readonly player: TestPlayer } {
  let player: TestPlayer | undefined;
  let pristine = '';
  beforeAll(async () => {
    player = await signInPlayer(stack.sim);
    pristine = JSON.stringify(stack.sim.world.items);
  });
  beforeEach(() => {
    stack.sim.world.items = JSON.parse(pristine) as SimItem[];
    reset?.();
    forgetInventoryIndex(player!.userId);
  });
  return {
    get player() {
      return player!;
    },
  };
}
