/**
 * View models of the inventory pages: plain, serialisable data built on the server from one
 * GetProfile answer and one batched definitions read. Pages and client components see only
 * these, never raw Bungie JSON.
 */

/** Rarity as the UI colours it; from the definition's `tierType`. */
export type Tier = 'exotic' | 'legendary' | 'rare' | 'uncommon' | 'common' | 'currency' | 'unknown';

/** Where an item is right now. */
export type ItemLocation = {
  /** vault: in the vault; account: account-wide inventory (consumables, mods); equipped / inventory / postmaster: on a character. */
  kind: 'vault' | 'account' | 'equipped' | 'inventory' | 'postmaster';
  /** The character holding it (equipped, inventory, postmaster). */
  characterId?: string;
  /** A sentence fragment for the detail sheet, e.g. "Vault" or "Equipped on your Hunter". */
  label: string;
};

/** One tile: an instanced item, or one stack of a stackable item. */
export type ItemTile = {
  /** Unique within a page: the instance id, or hash + position for stacks. */
  key: string;
  /** Unsigned 32-bit item hash (DestinyInventoryItemDefinition). */
  hash: number;
  /** Bungie's int64 instance id as a string; absent for stackables. */
  instanceId?: string;
  /** False when the manifest lacks this hash: the tile is a marked placeholder. */
  known: boolean;
  /** Display name, or "Unknown item <hash>" for an unknown hash. */
  name: string;
  /** Absolute icon URL, or null when the item has none (or is unknown). */
  iconUrl: string | null;
  tier: Tier;
  /** Bungie's rarity name, e.g. "Legendary"; empty when unknown. */
  tierName: string;
  /** e.g. "Hand Cannon", "Hunter Cloak"; empty when unknown. */
  typeName: string;
  /** Power (primary stat) of weapons and armour; null for everything else. */
  power: number | null;
  /** Element of a weapon, e.g. "Solar"; null for none. */
  damageType: string | null;
  /** The player locked it in game. */
  locked: boolean;
  /** Fully masterworked. */
  masterwork: boolean;
  /** Stack size (1 for instanced items). */
  quantity: number;
  /** Currently equipped on a character. */
  equipped: boolean;
  /** The slot the item belongs to (its definition's bucket), 0 when unknown. */
  slotHash: number;
  /** Bungie `DestinyItemType`: 3 weapon, 2 armour, ... (0 when unknown). */
  itemType: number;
  /** Who can use it: 0 Titan, 1 Hunter, 2 Warlock, 3 anyone. */
  classType: number;
  location: ItemLocation;
  /** Bungie `DestinyItemSubType` (9 Hand Cannon, 26 Helmet, ...); absent when 0 (none or unknown). */
  subType?: number;
  /** Crafted at the Enclave (ItemState bit 8); absent when not. */
  crafted?: true;
  /** Season number of the item's definition (`seasonHash` → DestinySeasonDefinition); absent when it names none. */
  season?: number;
  /** The player's tag on this instance (lib/annotations, stored per player); absent when untagged. */
  tag?: 'favorite' | 'keep' | 'junk' | 'infuse' | 'archive';
  /** The player's note on this instance (lib/annotations); absent when none. */
  notes?: string;
};

/**
 * What the search's `stat:`, `basestat:` and `perk:` read about one instanced item. Not on the pages'
 * tiles (components 304 and 305 tripled the pages' GetProfile answer): the search asks
 * `GET /api/items/facts` for them when a query needs them.
 */
export type ItemFacts = {
  /**
   * Current stat values of weapons and armour (component 304), by search name (`range`,
   * `mobility`, ... — lib/search/vocabulary STAT_KEY_BY_HASH); only the stats the game shows.
   */
  stats?: Record<string, number>;
  /**
   * Base values (`basestat:`) of the stats in `stats` that plugged mods or the masterwork raise: the
   * current value minus the plugs' stat bonuses (their definitions' investment stats). A stat
   * missing here has its current value as its base; absent when no plug adds to any.
   */
  baseStats?: Record<string, number>;
  /** Names of the plugged perks (component 305: traits, frames, barrels, ...), lower-cased, each once. */
  perks?: string[];
};

/** GET /api/items/facts: the facts of every instanced item of the player's active profile. */
export type ItemFactsView = {
  /** By instance id; an item with no stats and no perks has `{}`, so an id missing here is one the answer did not know. */
  items: Record<string, ItemFacts>;
};

/** Items of one bucket (slot) on a page. */
export type BucketSection = {
  /** The bucket's hash; 0 for the "Unknown items" section. */
  bucketHash: number;
  /** From the manifest's bucket definition, e.g. "Kinetic Weapons". */
  name: string;
  items: ItemTile[];
  /** How many tiles are in it. */
  count: number;
  /** How many fit, from the bucket definition; null where no per-section limit applies (vault sections). */
  capacity: number | null;
};

/** A top-level group of the vault page. */
export type VaultGroupId = 'weapons' | 'armor' | 'general' | 'account';

/** Weapons, armour, general or account-wide items, each split into bucket sections. */
export type VaultGroup = {
  id: VaultGroupId;
  /** e.g. "Weapons". */
  label: string;
  sections: BucketSection[];
  /** Tiles in the group. */
  count: number;
};

/** One character, as the navigation and headers show it. */
export type CharacterSummary = {
  characterId: string;
  /** From the class definition, e.g. "Hunter". */
  className: string;
  /** From the race definition, e.g. "Exo". */
  raceName: string;
  /** Power level (`light`). */
  power: number;
  /** Absolute URL of the small emblem, or null. */
  emblemUrl: string | null;
  /** Absolute URL of the wide emblem background, or null. */
  emblemBackgroundUrl: string | null;
  /** ISO 8601; the navigation lists the most recently played first. */
  dateLastPlayed: string;
};

/** What both pages share: navigation and the manifest notice. */
type PageBase = {
  /** Every character of the player, most recently played first. */
  characters: CharacterSummary[];
  /** Hashes the manifest lacks (each shown once as a placeholder tile); non-empty → one refresh notice. */
  unknownHashes: number[];
  /** Where the page's item data came from. */
  manifest: ManifestSource;
};

/** The manifest version a page's definitions came from, and whether from the store or a backup. */
export type ManifestSource = {
  /** Storage id of the version (the page root carries it as `data-manifest-version`). */
  versionId: string;
  /** The manifest store was down: definitions came from the server's in-process copy (a banner says so). */
  fromBackup: boolean;
};

/** The vault page. */
export type VaultView = PageBase & {
  /** Weapons, armour, general (vault), then account-wide consumables and mods; empty groups left out. */
  groups: VaultGroup[];
  /** Items in the vault: the General bucket (138197802) only, not the account-wide stacks. */
  count: number;
  /** The General bucket's capacity from its definition (1,300 in 2026); null without inventory data. */
  capacity: number | null;
};

/** One character page. */
export type CharacterView = PageBase & {
  character: CharacterSummary;
  /** One section per slot (weapons, armour, ghost, ...), in bucket order; the equipped item comes first. */
  slots: (BucketSection & { equipped: ItemTile | null })[];
  /** Items waiting at the postmaster (Lost Items bucket). */
  postmaster: BucketSection;
};

/** The error-table codes of Bungie.net failing a page: maintenance, throttling, an outage, a refusal. */
export type BungieProblemCode = 'bungie_maintenance' | 'bungie_throttled' | 'bungie_unavailable' | 'bungie_refused';

/** Why a loader could not produce its view; each becomes a page that says so, never a 500. */
export type LoadProblem =
  | { kind: 'not-found' }
  | { kind: 'session-ended' }
  | { kind: 'no-destiny-account' }
  | { kind: 'no-manifest' }
  /** The manifest store (Redis) is down and this server holds no copy of the item data yet. */
  | { kind: 'manifest-unavailable' }
  /** Vault Raider's own database is down: sessions and tokens cannot be read. */
  | { kind: 'database-unavailable' }
  /** The player (or their address) asked for more pages and reads than the rate limit allows just now. */
  | { kind: 'rate-limited' }
  /** Bungie.net failed the page: maintenance, throttling, an outage, or a refusal of its own (not an outage). */
  | {
      kind: 'bungie-unavailable';
      /** A sentence for the player (maintenance, throttling, outage). */
      message: string;
      /** Which it is: its code in the error table (lib/http/error-table.ts). */
      code: BungieProblemCode;
    };

/** A loader's answer. */
export type LoadResult<T> = { kind: 'ok'; view: T } | LoadProblem;

/** One price of a Xûr offer; vendor costs are items (Legendary Shards, Glimmer, ...). */
export type XurCost = {
  /** Item hash of the currency. */
  hash: number;
  /** e.g. "Legendary Shards"; "Unknown currency <hash>" when the manifest lacks it. */
  name: string;
  /** Absolute icon URL, or null. */
  iconUrl: string | null;
  quantity: number;
};

/** One item Xûr sells this week. */
export type XurOffer = {
  /** The sale's vendor item index: unique within the offer list. */
  key: string;
  /** Unsigned 32-bit item hash. */
  hash: number;
  /** False when the manifest lacks this hash (shown as a marked placeholder). */
  known: boolean;
  /** Display name, or "Unknown item <hash>". */
  name: string;
  /** Absolute icon URL, or null. */
  iconUrl: string | null;
  tier: Tier;
  /** e.g. "Exotic"; empty when unknown. */
  tierName: string;
  /** e.g. "Hunter Cloak", "Scout Rifle"; empty when unknown. */
  typeName: string;
  /** Who can use it: 0 Titan, 1 Hunter, 2 Warlock, 3 anyone. */
  classType: number;
  costs: XurCost[];
};

/** Which Bungie call the view came from. */
export type XurSource =
  /** The per-character Vendors call: the full stock this character sees. */
  | 'character'
  /** The public Vendors preview (visitors): Bungie omits per-character stock, sometimes Xûr himself. */
  | 'public';

/** The /xur page: Xûr's stock and when he leaves, or when he returns. */
export type XurView =
  | {
      present: true;
      source: XurSource;
      /** From the vendor definition, e.g. "Xûr". */
      name: string;
      /** e.g. "Agent of the Nine". */
      subtitle: string;
      /** Where he stands, when Bungie's data names it; null otherwise (the compact definitions carry no destinations). */
      location: string | null;
      offers: XurOffer[];
      /** ISO 8601: when he leaves (the vendor's `nextRefreshDate`, else the next Tuesday 17:00 UTC). */
      leavesAt: string;
      /** Offer and cost hashes the manifest lacks; non-empty → one refresh notice. */
      unknownHashes: number[];
    }
  | {
      present: false;
      source: XurSource;
      /** e.g. "Xûr" (from the vendor definition when the manifest has it). */
      name: string;
      /** ISO 8601: the next Friday 17:00 UTC, when he arrives with the weekly reset. */
      returnsAt: string;
    };

/** One stat of an item, as the detail sheet lists it. */
export type ItemStat = {
  /** Unsigned hash of the DestinyStatDefinition. */
  statHash: number;
  /** From the stat definition, e.g. "Range"; "Stat <hash>" when the manifest lacks it. */
  name: string;
  value: number;
  /** The bar's full length (100 for weapon stats); null for stats the game shows as a number only (Rounds Per Minute, Magazine). */
  max: number | null;
};

/** One plug (perk, frame, barrel, mod, masterwork) that fits a socket. */
export type ItemPlug = {
  /** Unsigned hash of its DestinyInventoryItemDefinition. */
  hash: number;
  /** e.g. "Outlaw"; "Unknown perk <hash>" when the manifest lacks it. */
  name: string;
  /** Absolute icon URL, or null. */
  iconUrl: string | null;
  /** Whether this is the plug in the socket now (the one that works in game). */
  active: boolean;
  /** What it does, from its definition; empty when the manifest has no description. */
  description: string;
};

/** A socket of the item: what is plugged in, and the other choices its roll offers. */
export type ItemSocket = {
  /** Bungie's socket index: the game's order. */
  index: number;
  /** The active plug's type, e.g. "Barrel", "Trait", "Masterwork"; empty when unknown. */
  label: string;
  /** Every choice in Bungie's order, the active one marked; just the active one when the socket offers no choice. */
  plugs: ItemPlug[];
};

/** GET /api/items/[instanceId]: stats and perks of one instanced item, for its detail sheet. */
export type ItemDetail = {
  instanceId: string;
  /** Stats in the order the game shows them (bars, then numbers); hidden and primary stats left out. */
  stats: ItemStat[];
  /** Visible, filled sockets in the game's order. */
  sockets: ItemSocket[];
};

/** One of a character's stats (Mobility, Resilience, ...), from GetProfile component 200 `stats`. */
export type CharacterStat = {
  statHash: number;
  /** From the stat definition, e.g. "Mobility"; "Stat <hash>" when the manifest lacks it. */
  name: string;
  /** Absolute icon URL, or null. */
  iconUrl: string | null;
  value: number;
};

/** One character's column of the inventory screen. */
export type InventoryCharacter = {
  character: CharacterSummary;
  /** The character's stats, Power left out (the header shows it), in the game's order. */
  stats: CharacterStat[];
  /**
   * The highest power it can reach from the items of every store (the vault and the other
   * characters included, the postmaster not), with the game's class and exotic rules: the best set
   * of the max-power tool (lib/tools/best-set.ts), over this view's tiles.
   */
  maxPower: number;
  /** One section per slot, in bucket order; every slot any character has, empty ones included. */
  slots: (BucketSection & { equipped: ItemTile | null })[];
  /** Items waiting at the postmaster (Lost Items, 21 places). */
  postmaster: BucketSection;
};

/** An account-wide currency (component 103), e.g. Glimmer. */
export type CurrencyAmount = {
  hash: number;
  /** e.g. "Glimmer"; "Unknown currency <hash>" when the manifest lacks it. */
  name: string;
  iconUrl: string | null;
  quantity: number;
};

/** The inventory screen: every character and the vault, from ONE GetProfile answer. */
export type InventoryView = PageBase & {
  /** A column per character, most recently played first. */
  stores: InventoryCharacter[];
  /** The vault's column: its groups, count and capacity, as the vault page has them. */
  vault: Pick<VaultView, 'groups' | 'count' | 'capacity'>;
  currencies: CurrencyAmount[];
};
