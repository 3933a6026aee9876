import type { DestinyPublicVendorsResponse, DestinyVendorSaleItemComponent, DestinyVendorsResponse } from 'bungie-api-ts/destiny2';
import { Currency, Vendor } from '../constants';
import type { SimItemDefinition } from '../manifest/item-generator';
import { createRng } from '../prng';

const HOUR = 3_600_000;
const WEEK = 7 * 24 * HOUR;
// A Tuesday 17:00 UTC: the weekly reset every week is counted from.
const RESET_EPOCH = Date.UTC(2017, 8, 5, 17);

/** Xûr is in the system from the Friday reset to the Tuesday reset (17:00 UTC). */
export function isXurPresent(now: Date): boolean {
  const sinceReset = (((now.getTime() - RESET_EPOCH) % WEEK) + WEEK) % WEEK;
  // Tuesday 17:00 + 3 days = Friday 17:00.
  return sinceReset >= 3 * 24 * HOUR;
}

function nextWeeklyReset(now: Date): Date {
  const sinceReset = (((now.getTime() - RESET_EPOCH) % WEEK) + WEEK) % WEEK;
  return new Date(now.getTime() - sinceReset + WEEK);
}

function nextDailyReset(now: Date): Date {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 17);
  return new Date(today > now.getTime() ? today : today + 24 * HOUR);
}

type Sale = { itemHash: number; cost: { itemHash: number; quantity: number }; perCharacter: boolean };

/** What a vendor sells this week (deterministic per week and seed). */
function stock(vendorHash: number, items: readonly SimItemDefinition[], now: Date, seed: number): Sale[] {
  const week = Math.floor((now.getTime() - RESET_EPOCH) / WEEK);
  const rng = createRng(seed * 31 + week * 7 + (vendorHash % 1000));
  const exotic = (itemType: number, classType?: number) =>
    items.filter((d) => d.inventory?.tierType === 6 && d.itemType === itemType && (classType === undefined || d.classType === classType));
  if (vendorHash === Vendor.Xur) {
    const sales: Sale[] = [{ itemHash: rng.pick(exotic(3)).hash, cost: { itemHash: Currency.LegendaryShards, quantity: 29 }, perCharacter: false }];
    // One exotic armour piece per class: that is the per-character part the public preview omits.
    for (const classType of [0, 1, 2]) sales.push({ itemHash: rng.pick(exotic(2, classType)).hash, cost: { itemHash: Currency.LegendaryShards, quantity: 23 }, perCharacter: true });
    return sales;
  }
  const legendary = items.filter((d) => d.inventory?.tierType === 5 && (d.itemType === 3 || d.itemType === 2));
  return [0, 1, 2].map(() => ({ itemHash: rng.pick(legendary).hash, cost: { itemHash: Currency.Glimmer, quantity: 5000 }, perCharacter: false }));
}

/** Vendors present now, Xûr only on his days. */
export function presentVendors(now: Date): number[] {
  return [Vendor.Zavala, Vendor.Banshee, Vendor.Ada, ...(isXurPresent(now) ? [Vendor.Xur] : [])];
}

function refreshDate(vendorHash: number, now: Date): string {
  return (vendorHash === Vendor.Xur ? nextWeeklyReset(now) : nextDailyReset(now)).toISOString();
}

/** Options both vendor answers share. */
type VendorQuery = { components: ReadonlySet<number>; now: Date; items: readonly SimItemDefinition[]; seed: number };

/** The per-character Vendors answer (components 400 Vendors, 401 VendorCategories, 402 VendorSales). */
export function buildVendors(q: VendorQuery): Partial<DestinyVendorsResponse> {
  const hashes = presentVendors(q.now);
  const out: Record<string, unknown> = {};
  if (q.components.has(400)) {
    out.vendorGroups = { data: { groups: [{ vendorGroupHash: 3227191227, vendorHashes: hashes }] }, privacy: 1 };
    out.vendors = { data: Object.fromEntries(hashes.map((h) => [h, vendorComponent(h, q.now)])), privacy: 1 };
  }
  const sales = new Map(hashes.map((h) => [h, stock(h, q.items, q.now, q.seed)]));
  if (q.components.has(401)) out.categories = categories(sales);
  if (q.components.has(402)) {
    out.sales = {
      data: Object.fromEntries([...sales].map(([h, list]) => [h, {
        saleItems: Object.fromEntries(list.map((s, index) => [index, saleItem(h, s, index, q.now)])),
      }])),
      privacy: 1,
    };
    // Keyed by vendor; empty unless item components (300+) are asked for, as recorded.
    out.itemComponents = {};
  }
  if (q.components.has(600)) out.currencyLookups = currencyLookups(sales);
  // Recorded: the character Vendors call answers string variables as private, without data.
  if (q.components.has(1200)) out.stringVariables = { privacy: 2 };
  return out as Partial<DestinyVendorsResponse>;
}

// As a recorded answer has them: Xûr's rank progression has no reset count; faction vendors'
// progressions do and some carry a seasonal rank; Ada (a shop) has none.
function vendorComponent(vendorHash: number, now: Date): Record<string, unknown> {
  const progression = { progressionHash: vendorHash % 1_000_000_007, dailyProgress: 0, dailyLimit: 0, weeklyProgress: 0, weeklyLimit: 0, currentProgress: 2500, level: 3, levelCap: 16, stepIndex: 3, progressToNextLevel: 100, nextLevelAt: 1000 };
  const base = { canPurchase: vendorHash !== Vendor.Xur };
  const tail = { vendorHash, nextRefreshDate: refreshDate(vendorHash, now), enabled: true };
  if (vendorHash === Vendor.Ada) return { ...base, vendorLocationIndex: 0, ...tail };
  if (vendorHash === Vendor.Xur) return { ...base, progression, vendorLocationIndex: 0, ...tail };
  return { ...base, progression: { ...progression, currentResetCount: 2 }, vendorLocationIndex: 0, ...(vendorHash === Vendor.Zavala ? { seasonalRank: 0 } : {}), ...tail };
}

// Recorded sale items: Xûr's carry the bare fields; other vendors' add which values show,
// a per-item refresh date and whether the API may buy them.
function saleItem(vendorHash: number, s: Sale, index: number, now: Date): DestinyVendorSaleItemComponent {
  const bare = { saleStatus: 0, failureIndexes: [], augments: 0 };
  const sale = { vendorItemIndex: index, itemHash: s.itemHash, quantity: 1, costs: [{ ...s.cost, hasConditionalVisibility: false }] };
  if (vendorHash === Vendor.Xur) return { ...bare, ...sale } as unknown as DestinyVendorSaleItemComponent;
  return { ...bare, itemValueVisibility: [true, true, true, true, true, true], ...sale, overrideNextRefreshDate: nextDailyReset(now).toISOString(), apiPurchasable: true } as unknown as DestinyVendorSaleItemComponent;
}

// What the player holds of each currency the stock costs, and the material sets (none here).
function currencyLookups(sales: Map<number, Sale[]>) {
  const currencies = new Set([...sales.values()].flatMap((list) => list.map((s) => s.cost.itemHash)));
  const setHash = 95440906;
  return {
    data: {
      itemQuantities: Object.fromEntries([...currencies].map((hash) => [hash, 1500])),
      materialRequirementSetStates: { [setHash]: { materialRequirementSetHash: setHash, materialRequirementStates: [{ itemHash: Currency.Glimmer, count: 5000, stackSize: 500000 }] } },
    },
    privacy: 1,
  };
}

function categories(sales: Map<number, Sale[]>) {
  return { data: Object.fromEntries([...sales].map(([h, list]) => [h, { categories: [{ displayCategoryIndex: 0, itemIndexes: list.map((_, i) => i) }] }])), privacy: 1 };
}

/** The public Vendors preview: no character, and Xûr without his per-character stock. */
export function buildPublicVendors(q: VendorQuery): Partial<DestinyPublicVendorsResponse> {
  const hashes = presentVendors(q.now);
  const out: Record<string, unknown> = {};
  const sales = new Map(hashes.map((h) => [h, stock(h, q.items, q.now, q.seed).filter((s) => !s.perCharacter)]));
  if (q.components.has(400)) {
    out.vendorGroups = { data: { groups: [{ vendorGroupHash: 3227191227, vendorHashes: hashes }] }, privacy: 1 };
    out.vendors = { data: Object.fromEntries(hashes.map((h) => [h, { vendorHash: h, nextRefreshDate: refreshDate(h, q.now), enabled: true }])), privacy: 1 };
  }
  if (q.components.has(401)) out.categories = categories(sales);
  if (q.components.has(402)) {
    out.sales = {
      data: Object.fromEntries([...sales].map(([h, list]) => [h, {
        saleItems: Object.fromEntries(list.map((s, index) => [index, { vendorItemIndex: index, itemHash: s.itemHash, quantity: 1, costs: [{ ...s.cost, hasConditionalVisibility: false }] }])),
      }])),
      privacy: 1,
    };
  }
  return out as Partial<DestinyPublicVendorsResponse>;
}

/** Keeps the parts of a recorded Vendors answer the requested components produce. */
export function filterVendors(recorded: Record<string, unknown>, components: ReadonlySet<number>): Record<string, unknown> {
  const keys: Record<number, string[]> = { 400: ['vendorGroups', 'vendors'], 401: ['categories'], 402: ['sales', 'itemComponents'], 600: ['currencyLookups'], 1200: ['stringVariables'] };
  const out: Record<string, unknown> = {};
  for (const c of components) for (const key of keys[c] ?? []) if (key in recorded) out[key] = recorded[key];
  return out;
}
