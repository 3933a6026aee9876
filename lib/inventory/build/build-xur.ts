import 'server-only';
import type { DestinyVendorComponent, DestinyVendorSaleItemComponent } from 'bungie-api-ts/destiny2';
import type { DefinitionNeeds, PageDefinitions } from '@/lib/inventory/definitions';
import { absoluteUrl, type TransformOptions } from './tiles';
import type { Tier, XurOffer, XurSource, XurView } from '@/lib/inventory/types';

/** Xûr's vendor hash (DestinyVendorDefinition). */
export const XUR_VENDOR_HASH = 2190858386;

/** Vendors components the page needs: 400 Vendors (presence, refresh date), 402 VendorSales (stock). */
export const XUR_COMPONENTS = [400, 402] as const;

/** The part of a Vendors answer (per-character or public) the page reads. */
export type VendorsAnswer = {
  vendors?: { data?: Record<string, Partial<DestinyVendorComponent>> };
  sales?: { data?: Record<string, { saleItems?: Record<string, Partial<DestinyVendorSaleItemComponent>> }> };
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TIERS: Record<number, Tier> = { 1: 'currency', 2: 'common', 3: 'uncommon', 4: 'rare', 5: 'legendary', 6: 'exotic' };

/** The next `weekday` (0 Sunday … 6 Saturday) at 17:00 UTC strictly after `now`: the weekly reset hour. */
export function nextWeekdayReset(now: Date, weekday: number): Date {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 17);
  let at = today + ((((weekday - now.getUTCDay()) % 7) + 7) % 7) * DAY;
  if (at <= now.getTime()) at += 7 * DAY;
  return new Date(at);
}

function saleItems(answer: VendorsAnswer): Partial<DestinyVendorSaleItemComponent>[] {
  const items = answer.sales?.data?.[String(XUR_VENDOR_HASH)]?.saleItems ?? {};
  return Object.values(items).sort((a, b) => (a.vendorItemIndex ?? 0) - (b.vendorItemIndex ?? 0));
}

/** Whether the answer lists Xûr: his vendor component, or his sales when only 402 came back. */
export function xurListed(answer: VendorsAnswer): boolean {
  const key = String(XUR_VENDOR_HASH);
  const vendor = answer.vendors?.data?.[key];
  if (vendor) return vendor.enabled !== false;
  return answer.sales?.data?.[key] !== undefined;
}

/** The definitions the page needs: the offered items and their costs (items too), and Xûr's vendor row. */
export function xurNeeds(answer: VendorsAnswer): DefinitionNeeds {
  const sales = saleItems(answer);
  return {
    items: sales.flatMap((s) => [s.itemHash ?? 0, ...(s.costs ?? []).map((c) => c.itemHash)]),
    vendors: [XUR_VENDOR_HASH],
  };
}

function offerOf(sale: Partial<DestinyVendorSaleItemComponent>, defs: PageDefinitions, options: TransformOptions): XurOffer {
  const hash = sale.itemHash ?? 0;
  const def = defs.items.get(hash);
  const known = Boolean(def && !def.redacted);
  return {
    key: String(sale.vendorItemIndex ?? hash),
    hash,
    known,
    name: known && def ? def.name || `Item ${hash}` : `Unknown item ${hash}`,
    iconUrl: known && def ? absoluteUrl(options.iconOrigin, def.icon) : null,
    tier: known && def ? (TIERS[def.tierType] ?? 'unknown') : 'unknown',
    tierName: def?.tierTypeName ?? '',
    typeName: def?.itemTypeDisplayName ?? '',
    classType: def?.classType ?? 3,
    costs: (sale.costs ?? []).map((c) => {
      const cost = defs.items.get(c.itemHash);
      return { hash: c.itemHash, quantity: c.quantity, name: cost?.name || `Unknown currency ${c.itemHash}`, iconUrl: absoluteUrl(options.iconOrigin, cost?.icon) };
    }),
  };
}

/**
 * The Xûr view from a Vendors answer (components 400 and 402) and its definitions. Absent when
 * the answer does not list him; `now` decides when he returns (the next Friday 17:00 UTC).
 */
export function buildXur(answer: VendorsAnswer, source: XurSource, defs: PageDefinitions, options: TransformOptions & { now: Date }): XurView {
  const vendor = defs.vendors.get(XUR_VENDOR_HASH);
  const name = vendor?.name || 'Xûr';
  if (!xurListed(answer)) return { present: false, source, name, returnsAt: nextWeekdayReset(options.now, 5).toISOString() };
  const offers = saleItems(answer).map((s) => offerOf(s, defs, options));
  const unknown = offers.flatMap((o) => [...(o.known ? [] : [o.hash]), ...o.costs.filter((c) => !defs.items.has(c.hash)).map((c) => c.hash)]);
  const refresh = answer.vendors?.data?.[String(XUR_VENDOR_HASH)]?.nextRefreshDate;
  const leavesAt = refresh && !Number.isNaN(Date.parse(refresh)) ? new Date(refresh).toISOString() : nextWeekdayReset(options.now, 2).toISOString();
  return {
    present: true,
    source,
    name,
    subtitle: vendor?.subtitle ?? '',
    location: null,
    offers,
    leavesAt,
    unknownHashes: [...new Set(unknown)].sort((a, b) => a - b),
  };
}
