import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GET } from '@/app/api/items/facts/route';
import type { SimItemDefinition } from '@/dev/bungie-sim/manifest/item-generator';
import { itemDetails } from '@/dev/bungie-sim/world/item-details';
import type { ItemFactsView } from '@/lib/inventory/types';
import { STAT_KEY_BY_HASH } from '@/lib/search/vocabulary';
import { APP_ORIGIN, refusalOf, signInPlayer, withAppStack, type TestPlayer } from '@/tests/support/app-harness';

// The search's facts route through its exported handler over the app's real stack (PostgreSQL, the
// Postgres manifest store ingested from the simulator, the simulator behind msw). The simulator's
// own roll of each item is the oracle.
const stack = withAppStack({ ingestManifest: true });
let player: TestPlayer;
beforeAll(async () => {
  player = await signInPlayer(stack.sim);
});
afterEach(() => stack.server.events.removeAllListeners());

const calls = (endpoint: string) => stack.sim.stats.byEndpoint[endpoint] ?? 0;
const itemTable = () => stack.sim.manifest.tables.get('DestinyInventoryItemDefinition')!;
const definitionOf = (hash: number) => itemTable().get(hash) as SimItemDefinition | undefined;
const nameOf = (hash: number) => (itemTable().get(hash) as { displayProperties: { name: string } }).displayProperties.name;

function get(cookie: string | null = player.cookie): Promise<Response> {
  return GET(new Request(`${APP_ORIGIN}/api/items/facts`, { headers: cookie ? { cookie } : {} }));
}

/** The `components` of every GetProfile the app sends while `run` runs. */
async function profileComponents(run: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  stack.server.events.on('request:start', ({ request }) => {
    const url = new URL(request.url);
    if (/\/Destiny2\/\d+\/Profile\/\d+\/$/.test(url.pathname)) seen.push(url.searchParams.get('components') ?? '');
  });
  await run();
  return seen;
}

describe('GET /api/items/facts', () => {
  it("answers every instanced item's stats, base stats and perks, as the world rolled them, from ONE GetProfile (102, 201, 205, 304, 305)", async () => {
    let response!: Response;
    const before = calls('GetProfile');
    expect(await profileComponents(async () => (response = await get()))).toEqual(['102,201,205,304,305']);
    expect(calls('GetProfile') - before).toBe(1);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const text = await response.text();
    // A view model, never Bungie's JSON; compact.
    expect(text).not.toMatch(/"Response"|plugHash|isVisible|statHash|\n/);
    const { items } = JSON.parse(text) as ItemFactsView;

    // Every instanced item of every store: vault, character inventories, equipment, postmaster.
    const instanced = stack.sim.world.items.filter((i) => i.itemInstanceId);
    expect(Object.keys(items).sort()).toEqual(instanced.map((i) => i.itemInstanceId!).sort());
    expect(new Set(instanced.map((i) => i.owner)).size).toBeGreaterThan(3);

    let weapons = 0;
    let armour = 0;
    let raised = 0;
    for (const item of instanced) {
      const def = definitionOf(item.itemHash);
      const facts = items[item.itemInstanceId!]!;
      if (def?.itemType !== 2 && def?.itemType !== 3) {
        expect(facts.stats, item.itemInstanceId).toBeUndefined();
        continue;
      }
      const oracle = itemDetails(item, def);
      // Each stat the search knows, at the world's value.
      const expected = Object.fromEntries(Object.values(oracle.stats).flatMap((s) => (STAT_KEY_BY_HASH.has(s.statHash) ? [[STAT_KEY_BY_HASH.get(s.statHash)!, s.value]] : [])));
      expect(facts.stats, item.itemInstanceId).toEqual(expected);
      if (def.itemType === 3) {
        weapons++;
        // The two traits the world plugged, by their names, lower-cased (the frame, barrel and magazine too).
        const traits = oracle.sockets.slice(3, 5).map((s) => nameOf(s.plugHash!).toLowerCase());
        for (const trait of traits) expect(facts.perks, item.itemInstanceId).toContain(trait);
        // A masterworked weapon's raised stat is 10 over its base.
        for (const [key, base] of Object.entries(facts.baseStats ?? {})) expect(facts.stats![key]! - base).toBe(10);
        if (!item.masterwork) expect(facts.baseStats, item.itemInstanceId).toBeUndefined();
        else if (facts.baseStats) raised++;
      } else armour++;
    }
    expect(weapons).toBeGreaterThan(50);
    expect(armour).toBeGreaterThan(50);
    expect(raised).toBeGreaterThan(5);
  });

  it('asks Bungie again on every call: nothing is cached between requests or players', async () => {
    const before = calls('GetProfile');
    expect((await get()).status).toBe(200);
    expect((await get()).status).toBe(200);
    expect(calls('GetProfile') - before).toBe(2);
  });

  it('answers 401 signed out or with a forged cookie, without asking Bungie', async () => {
    const before = stack.sim.stats.total;
    expect(await refusalOf(await get(null))).toMatchObject({ status: 401, code: 'signed_out' });
    expect(await refusalOf(await get('authjs.session-token=forged'))).toMatchObject({ status: 401, code: 'signed_out' });
    expect(stack.sim.stats.total).toBe(before);
  });

  it('says Bungie is down for maintenance with a 503 and a sentence for the player', async () => {
    stack.sim.controls.setMaintenance(true);
    try {
      const error = await refusalOf(await get());
      expect(error).toEqual({ status: 503, code: 'bungie_maintenance', message: 'Bungie.net is down for maintenance. Try again once it is back.' });
    } finally {
      stack.sim.controls.setMaintenance(false);
    }
  });
});
