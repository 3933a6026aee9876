import 'server-only';
import { AppError } from '@/lib/http/errors';
import { buildFacts, FACTS_COMPONENTS, factsNeeds } from '@/lib/inventory/build/build-facts';
import { loadPageDefinitions } from '@/lib/inventory/definitions';
import { fetchProfile, profileReaderOf } from '@/lib/inventory/fetch-profile';
import type { ItemFactsView } from '@/lib/inventory/types';
import { rememberProfile } from './remember-profile';

/**
 * The search's facts (stats, base stats, perk names) of every instanced item of the player's
 * active profile: ONE GetProfile (components 102, 201, 205, 304, 305) and one batched read of the
 * plugs' definitions. Nothing is cached across players or requests: the browser asks once a page
 * view. Throws `AppError` (no Destiny account, no manifest), `SessionEndedError`, `BungieError` or
 * `BungieUnavailableError`, which the route answers as the other item routes do.
 */
export async function loadFacts(userId: string): Promise<ItemFactsView> {
  const player = await profileReaderOf(userId);
  if (!player) throw new AppError('no_destiny_account');
  const profile = rememberProfile(userId, player.membership, await fetchProfile(userId, player.membership, FACTS_COMPONENTS, player.token));
  const defs = await loadPageDefinitions(factsNeeds(profile));
  if (!defs) throw new AppError('no_manifest');
  return buildFacts(profile, defs);
}
