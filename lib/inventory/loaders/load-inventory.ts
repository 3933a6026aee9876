import 'server-only';
import { getConfig } from '@/lib/config';
import { buildInventory, INVENTORY_COMPONENTS, inventoryNeeds } from '@/lib/inventory/build/build-inventory';
import { loadPageDefinitions } from '@/lib/inventory/definitions';
import { fetchProfile, profileReaderOf } from '@/lib/inventory/fetch-profile';
import { problemOf } from '@/lib/inventory/problem-of';
import type { InventoryView, LoadResult } from '@/lib/inventory/types';
import type { DefinitionsReader } from './load-vault';
import { rememberProfile } from './remember-profile';

/**
 * The inventory screen: ONE GetProfile (components 102, 103, 200, 201, 205, 300) and ONE batched
 * definitions read for every store. Maintenance, throttling, outages, an ended session and a
 * missing manifest come back as a `LoadProblem`, never as a thrown error.
 */
export async function loadInventory(userId: string, options: { readDefinitions?: DefinitionsReader } = {}): Promise<LoadResult<InventoryView>> {
  const readDefinitions = options.readDefinitions ?? loadPageDefinitions;
  try {
    const player = await profileReaderOf(userId);
    if (!player) return { kind: 'no-destiny-account' };
    const profile = rememberProfile(userId, player.membership, await fetchProfile(userId, player.membership, INVENTORY_COMPONENTS, player.token));
    const defs = await readDefinitions(inventoryNeeds(profile));
    if (!defs) return { kind: 'no-manifest' };
    return { kind: 'ok', view: buildInventory(profile, defs, { iconOrigin: getConfig().bungie.origin }) };
  } catch (error) {
    return problemOf(error, 'Inventory page');
  }
}
