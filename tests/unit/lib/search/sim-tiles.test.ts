import { describe, expect, it } from 'vitest';
import { Bucket } from '@/dev/bungie-sim/constants';
import { armorModPlug } from '@/dev/bungie-sim/manifest/plug-definitions';
import { seasonDefinitions } from '@/dev/bungie-sim/manifest/seasons';
import { buildCharacter, CHARACTER_COMPONENTS, characterPageNeeds } from '@/lib/inventory/build/build-character';
import { buildVault, VAULT_COMPONENTS, vaultNeeds } from '@/lib/inventory/build/build-vault';
import { buildFacts, FACTS_COMPONENTS, factsNeeds } from '@/lib/inventory/build/build-facts';
import { compileSearch, indexItems, withFacts, type SearchItem } from '@/lib/search';
import { ICON_ORIGIN, simProfile } from '../inventory/sim-profile';

/**
 * The vault page's tiles, built from the simulated world exactly as the app builds them, with the
 * facts GET /api/items/facts answers for the same world joined on as the search joins them.
 */
async function vaultTiles() {
  const { sim, profile, definitions } = simProfile(VAULT_COMPONENTS);
  const answer = profile();
  const view = buildVault(answer, await definitions(vaultNeeds(answer)), { iconOrigin: ICON_ORIGIN });
  const facts = simProfile(FACTS_COMPONENTS);
  const factsAnswer = facts.profile();
  const { items } = buildFacts(factsAnswer, await facts.definitions(factsNeeds(factsAnswer)));
  const tiles = withFacts(view.groups.flatMap((g) => g.sections.flatMap((s) => s.items)), items);
  return { tiles, world: sim.world, itemDefinitions: sim.manifest.tables.get('DestinyInventoryItemDefinition')! };
}

function run(query: string, tiles: SearchItem[]): SearchItem[] {
  const compiled = compileSearch(query, indexItems(tiles));
  if (!compiled.ok) throw new Error(compiled.error.message);
  return tiles.filter(compiled.matches);
}

describe('search over the simulated world’s tiles', () => {
  it('finds each weapon slot by the bucket the world put the item in', async () => {
    const { tiles, world } = await vaultTiles();
    for (const [keyword, bucket] of [['kineticslot', Bucket.Kinetic], ['energy', Bucket.Energy], ['power', Bucket.Power]] as const) {
      const expected = world.items.filter((i) => i.owner === 'vault' && i.homeBucketHash === bucket).map((i) => i.itemInstanceId).sort();
      expect(expected.length, keyword).toBeGreaterThan(10);
      expect(run(`is:${keyword}`, tiles).map((t) => t.instanceId).sort(), keyword).toEqual(expected);
    }
  });

  it('agrees with the world on locks, power and damage for a five-term query', async () => {
    const { tiles, world } = await vaultTiles();
    const solarOrVoid = new Set([1847026933, 3454344768]);
    const expected = world.items
      .filter((i) => i.owner === 'vault' && (Bucket.Kinetic === i.homeBucketHash || Bucket.Energy === i.homeBucketHash || Bucket.Power === i.homeBucketHash))
      .filter((i) => !i.locked && i.power >= 1950 && solarOrVoid.has(i.damageTypeHash ?? 0))
      .map((i) => i.itemInstanceId)
      .sort();
    expect(expected.length).toBeGreaterThan(3);
    expect(run('is:weapon -is:locked power:>=1950 (is:solar or is:void)', tiles).map((t) => t.instanceId).sort()).toEqual(expected);
  });

  it('counts an item as a dupe when its hash is on the page more than once', async () => {
    const { tiles } = await vaultTiles();
    const counts = new Map<number, number>();
    for (const t of tiles) counts.set(t.hash, (counts.get(t.hash) ?? 0) + 1);
    const dupes = run('is:dupe', tiles);
    expect(dupes.length).toBeGreaterThan(0);
    expect(dupes.every((t) => counts.get(t.hash)! > 1)).toBe(true);
    expect(dupes).toHaveLength(tiles.filter((t) => counts.get(t.hash)! > 1).length);
  });

  it('finds a character’s equipped items, postmaster and class gear on the character page', async () => {
    const { sim, profile, definitions } = simProfile(CHARACTER_COMPONENTS);
    const hunter = sim.world.characters.find((c) => c.classType === 1)!;
    const answer = profile();
    const view = buildCharacter(answer, hunter.characterId, await definitions(characterPageNeeds(answer, hunter.characterId)), { iconOrigin: ICON_ORIGIN });
    if (!view) throw new Error('no hunter view');
    const tiles = [...view.slots.flatMap((s) => s.items), ...view.postmaster.items];
    const mine = sim.world.items.filter((i) => i.owner === hunter.characterId);
    expect(run('is:equipped', tiles)).toHaveLength(mine.filter((i) => i.equipped).length);
    expect(run('is:postmaster', tiles)).toHaveLength(mine.filter((i) => i.bucketHash === Bucket.LostItems).length);
    expect(run('is:armor -is:hunter', tiles).every((t) => t.classType === 3)).toBe(true);
    expect(run('is:titan or is:warlock', tiles)).toEqual([]);
  });

  it('reads DIM words from the simulated answer: weapon types by subtype, stat: from 304, perk: from 305 (the facts route’s)', async () => {
    const { tiles, world } = await vaultTiles();
    const cannons = run('is:handcannon', tiles);
    expect(cannons.length).toBeGreaterThan(0);
    expect(cannons.every((t) => t.typeName === 'Hand Cannon')).toBe(true);
    expect(cannons.length).toBe(tiles.filter((t) => t.typeName === 'Hand Cannon').length);
    const helmets = run('is:helmet', tiles);
    expect(helmets.length).toBeGreaterThan(0);
    expect(helmets.every((t) => t.typeName.endsWith('Helmet'))).toBe(true);
    // stat:range:>=60 is the world's own range stat.
    const ranged = run('is:weapon stat:range:>=60', tiles);
    expect(ranged.length).toBeGreaterThan(0);
    expect(ranged.length).toBeLessThan(run('is:weapon', tiles).length);
    expect(ranged.every((t) => t.stats!.range! >= 60)).toBe(true);
    const total = run('is:armor stat:total:>=60', tiles);
    for (const t of total) expect(Object.values(t.stats!).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(60);
    // A perk one item carries finds that item.
    const withPerk = tiles.find((t) => t.perks?.length)!;
    expect(run(`perk:"${withPerk.perks![0]}"`, tiles)).toContain(withPerk);
    expect(world.items.length).toBeGreaterThan(0);
  });

  it('reads basestat: as the world rolled it: the stats less the plugged mods’ and the masterwork’s bonuses', async () => {
    const { tiles, world } = await vaultTiles();
    const byId = new Map(world.items.map((i) => [i.itemInstanceId, i]));
    const armour = tiles.filter((t) => t.itemType === 2 && t.stats);
    expect(armour.length).toBeGreaterThan(20);
    let withBonus = 0;
    for (const t of armour) {
      const item = byId.get(t.instanceId)!;
      // What the world added on top of the roll: its two mods' bonuses and, masterworked, +2 to each of six stats.
      const added = item.plugHashes.reduce((n, h) => n + armorModPlug(h).investmentStats.reduce((m, b) => m + b.value, 0), 0) + (item.masterwork ? 12 : 0);
      const total = Object.values(t.stats!).reduce((a, b) => a + b, 0);
      expect(run(`basestat:total:=${total - added}`, [t]), t.key).toEqual([t]);
      if (added > 0) {
        withBonus++;
        expect(run(`basestat:total:=${total}`, [t]), t.key).toEqual([]);
      }
    }
    expect(withBonus).toBeGreaterThan(10);
    // A masterworked weapon's one raised stat is 10 over its base; others have base = current.
    const weapons = tiles.filter((t) => t.itemType === 3 && t.stats);
    for (const t of weapons) {
      const raised = Object.entries(t.baseStats ?? {});
      expect(raised.length, t.key).toBe(byId.get(t.instanceId)!.masterwork ? 1 : 0);
      for (const [key, base] of raised) expect(t.stats![key]! - base).toBe(10);
    }
    expect(weapons.some((t) => t.baseStats)).toBe(true);
  });

  it('reads season: and year: from the definition’s seasonHash and the season table', async () => {
    const { tiles, itemDefinitions: defs } = await vaultTiles();
    const seasonOf = new Map([...seasonDefinitions()].map(([hash, def]) => [hash, (def as { seasonNumber: number }).seasonNumber]));
    const expected = (test: (season: number) => boolean) =>
      tiles.filter((t) => {
        const hash = (defs.get(t.hash) as { seasonHash?: number } | undefined)?.seasonHash;
        return hash !== undefined && test(seasonOf.get(hash)!);
      }).map((t) => t.key);
    const keys = (q: string) => run(q, tiles).map((t) => t.key);
    expect(expected(() => true).length).toBeGreaterThan(20);
    expect(keys('season:>0')).toEqual(expected(() => true));
    expect(keys('season:>=20')).toEqual(expected((n) => n >= 20));
    expect(keys('year:2')).toEqual(expected((n) => n >= 4 && n <= 7));
    // Items whose definition names no season match neither.
    expect(keys('-season:>0 is:weapon').length).toBeGreaterThan(0);
  });
});
