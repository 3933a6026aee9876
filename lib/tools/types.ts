/**
 * What the tool routes (postmaster sweep, max power, player settings) answer: plain, serialisable
 * data with no server-only imports, so client components can use these types.
 */
import type { Tier } from '@/lib/inventory/types';

/** One slot of the max-power set. */
export type MaxPowerItem = {
  /** The slot's name, e.g. "Kinetic Weapons". */
  slot: string;
  itemId: string;
  itemHash: number;
  name: string;
  iconUrl: string | null;
  tier: Tier;
  power: number;
  /** "Equipped", "In its inventory", "In your vault", "In your Hunter". */
  where: string;
  /** Already equipped on this character. */
  equipped: boolean;
};

/** `GET /api/characters/[characterId]/max-power`. */
export type MaxPowerView = {
  characterId: string;
  /** The highest power the character can reach from its items anywhere (the game's average of eight slots, rounded down). */
  power: number;
  /** The same average for what it wears now (without the artifact's bonus, which the header's power includes). */
  equippedPower: number;
  /** The set, slot by slot, in the game's order. */
  items: MaxPowerItem[];
  /** Slots no usable item fills (they count 0 in the average). */
  emptySlots: string[];
};

/**
 * What the sweep did to one postmaster item:
 * - `collected`: pulled onto the character;
 * - `collected_made_room`: pulled after the least valuable unlocked item of its slot went to the vault;
 * - `left`: still at the postmaster (the message says why).
 */
export type SweepStatus = 'collected' | 'collected_made_room' | 'left';

/** The report line for one postmaster item. */
export type SweepLine = {
  itemId: string;
  itemHash: number;
  name: string;
  iconUrl: string | null;
  quantity: number;
  status: SweepStatus;
  /** One sentence for the player: what happened, or why not. */
  message: string;
  /** The item moved to the vault to make room, when one was. */
  madeRoom?: { itemId: string; itemHash: number; name: string };
};

/** `POST /api/postmaster/collect`. */
export type SweepReport = {
  ok: true;
  characterId: string;
  collected: number;
  total: number;
  /** e.g. "3 of 4 items collected from your Titan's postmaster." */
  summary: string;
  items: SweepLine[];
};

/** `GET`/`PUT /api/settings`: a player's choices. */
export type PlayerSettingsView = {
  /** When a move finds no room, make the one suggested move and say so (off by default). */
  autoMakeRoom: boolean;
};

/** A move made to free a space before the move the player asked for (the transfer answer's `madeRoom`). */
export type MadeRoom = { label: string; move: { itemId: string; itemHash: number; from: string; to: string } };

/**
 * What a farming turn moved to the vault: an item of a full weapon or armour bucket (`room`, its
 * `slot` named) to keep a place free, or a consumable stack (`quantity` of it).
 */
export type FarmedItem = { itemId: string; itemHash: number; name: string; iconUrl: string | null; quantity: number; kind: 'room' | 'consumable'; slot?: string };

/** `POST /api/characters/[characterId]/farming`: one turn of farming mode. */
export type FarmingReport = {
  ok: true;
  characterId: string;
  /** What went to the vault this turn, in order. */
  moved: FarmedItem[];
  /** Full weapon or armour buckets (by name) where every item is locked, equipped or kept: nothing could leave. */
  stuck: string[];
  /** The character's Engrams bucket: how many it holds of its places (engrams cannot go to the vault). */
  engrams: { count: number; capacity: number };
  /** Moves left for the next turn (more than one turn's worth). */
  waiting: number;
  /** e.g. "Moved 2 items to the vault." or "Nothing needed moving." */
  summary: string;
  /** The first refusal ends farming: its code and the sentence for the player. */
  stopped?: { code: string; message: string };
};
