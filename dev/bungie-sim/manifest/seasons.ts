import { hashString } from '../prng';

// The game's seasons (number, name, first day), as players know them; hashes are the simulator's.
const SEASONS: readonly [number: number, name: string, start: string][] = [
  [1, 'Red War', '2017-09-06'], [2, 'Curse of Osiris', '2017-12-05'], [3, 'Warmind', '2018-05-08'], [4, 'Season of the Outlaw', '2018-09-04'],
  [5, 'Season of the Forge', '2018-11-27'], [6, 'Season of the Drifter', '2019-03-05'], [7, 'Season of Opulence', '2019-06-04'],
  [8, 'Season of the Undying', '2019-10-01'], [9, 'Season of Dawn', '2019-12-10'], [10, 'Season of the Worthy', '2020-03-10'],
  [11, 'Season of Arrivals', '2020-06-09'], [12, 'Season of the Hunt', '2020-11-10'], [13, 'Season of the Chosen', '2021-02-09'],
  [14, 'Season of the Splicer', '2021-05-11'], [15, 'Season of the Lost', '2021-08-24'], [16, 'Season of the Risen', '2022-02-22'],
  [17, 'Season of the Haunted', '2022-05-24'], [18, 'Season of Plunder', '2022-08-23'], [19, 'Season of the Seraph', '2022-12-06'],
  [20, 'Season of Defiance', '2023-02-28'], [21, 'Season of the Deep', '2023-05-23'], [22, 'Season of the Witch', '2023-08-22'],
  [23, 'Season of the Wish', '2023-11-28'], [24, 'Episode: Echoes', '2024-06-04'], [25, 'Episode: Revenant', '2024-10-08'],
  [26, 'Episode: Heresy', '2025-02-04'], [27, 'Season: Reclamation', '2025-07-15'], [28, 'Season: Lawless', '2025-12-02'],
];

/** The simulated hash of season `n`'s DestinySeasonDefinition. */
export const seasonHash = (n: number): number => hashString(`season:${n}`);

/**
 * DestinySeasonDefinition rows shaped as Bungie's (OpenAPI `Destiny.Definitions.Seasons.DestinySeasonDefinition`):
 * `seasonNumber` is what items' `seasonHash` leads to.
 */
export function seasonDefinitions(): Map<number, object> {
  return new Map(SEASONS.map(([n, name, start], index) => {
    const hash = seasonHash(n);
    const end = SEASONS[index + 1]?.[2];
    return [hash, {
      displayProperties: { description: `${name}.`, name, icon: `/common/destiny2_content/icons/season_${n}.png`, hasIcon: true },
      backgroundImagePath: '', seasonNumber: n, startDate: `${start}T17:00:00Z`, ...(end ? { endDate: `${end}T17:00:00Z` } : {}),
      seasonPassHash: hashString(`season-pass:${n}`), seasonPassList: [], artifactItemHash: n >= 8 ? hashString(`artifact:${n}`) : null,
      sealPresentationNodeHash: null, seasonalChallengesPresentationNodeHash: null, acts: [],
      hash, index, redacted: false, blacklisted: false,
    }];
  }));
}

/**
 * The `seasonHash` of a simulated weapon or armour piece, from its own hash (no random draw, so the
 * world's other rolls stay as they were): seven in ten name a season, as many real items do not.
 */
export function seasonHashOf(itemHash: number): number | undefined {
  if (itemHash % 10 >= 7) return undefined;
  return seasonHash(1 + ((itemHash >>> 4) % SEASONS.length));
}
