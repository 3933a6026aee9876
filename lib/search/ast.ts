/**
 * The search language's data: tokens, the syntax tree and the positioned error. Every node and
 * token carries its offsets in the query text, so a message can point at the part it is about.
 */
import type { Tier } from '@/lib/inventory/types';

/** Offsets into the query text: `start` inclusive, `end` exclusive. */
export type Span = { start: number; end: number };

/** What went wrong, in plain words, and where: `length` characters from `offset` (0 at the very end). */
export type SearchError = { message: string; offset: number; length: number };

/** A lexical piece of the query. */
export type Token =
  | (Span & { kind: 'lparen' | 'rparen' | 'not' | 'or' | 'and' })
  | (Span & {
      kind: 'term';
      /** Lower-cased text before the first colon (`is`, `power`, …); null for a bare word or phrase. */
      key: string | null;
      /** Text after the colon (or the whole word), without quotes, as typed. */
      value: string;
      quoted: boolean;
    });

/** Weapon types DIM's `is:` knows, each a Bungie `DestinyItemSubType`. */
export type WeaponTypeKeyword =
  | 'autorifle' | 'shotgun' | 'machinegun' | 'handcannon' | 'rocketlauncher' | 'fusionrifle' | 'sniperrifle' | 'pulserifle'
  | 'scoutrifle' | 'sidearm' | 'sword' | 'linearfusionrifle' | 'grenadelauncher' | 'smg' | 'trace' | 'bow' | 'glaive';

/** Armour slots DIM's `is:` knows, each a Bungie `DestinyItemSubType`. */
export type ArmorSlotKeyword = 'helmet' | 'gauntlets' | 'chest' | 'leg' | 'classitem';

/** The `is:` keywords, after aliases are resolved. */
export type IsKeyword =
  | 'weapon' | 'armor' | 'exotic' | 'legendary' | 'rare' | 'uncommon' | 'common' | 'equipped' | 'locked' | 'unlocked'
  | 'masterwork' | 'kineticslot' | 'energy' | 'power' | 'kinetic' | 'hunter' | 'titan' | 'warlock' | 'dupe' | 'postmaster' | 'vault'
  | 'arc' | 'solar' | 'void' | 'stasis' | 'strand' | 'crafted' | 'inloadout' | 'maxpower' | 'haspower' | 'tagged' | 'hasnotes'
  | WeaponTypeKeyword | ArmorSlotKeyword;

/** Tags a player puts on an item (DIM's set). */
export type ItemTagName = 'favorite' | 'keep' | 'junk' | 'infuse' | 'archive';

/** How `power:` compares. */
export type Comparison = '<' | '<=' | '=' | '>=' | '>';

/** One checked filter; text values are already lower-cased. */
export type Filter =
  | { kind: 'is'; keyword: IsKeyword }
  /** A bare word or quoted phrase: found in the name or the type name. */
  | { kind: 'text'; text: string }
  | { kind: 'name'; text: string }
  /** Letters and digits only, so `handcannon` and `"Hand Cannon"` are the same. */
  | { kind: 'type'; text: string }
  | { kind: 'tier'; tier: Tier }
  | { kind: 'damage'; damage: string }
  | { kind: 'power'; op: Comparison; value: number }
  /**
   * `stat:range:>=60`: one stat's current value (`total`: the armour stats summed); `basestat:` (`base`
   * true) the value without the bonuses of plugged mods and the masterwork.
   */
  | { kind: 'stat'; stat: string; op: Comparison; value: number; base?: true }
  /** `season:>=20`, `year:3`: the season (number) the item's definition names, or its year. */
  | { kind: 'season' | 'year'; op: Comparison; value: number }
  /** `perk:"name"` / `perkname:`: a plugged perk whose name contains the text. */
  | { kind: 'perk'; text: string }
  /** `count:>1`: how many copies (same hash) the page holds. */
  | { kind: 'count'; op: Comparison; value: number }
  /** `tag:junk`, `tag:none`. */
  | { kind: 'tag'; tag: ItemTagName | 'none' }
  /** `notes:text`: the player's note contains the text. */
  | { kind: 'notes'; text: string };

/** The syntax tree. */
export type SearchNode =
  | (Span & { type: 'term'; filter: Filter })
  | (Span & { type: 'not'; operand: SearchNode })
  | (Span & { type: 'and' | 'or'; children: SearchNode[] })
  | (Span & { type: 'group'; inner: SearchNode });

/** A parse: the tree (null for an empty query, which matches everything), or the first error. */
export type ParseResult = { ok: true; ast: SearchNode | null } | { ok: false; error: SearchError };

/** An error spanning `span`, or the empty place at `offset`. */
export function searchError(message: string, span: Span | number): SearchError {
  return typeof span === 'number' ? { message, offset: span, length: 0 } : { message, offset: span.start, length: span.end - span.start };
}
