/**
 * The floor of `npm run bench:pages`: what a page cannot do faster than — fetching the same
 * GetProfile answer from the simulator and `JSON.parse` of it, nothing else (no session, no
 * definitions, no view, no HTML). Timed in the bench's process, in the same rounds as the pages,
 * with a token the simulator issues for the simulated player.
 */
import type { BungieSim } from '../dev/bungie-sim/index';
import { primaryMembership } from '../dev/bungie-sim/world/world';
import type { Target } from './page-measure';

/** The floor as a target of `timeRequests`: GetProfile with `components`, timed through `JSON.parse`. */
export function profileFloorTarget(sim: BungieSim, simUrl: string, apiKey: string, components: readonly number[]): Target {
  const { membershipType, membershipId } = primaryMembership(sim.world);
  const token = sim.issueTokens().access_token;
  return {
    url: `${simUrl}/Platform/Destiny2/${membershipType}/Profile/${membershipId}/?components=${components.join(',')}`,
    headers: { Authorization: `Bearer ${token}`, 'X-API-Key': apiKey },
    parse: (body) => {
      const parsed = JSON.parse(body) as { ErrorCode?: number; Response?: unknown };
      return parsed.ErrorCode === 1 && Boolean(parsed.Response);
    },
  };
}
