import { describe, expect, it } from 'vitest';
import { bestSet, type PowerCandidate } from '@/lib/tools/best-set';

const TITAN = 'titan';
const S = { Kinetic: 1498876634, Energy: 2465295065, Power: 953998645, Helmet: 3448274439, Gauntlets: 3551918588, Chest: 14239492, Legs: 20886954, ClassItem: 1585787867 };
let n = 0;
const item = (slot: number, power: number, extra: Partial<PowerCandidate> = {}): PowerCandidate => ({
  itemId: String(++n), itemHash: 1, owner: 'vault', equipped: false, power, slot, classType: slot === S.Kinetic || slot === S.Energy || slot === S.Power ? 3 : 0, uniqueLabel: '', ...extra,
});
const base = () => Object.values(S).map((slot) => item(slot, 1900));

describe('bestSet', () => {
  it('takes the best item per slot from anywhere and averages the eight slots, rounded down', () => {
    const high = item(S.Kinetic, 1911, { owner: 'hunter' });
    const set = bestSet([...base(), high], TITAN, 0);
    expect(set.picks.get(S.Kinetic)).toBe(high);
    expect(set.power).toBe(Math.floor((1911 + 1900 * 7) / 8));
    expect(set.empty).toEqual([]);
  });

  it('keeps one exotic weapon: the pair of two high exotics loses to exotic + legendary when that sums higher', () => {
    const kinetic = item(S.Kinetic, 2050, { uniqueLabel: 'exotic_weapon' });
    const energy = item(S.Energy, 2040, { uniqueLabel: 'exotic_weapon' });
    const legendaryEnergy = item(S.Energy, 2030);
    const set = bestSet([...base(), kinetic, energy, legendaryEnergy], TITAN, 0);
    expect(set.picks.get(S.Kinetic)).toBe(kinetic);
    expect(set.picks.get(S.Energy)).toBe(legendaryEnergy);
    // Had the exotic energy weapon been much higher, it would win its slot instead.
    const big = item(S.Energy, 2200, { uniqueLabel: 'exotic_weapon' });
    const other = bestSet([...base(), kinetic, big, legendaryEnergy], TITAN, 0);
    expect(other.picks.get(S.Energy)).toBe(big);
    expect(other.picks.get(S.Kinetic)?.uniqueLabel).toBe('');
  });

  it('keeps one exotic armour piece and only the class’s armour; weapons any class may use', () => {
    const helmet = item(S.Helmet, 2070, { uniqueLabel: 'exotic_armor' });
    const chest = item(S.Chest, 2060, { uniqueLabel: 'exotic_armor' });
    const hunterLegs = item(S.Legs, 2100, { classType: 1 });
    const set = bestSet([...base(), helmet, chest, hunterLegs], TITAN, 0);
    const exotics = [...set.picks.values()].filter((c) => c.uniqueLabel === 'exotic_armor');
    expect(exotics).toEqual([helmet]);
    expect(set.picks.get(S.Legs)?.classType).toBe(0);
  });

  it('on a tie prefers what the character wears, then holds (fewer moves); an empty slot counts 0 and is named', () => {
    const worn = item(S.Power, 1900, { owner: TITAN, equipped: true });
    const set = bestSet([...base().filter((c) => c.slot !== S.ClassItem), worn], TITAN, 0);
    expect(set.picks.get(S.Power)).toBe(worn);
    expect(set.empty).toEqual([S.ClassItem]);
    expect(set.power).toBe(Math.floor((1900 * 7) / 8));
  });
});
