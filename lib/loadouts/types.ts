/**
 * What the loadout routes answer and the Loadouts panel shows: plain, serialisable data (no
 * server-only imports, so client components can use these types).
 */
import type { Tier } from '@/lib/inventory/types';

/** One item of a saved loadout, with what the manifest says about it. */
export type LoadoutItemView = {
  /** Bungie's int64 instance id, as a string. */
  itemId: string;
  /** Unsigned 32-bit item hash. */
  itemHash: number;
  /** The slot it was equipped in. */
  bucketHash: number;
  /** Display name, or "Unknown item <hash>" when the manifest lacks it. */
  name: string;
  /** Absolute icon URL, or null. */
  iconUrl: string | null;
  tier: Tier;
};

/** One saved loadout. */
export type LoadoutView = {
  id: string;
  /** The player's name for it. */
  name: string;
  /** Class of the character it was saved from: 0 Titan, 1 Hunter, 2 Warlock. */
  classType: number;
  /** e.g. "Hunter". */
  className: string;
  items: LoadoutItemView[];
  /** ISO 8601. */
  updatedAt: string;
};

/**
 * What applying did to one item:
 * - `equipped`: it was on the character and is equipped now (or already was);
 * - `moved_equipped`: it came from the vault or another character and is equipped now;
 * - `move_failed`: it could not be brought to the character (the message says why);
 * - `equip_failed`: it is on the character but the game refused to equip it;
 * - `missing`: it is no longer in the player's inventory (dismantled, or never there);
 * - `conflict`: another item of the loadout takes its slot or its exotic group; left alone.
 */
export type ApplyStatus = 'equipped' | 'moved_equipped' | 'move_failed' | 'equip_failed' | 'missing' | 'conflict';

/** The report line for one loadout item. */
export type ApplyItemResult = {
  itemId: string;
  itemHash: number;
  name: string;
  iconUrl: string | null;
  status: ApplyStatus;
  /** It was already equipped on the character: nothing was done to it. */
  unchanged: boolean;
  /** One sentence for the player: what happened, or why not. */
  message: string;
};

/** The answer of `POST /api/loadouts/[id]/apply`. */
export type ApplyReport = {
  ok: true;
  loadoutId: string;
  characterId: string;
  /** How many of the loadout's items are equipped on the character now. */
  equipped: number;
  /** How many items the loadout holds. */
  total: number;
  /** e.g. "7 of 8 items equipped on your Titan." */
  summary: string;
  items: ApplyItemResult[];
};
