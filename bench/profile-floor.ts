/**
 * The floor of `npm run bench:pages`: what a page cannot do faster than — fetching the same
 * GetProfile answer from the simulator and `JSON.parse` of it, nothing else (no session, no
 * definitions, no view, no HTML). Measured in the bench's process with a token the simulator
 * issues for the simulated player.
 */
import type { BungieSim } from '../dev/bungie-sim/index';
import { primaryMembership } from '../dev/bungie-sim/world/world';
import { percentile, type Timings } from './page-measure';

/** Times `count` GetProfile fetches (to the last byte) plus `JSON.parse`, after `warmup` unmeasured ones. */
export async function timeProfileFloor(sim: BungieSim, simUrl: string, apiKey: string, components: readonly number[], count: number, warmup = 5): Promise<Timings> {
  const { membershipType, membershipId } = primaryMembership(sim.world);
  const token = sim.issueTokens().access_token;
  const url = `${simUrl}/Platform/Destiny2/${membershipType}/Profile/${membershipId}/?components=${components.join(',')}`;
  const total: number[] = [];
  const ttfb: number[] = [];
  let bytes = 0;
  for (let i = 0; i < warmup + count; i++) {
    const started = performance.now();
    const response = await fetch(url, { headers: { Authorization: `Bearer ${token}`, 'X-API-Key': apiKey } });
    const first = performance.now();
    const text = await response.text();
    const parsed = JSON.parse(text) as { ErrorCode?: number; Response?: unknown };
    const done = performance.now();
    if (response.status !== 200 || parsed.ErrorCode !== 1 || !parsed.Response) throw new Error(`GetProfile answered ${response.status} (ErrorCode ${parsed.ErrorCode}) to the floor`);
    if (i < warmup) continue;
    total.push(done - started);
    ttfb.push(first - started);
    bytes = text.length;
  }
  total.sort((a, b) => a - b);
  ttfb.sort((a, b) => a - b);
  return { p50: percentile(total, 50), p95: percentile(total, 95), mean: total.reduce((a, b) => a + b, 0) / total.length, ttfbP50: percentile(ttfb, 50), bytes };
}
