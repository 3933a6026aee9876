import { describe, expect, it } from 'vitest';
import { Bucket } from '@/dev/bungie-sim/constants';
import { buildCharacter, CHARACTER_COMPONENTS, characterPageNeeds } from '@/lib/inventory/build/build-character';
import { ICON_ORIGIN, simProfile } from '../sim-profile';

describe('buildCharacter (simulated GetProfile 200, 201, 205, 300)', () => {
  it('shows the header, each slot with its equipped item first, and the postmaster', async () => {
    const { sim, profile, definitions } = simProfile(CHARACTER_COMPONENTS);
    const hunter = sim.world.characters.find((c) => c.classType === 1)!;
    const answer = profile();
    const view = buildCharacter(answer, hunter.characterId, await definitions(characterPageNeeds(answer, hunter.characterId)), { iconOrigin: ICON_ORIGIN })!;
    expect(view.character).toMatchObject({ characterId: hunter.characterId, className: 'Hunter' });
    expect(['Human', 'Awoken', 'Exo']).toContain(view.character.raceName);
    expect(view.character.emblemBackgroundUrl).toBe(`${ICON_ORIGIN}/common/destiny2_content/icons/emblem_bg_${hunter.emblemHash}.jpg`);
    expect(view.characters.map((c) => c.className).sort()).toEqual(['Hunter', 'Titan', 'Warlock']);

    const kinetic = view.slots.find((s) => s.bucketHash === Bucket.Kinetic)!;
    expect(kinetic.name).toBe('Kinetic Weapons');
    expect(kinetic.capacity).toBe(10);
    expect(kinetic.items[0]?.equipped).toBe(true);
    expect(kinetic.equipped).toBe(kinetic.items[0]);
    expect(kinetic.equipped?.location.label).toBe('Equipped on your Hunter');
    // The game's order: subclass, then weapons; quests (a bucket the inventory screen hides) last.
    expect(view.slots.map((s) => s.bucketHash).slice(0, 2)).toEqual([Bucket.Subclass, Bucket.Kinetic]);
    expect(view.slots.at(-1)?.name).toBe('Quests');

    const held = sim.world.items.filter((i) => i.owner === hunter.characterId);
    const shown = [...view.slots.flatMap((s) => s.items), ...view.postmaster.items];
    expect(shown).toHaveLength(held.length);
    const lost = held.filter((i) => i.bucketHash === Bucket.LostItems);
    expect(view.postmaster.items.map((t) => t.instanceId).sort()).toEqual(lost.map((i) => i.itemInstanceId).sort());
    expect(view.postmaster).toMatchObject({ name: 'Lost Items', capacity: 21 });
    expect(view.postmaster.items.every((t) => t.location.kind === 'postmaster')).toBe(true);
  });

  it('answers null for a character id that is not in the profile', async () => {
    const { profile, definitions } = simProfile(CHARACTER_COMPONENTS);
    const answer = profile();
    expect(buildCharacter(answer, '2305843009999999999', await definitions({}), { iconOrigin: ICON_ORIGIN })).toBeNull();
  });
});
