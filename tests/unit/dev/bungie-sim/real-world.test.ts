import { describe, expect, it } from 'vitest';
import { Bucket } from '@/dev/bungie-sim/constants';
import { describeSimOptions, simOptionsFromEnv } from '@/dev/bungie-sim/env-options';
import { createBungieSim } from '@/dev/bungie-sim/index';
import { buildProfile } from '@/dev/bungie-sim/world/profile';

const NOW = new Date('2026-11-25T12:00:00Z');
const profileOf = (sim: ReturnType<typeof createBungieSim>) => buildProfile(sim.world, new Set([102, 201, 205]), NOW);

describe('the simulated world has the shapes of real answers', () => {
  it('profile inventory: the General vault and account-wide Consumables and Modifications, all location 2; stacks without instance ids', () => {
    const sim = createBungieSim({ now: NOW });
    const items = profileOf(sim).profileInventory?.data?.items ?? [];
    const byBucket = (hash: number) => items.filter((i) => i.bucketHash === hash);
    expect(byBucket(Bucket.Vault)).toHaveLength(450);
    expect(byBucket(Bucket.Consumables).length).toBeGreaterThan(30);
    expect(byBucket(Bucket.Modifications).length).toBeGreaterThan(30);
    expect(byBucket(Bucket.Consumables).length + byBucket(Bucket.Modifications).length + 450).toBe(items.length);
    expect(new Set(items.map((i) => i.location))).toEqual(new Set([2]));
    const stacks = [...byBucket(Bucket.Consumables), ...byBucket(Bucket.Modifications)];
    expect(stacks.every((i) => i.itemInstanceId === undefined && i.quantity >= 1)).toBe(true);
    expect(stacks.some((i) => i.quantity > 1)).toBe(true);
    expect(sim.world.vaultCapacity).toBe(1300);
  });

  it('characters hold every bucket a real character has: gear, subclass, engrams, quests, artifact, postmaster', () => {
    const sim = createBungieSim({ now: NOW });
    const answer = profileOf(sim);
    for (const c of sim.world.characters) {
      const held = [...(answer.characterEquipment?.data?.[c.characterId]?.items ?? []), ...(answer.characterInventories?.data?.[c.characterId]?.items ?? [])];
      const buckets = new Set(held.map((i) => i.bucketHash));
      for (const b of [Bucket.Kinetic, Bucket.Energy, Bucket.Power, Bucket.Helmet, Bucket.ClassItem, Bucket.Ghost, Bucket.Vehicle, Bucket.Ships, Bucket.Emblems, Bucket.Subclass, Bucket.Engrams, Bucket.Quests, Bucket.SeasonalArtifact, Bucket.LostItems]) {
        expect(buckets.has(b), `bucket ${b} on ${c.characterId}`).toBe(true);
      }
      expect(answer.characterEquipment?.data?.[c.characterId]?.items.some((i) => i.bucketHash === Bucket.Subclass)).toBe(true);
      expect(held.filter((i) => i.bucketHash === Bucket.LostItems).every((i) => i.location === 4)).toBe(true);
    }
    // The state bit set: locked (1) and masterworked (4) items both exist.
    const states = (profileOf(sim).profileInventory?.data?.items ?? []).map((i) => i.state);
    expect(states.some((s) => (s & 1) !== 0) && states.some((s) => (s & 4) !== 0)).toBe(true);
  });

  it('is one switch away from a full vault and full characters, and takes any vault size', () => {
    const full = createBungieSim({ now: NOW, vaultItems: 1300, fullCharacters: true });
    expect(full.world.items.filter((i) => i.owner === 'vault')).toHaveLength(1300);
    for (const c of full.world.characters) {
      for (const b of [Bucket.Kinetic, Bucket.Helmet, Bucket.Ghost, Bucket.Ships]) expect(full.world.items.filter((i) => i.owner === c.characterId && i.bucketHash === b)).toHaveLength(10);
    }
    expect(createBungieSim({ now: NOW, vaultItems: 700 }).world.items.filter((i) => i.owner === 'vault')).toHaveLength(700);
  });

  it('reads the size and replay switches from the environment, refusing nonsense with a sentence', () => {
    const saved = { ...process.env };
    try {
      process.env.BUNGIE_SIM_WORLD = 'full';
      expect(simOptionsFromEnv()).toMatchObject({ vaultItems: 1300, fullCharacters: true });
      process.env.BUNGIE_SIM_VAULT_ITEMS = '1000';
      const options = simOptionsFromEnv();
      expect(options).toMatchObject({ vaultItems: 1000, fullCharacters: true });
      expect(describeSimOptions(options)).toBe('1000 vault items; full characters');
      process.env.BUNGIE_SIM_VAULT_ITEMS = 'lots';
      expect(() => simOptionsFromEnv()).toThrow('BUNGIE_SIM_VAULT_ITEMS must be a whole number from 0 to 1300.');
      delete process.env.BUNGIE_SIM_VAULT_ITEMS;
      process.env.BUNGIE_SIM_WORLD = 'huge';
      expect(() => simOptionsFromEnv()).toThrow('BUNGIE_SIM_WORLD must be "full" or "default".');
    } finally {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
    }
  });
});
