import 'server-only';
import type { DestinyItemComponent, DestinyItemSocketsComponent, DestinyItemStatsComponent } from 'bungie-api-ts/destiny2';
import type { ProfileAnswer } from '@/lib/bungie/types';
import type { DefinitionNeeds, PageDefinitions } from '@/lib/inventory/definitions';
import { instancedItemsOf } from '@/lib/inventory/known-items';
import type { ItemFacts, ItemFactsView } from '@/lib/inventory/types';
import { STAT_KEY_BY_HASH } from '@/lib/search/vocabulary';

/**
 * GetProfile components of the search's facts: every store's item lists (vault and account-wide,
 * character inventories, equipment), then stats (304) and sockets (305) of every instance. No
 * instances (300) and no characters (200): the facts need neither.
 */
export const FACTS_COMPONENTS = [102, 201, 205, 304, 305] as const;

/** The plug hashes in the visible sockets of `items`: their definitions name the perks and carry the stat bonuses. */
function plugNeeds(profile: ProfileAnswer, items: readonly DestinyItemComponent[]): number[] {
  const sockets = profile.itemComponents?.sockets?.data;
  if (!sockets) return [];
  const hashes = new Set<number>();
  for (const item of items) {
    for (const s of sockets[item.itemInstanceId!]?.sockets ?? []) if (s.plugHash && s.isVisible !== false) hashes.add(s.plugHash);
  }
  return [...hashes];
}

/** The definitions the facts need: the plugged items' (perk names, stat bonuses), nothing else. */
export function factsNeeds(profile: ProfileAnswer): DefinitionNeeds {
  return { items: plugNeeds(profile, instancedItemsOf(profile)) };
}

/** The stats the game shows (and `stat:` knows), by search name; undefined for none. */
function statsOf(component: DestinyItemStatsComponent | undefined): Record<string, number> | undefined {
  if (!component) return undefined;
  let out: Record<string, number> | undefined;
  for (const stat of Object.values(component.stats ?? {})) {
    const key = STAT_KEY_BY_HASH.get(stat.statHash);
    if (key) (out ??= {})[key] = stat.value;
  }
  return out;
}

/**
 * Base values (`basestat:`) of the stats that plugged mods or the masterwork raise: the current value
 * less the bonuses their definitions carry (compact `statBonuses`), never below 0. Only the stats that
 * differ; undefined when no plug adds to a shown stat.
 */
function baseStatsOf(defs: PageDefinitions, stats: Record<string, number> | undefined, component: DestinyItemSocketsComponent | undefined): Record<string, number> | undefined {
  if (!stats || !component) return undefined;
  let out: Record<string, number> | undefined;
  for (const s of component.sockets ?? []) {
    if (!s.plugHash || s.isVisible === false || s.isEnabled === false) continue;
    const bonuses = defs.items.get(s.plugHash)?.statBonuses;
    if (!bonuses) continue;
    for (const hash in bonuses) {
      const key = STAT_KEY_BY_HASH.get(Number(hash));
      const current = key === undefined ? undefined : (out?.[key] ?? stats[key]);
      if (current !== undefined) (out ??= {})[key!] = Math.max(0, current - bonuses[hash]!);
    }
  }
  return out;
}

// Plugs that are looks or placeholders, not perks: left out of `perks` (answer weight).
const NOT_PERKS = /^(shader|.*ornament|emote|ghost projection|transmat effect)$/i;

/** Lower-cased names of the visible plugged perks, each once; undefined for none. */
function perksOf(defs: PageDefinitions, component: DestinyItemSocketsComponent | undefined): string[] | undefined {
  if (!component) return undefined;
  let out: string[] | undefined;
  for (const s of component.sockets ?? []) {
    if (!s.plugHash || s.isVisible === false) continue;
    const def = defs.items.get(s.plugHash);
    if (!def?.name || def.redacted || NOT_PERKS.test(def.itemTypeDisplayName) || /^(empty|default) /i.test(def.name)) continue;
    const name = def.name.toLowerCase();
    if (!(out ??= []).includes(name)) out.push(name);
  }
  return out;
}

/**
 * The facts of every instanced item of a GetProfile answer (components `FACTS_COMPONENTS`), by
 * instance id: current stats, base stats and perk names. Every instance gets an entry (`{}` once
 * JSON drops the undefined fields), so the browser can tell "no stats" from "not in this answer".
 */
export function buildFacts(profile: ProfileAnswer, defs: PageDefinitions): ItemFactsView {
  const stats = profile.itemComponents?.stats?.data ?? {};
  const sockets = profile.itemComponents?.sockets?.data ?? {};
  const items: Record<string, ItemFacts> = {};
  for (const item of instancedItemsOf(profile)) {
    const id = item.itemInstanceId!;
    const current = statsOf(stats[id]);
    items[id] = { stats: current, baseStats: baseStatsOf(defs, current, sockets[id]), perks: perksOf(defs, sockets[id]) };
  }
  return { items };
}
