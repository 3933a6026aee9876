import 'server-only';
import type { ItemAnswer } from '@/lib/bungie/types';
import type { DefinitionNeeds, PageDefinitions } from '@/lib/inventory/definitions';
import { STAT_DISPLAY, STAT_ORDER } from './stat-display';
import { absoluteUrl, type TransformOptions } from './tiles';
import type { ItemDetail, ItemPlug, ItemSocket, ItemStat } from '@/lib/inventory/types';

/**
 * GetItem components the detail sheet needs: 300 ItemInstances, 304 ItemStats, 305 ItemSockets
 * (what is plugged in) and 310 ItemReusablePlugs (the other choices of a rolled socket).
 * 302 ItemPerks is left out: it lists sandbox perks (DestinySandboxPerkDefinition), another
 * table, where the perks a player knows are the socket plugs, named by item definitions.
 */
export const ITEM_DETAIL_COMPONENTS = [300, 304, 305, 310] as const;

function shownSockets(answer: ItemAnswer) {
  // Hidden and empty sockets (trackers, unused slots) are not shown in game either.
  return (answer.sockets?.data?.sockets ?? []).map((s, index) => ({ ...s, index })).filter((s) => s.isVisible !== false && s.plugHash);
}

function choicesOf(answer: ItemAnswer, index: number, active: number): number[] {
  const reusable = (answer.reusablePlugs?.data?.plugs?.[index] ?? []).map((p) => p.plugItemHash);
  return reusable.includes(active) ? [...new Set(reusable)] : [active];
}

/** The definitions the sheet needs for this answer: plug items and stats. */
export function itemDetailNeeds(answer: ItemAnswer): DefinitionNeeds {
  const plugs = shownSockets(answer).flatMap((s) => choicesOf(answer, s.index, s.plugHash!));
  return { items: plugs, stats: Object.keys(answer.stats?.data?.stats ?? {}).map(Number).filter((h) => STAT_ORDER.has(h)) };
}

/**
 * The detail sheet's view of one item from GetItem (components 300, 304, 305, 310) and the
 * definitions of its stats and plugs: stats in the game's order, each socket's choices with the
 * active one marked. An unknown hash is named as such, never an error.
 */
export function buildItemDetail(instanceId: string, answer: ItemAnswer, defs: PageDefinitions, options: TransformOptions): ItemDetail {
  const stats: ItemStat[] = Object.values(answer.stats?.data?.stats ?? {})
    .filter((s) => STAT_ORDER.has(s.statHash))
    .sort((a, b) => STAT_ORDER.get(a.statHash)! - STAT_ORDER.get(b.statHash)!)
    .map((s) => ({
      statHash: s.statHash,
      name: defs.stats.get(s.statHash)?.name || `Stat ${s.statHash}`,
      value: s.value,
      max: STAT_DISPLAY[STAT_ORDER.get(s.statHash)!]!.max,
    }));
  const plug = (hash: number, active: boolean): ItemPlug => {
    const def = defs.items.get(hash);
    return { hash, name: def?.name || `Unknown perk ${hash}`, iconUrl: absoluteUrl(options.iconOrigin, def?.icon), active, description: def?.description ?? '' };
  };
  const sockets: ItemSocket[] = shownSockets(answer).map((s) => ({
    index: s.index,
    label: defs.items.get(s.plugHash!)?.itemTypeDisplayName ?? '',
    plugs: choicesOf(answer, s.index, s.plugHash!).map((hash) => plug(hash, hash === s.plugHash)),
  }));
  return { instanceId, stats, sockets };
}
