import { VAULT_CAPACITY } from './world/world';
import { loadReplay } from './replay';
import type { BungieSimOptions } from './core';

const env = (name: string): string | undefined => process.env[name]?.trim() || undefined;

/**
 * The simulator options the environment asks for; `npm run sim`, `npm run demo` and `npm test`
 * all read them here, so a replay or a world size works the same in each.
 * - BUNGIE_SIM_PROFILE / _VENDORS / _DEFINITIONS: recorded data to replay (paths).
 * - BUNGIE_SIM_WORLD=full: a full vault (the General bucket's 1,300) and full characters.
 * - BUNGIE_SIM_VAULT_ITEMS=N: N items in the vault (default 450), e.g. 700 or 1000 for benchmarks.
 * - BUNGIE_SIM_SEED: the world's seed (default 1).
 * - BUNGIE_SIM_PROFILES=2: cross-save off and a second Destiny profile (PlayStation) with its own characters and vault.
 */
export function simOptionsFromEnv(): BungieSimOptions {
  const replay = loadReplay({ profile: env('BUNGIE_SIM_PROFILE'), vendors: env('BUNGIE_SIM_VENDORS'), definitionsDir: env('BUNGIE_SIM_DEFINITIONS') });
  const world = env('BUNGIE_SIM_WORLD');
  if (world !== undefined && world !== 'full' && world !== 'default') throw new Error('BUNGIE_SIM_WORLD must be "full" or "default".');
  const full = world === 'full';
  const rawVault = env('BUNGIE_SIM_VAULT_ITEMS');
  const vaultItems = rawVault === undefined ? undefined : Number(rawVault);
  if (vaultItems !== undefined && (!Number.isInteger(vaultItems) || vaultItems < 0 || vaultItems > VAULT_CAPACITY)) {
    throw new Error(`BUNGIE_SIM_VAULT_ITEMS must be a whole number from 0 to ${VAULT_CAPACITY}.`);
  }
  const seed = env('BUNGIE_SIM_SEED');
  const profiles = env('BUNGIE_SIM_PROFILES');
  if (profiles !== undefined && profiles !== '1' && profiles !== '2') throw new Error('BUNGIE_SIM_PROFILES must be 1 or 2.');
  return {
    ...(profiles === '2' ? { secondProfile: true } : {}),
    ...(seed ? { seed: Number(seed) } : {}),
    ...(Object.keys(replay).length ? { replay } : {}),
    ...(vaultItems !== undefined ? { vaultItems } : full ? { vaultItems: VAULT_CAPACITY } : {}),
    ...(full ? { fullCharacters: true } : {}),
  };
}

/** The settings a world is made from, as one string: a saved world is restored only into the same ones (persist.ts). */
export function simSetupFromEnv(): string {
  const names = ['BUNGIE_SIM_SEED', 'BUNGIE_SIM_PROFILE', 'BUNGIE_SIM_VENDORS', 'BUNGIE_SIM_DEFINITIONS', 'BUNGIE_SIM_WORLD', 'BUNGIE_SIM_VAULT_ITEMS', 'BUNGIE_SIM_PROFILES'];
  return JSON.stringify(Object.fromEntries(names.map((name) => [name, env(name) ?? null])));
}

/** One line for start-up logs: what the environment changed, or '' for the default world. */
export function describeSimOptions(options: BungieSimOptions): string {
  const parts: string[] = [];
  if (options.replay) parts.push(`replaying ${Object.keys(options.replay).join(', ')}`);
  if (options.vaultItems !== undefined) parts.push(`${options.vaultItems} vault items`);
  if (options.fullCharacters) parts.push('full characters');
  if (options.secondProfile) parts.push('a second Destiny profile (cross-save off)');
  return parts.join('; ');
}
