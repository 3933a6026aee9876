import { SimRefusal } from '../codes';

/** DestinyComponentType values the simulator understands, with Bungie's names. */
export const COMPONENTS: Record<string, number> = {
  Profiles: 100, VendorReceipts: 101, ProfileInventories: 102, ProfileCurrencies: 103, ProfileProgression: 104,
  PlatformSilver: 105, Characters: 200, CharacterInventories: 201, CharacterProgressions: 202, CharacterRenderData: 203,
  CharacterActivities: 204, CharacterEquipment: 205, CharacterLoadouts: 206, ItemInstances: 300, ItemObjectives: 301,
  ItemPerks: 302, ItemRenderData: 303, ItemStats: 304, ItemSockets: 305, ItemTalentGrids: 306, ItemCommonData: 307,
  ItemPlugStates: 308, ItemPlugObjectives: 309, ItemReusablePlugs: 310, Vendors: 400, VendorCategories: 401,
  VendorSales: 402, Kiosks: 500, CurrencyLookups: 600, PresentationNodes: 700, Collectibles: 800, Records: 900,
  Transitory: 1000, Metrics: 1100, StringVariables: 1200, Craftables: 1300, SocialCommendations: 1400,
};

const byLowerName = new Map(Object.entries(COMPONENTS).map(([k, v]) => [k.toLowerCase(), v]));
const known = new Set(Object.values(COMPONENTS));

/**
 * Parses `?components=` as Bungie does: a comma list of numbers or enum names, any case.
 * An unknown one is refused with ParameterParseFailure rather than silently dropped.
 */
export function parseComponents(raw: string | null): Set<number> {
  const out = new Set<number>();
  for (const part of (raw ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
    const value = /^\d+$/.test(part) ? Number(part) : byLowerName.get(part.toLowerCase());
    if (value === undefined || !known.has(value)) throw new SimRefusal('ParameterParseFailure', 400);
    out.add(value);
  }
  return out;
}

// Which top-level keys of a profile answer each component fills; itemComponents keys are separate.
const PROFILE_KEYS: Record<number, string[]> = {
  100: ['profile'], 101: ['vendorReceipts'], 102: ['profileInventory'], 103: ['profileCurrencies'], 104: ['profileProgression'],
  105: ['platformSilver'], 200: ['characters'], 201: ['characterInventories'], 202: ['characterProgressions'],
  203: ['characterRenderData'], 204: ['characterActivities'], 205: ['characterEquipment'], 206: ['characterLoadouts'],
  500: ['profileKiosks', 'characterKiosks'], 600: ['characterCurrencyLookups'], 700: ['profilePresentationNodes', 'characterPresentationNodes'],
  800: ['profileCollectibles', 'characterCollectibles'], 900: ['profileRecords', 'characterRecords'], 1000: ['profileTransitoryData'],
  1100: ['metrics'], 1200: ['profileStringVariables', 'characterStringVariables'], 1300: ['characterCraftables'], 1400: ['profileCommendations'],
};
const ITEM_KEYS: Record<number, string> = {
  300: 'instances', 301: 'objectives', 302: 'perks', 303: 'renderData', 304: 'stats', 305: 'sockets', 306: 'talentGrids',
  308: 'plugStates', 309: 'plugObjectives', 310: 'reusablePlugs',
};

/** Keeps only the parts of a recorded profile answer that the requested components produce. */
export function filterProfile(recorded: Record<string, unknown>, components: ReadonlySet<number>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of ['responseMintedTimestamp', 'secondaryComponentsMintedTimestamp']) if (key in recorded) out[key] = recorded[key];
  for (const c of components) for (const key of PROFILE_KEYS[c] ?? []) if (key in recorded) out[key] = recorded[key];
  const items = recorded.itemComponents as Record<string, unknown> | undefined;
  if (items) {
    const kept: Record<string, unknown> = {};
    for (const c of components) {
      const key = ITEM_KEYS[c];
      if (key && key in items) kept[key] = items[key];
    }
    if (Object.keys(kept).length) out.itemComponents = kept;
  }
  return out;
}
