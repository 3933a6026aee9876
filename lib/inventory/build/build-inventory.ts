import 'server-only';
import type { ProfileAnswer } from '@/lib/bungie/types';
import type { DefinitionNeeds, PageDefinitions } from '@/lib/inventory/definitions';
import type { CharacterStat, CurrencyAmount, InventoryCharacter, InventoryView, ItemTile } from '@/lib/inventory/types';
import { maxPowersOf } from '@/lib/search/evaluate';
import type { DestinyItemComponent } from 'bungie-api-ts/destiny2';
import { buildCharacter } from './build-character';
import { buildVault } from './build-vault';
import { absoluteUrl, bySectionOrder, characterNeeds, damageTypeNeeds, section, type TransformOptions } from './tiles';

/**
 * GetProfile components of the inventory screen: profile inventory (vault) and currencies,
 * characters, their inventories and equipment, instances — the vault's and the character pages'
 * together, in ONE call.
 */
export const INVENTORY_COMPONENTS = [102, 103, 200, 201, 205, 300] as const;

/** The Power stat: the header shows it as the character's power, not among the stats. */
const STAT_POWER = 1935470627;

/**
 * The game's order of the six character stats (Mobility, Resilience, Recovery, Discipline,
 * Intellect, Strength; renamed Weapons, Health, Class, Grenade, Super, Melee in 2025, same hashes).
 * JSON object keys come back in numeric order, which is not it. Other stats follow, by hash.
 */
const STAT_ORDER = [2996146975, 392767087, 1943323491, 1735777505, 144602215, 4244567218];
const statRank = (hash: number) => {
  const i = STAT_ORDER.indexOf(hash);
  return i < 0 ? STAT_ORDER.length : i;
};

// The vault: the General bucket (build-vault.ts).
const VAULT_BUCKET = 138197802;

function statHashes(profile: ProfileAnswer): number[] {
  const hashes = new Set<number>();
  for (const c of Object.values(profile.characters?.data ?? {})) for (const hash of Object.keys(c.stats ?? {})) if (Number(hash) !== STAT_POWER) hashes.add(Number(hash));
  return [...hashes];
}

/**
 * The definitions the inventory screen needs: every item's and currency's hash, the buckets they
 * sit in, the elements, classes, races and stats — each gathered once in one pass over the answer
 * (the vault's and the character pages' needs, called per store, walked the instances four times:
 * as long as JSON.parse of the answer itself for a full vault, measured).
 */
export function inventoryNeeds(profile: ProfileAnswer): DefinitionNeeds {
  const items = new Set<number>();
  const buckets = new Set<number>([VAULT_BUCKET]);
  const add = (list: readonly DestinyItemComponent[] | undefined) => {
    for (const i of list ?? []) {
      items.add(i.itemHash);
      buckets.add(i.bucketHash);
    }
  };
  add(profile.profileInventory?.data?.items);
  for (const c of Object.values(profile.characterInventories?.data ?? {})) add(c.items);
  for (const c of Object.values(profile.characterEquipment?.data ?? {})) add(c.items);
  for (const i of profile.profileCurrencies?.data?.items ?? []) items.add(i.itemHash);
  return { items: [...items], buckets: [...buckets], damageTypes: damageTypeNeeds(profile), ...characterNeeds(profile), stats: statHashes(profile) };
}

function statsOf(profile: ProfileAnswer, characterId: string, defs: PageDefinitions, options: TransformOptions): CharacterStat[] {
  const stats = profile.characters?.data?.[characterId]?.stats ?? {};
  return Object.entries(stats)
    .filter(([hash]) => Number(hash) !== STAT_POWER)
    .sort(([a], [b]) => statRank(Number(a)) - statRank(Number(b)) || Number(a) - Number(b))
    .map(([hash, value]) => {
      const def = defs.stats.get(Number(hash));
      return { statHash: Number(hash), name: def?.name || `Stat ${hash}`, iconUrl: absoluteUrl(options.iconOrigin, def?.icon), value };
    });
}

function currenciesOf(profile: ProfileAnswer, defs: PageDefinitions, options: TransformOptions): CurrencyAmount[] {
  return (profile.profileCurrencies?.data?.items ?? []).map((item) => {
    const def = defs.items.get(item.itemHash);
    return { hash: item.itemHash, name: def?.name || `Unknown currency ${item.itemHash}`, iconUrl: absoluteUrl(options.iconOrigin, def?.icon), quantity: item.quantity };
  });
}

/**
 * The inventory screen from ONE GetProfile answer (components 102, 103, 200, 201, 205, 300) and
 * one batched definitions read: the vault as the vault page builds it, each character as its
 * page builds it (most recently played first) with its stats, and the currencies. Every
 * character column lists the same slots (an empty slot of one character is still a place to drop
 * an item), so the columns line up bucket by bucket.
 */
export function buildInventory(profile: ProfileAnswer, defs: PageDefinitions, options: TransformOptions): InventoryView {
  const vault = buildVault(profile, defs, options);
  const built = vault.characters.map((c) => buildCharacter(profile, c.characterId, defs, options)).filter((v) => v !== null);
  // Every slot any character has (quests and other buckets the game hides stay per character).
  const slotBuckets = new Map<number, InventoryCharacter['slots'][number]>();
  for (const view of built) for (const s of view.slots) if (!slotBuckets.has(s.bucketHash)) slotBuckets.set(s.bucketHash, s);
  // Every tile of every store once (a slot's equipped item may also be among its items), for max power.
  const everyTile = new Map<string, ItemTile>();
  for (const g of vault.groups) for (const sec of g.sections) for (const t of sec.items) everyTile.set(t.key, t);
  for (const view of built) for (const slot of view.slots) for (const t of slot.equipped ? [slot.equipped, ...slot.items] : slot.items) everyTile.set(t.key, t);
  const maxPowerOf = maxPowersOf([...everyTile.values()]);
  const stores: InventoryCharacter[] = built.map((view) => {
    const have = new Set(view.slots.map((s) => s.bucketHash));
    const missing = [...slotBuckets.keys()].filter((hash) => !have.has(hash)).map((hash) => ({ ...section(defs, hash, [], true), equipped: null }));
    return {
      character: view.character,
      stats: statsOf(profile, view.character.characterId, defs, options),
      maxPower: maxPowerOf(view.character.characterId, profile.characters?.data?.[view.character.characterId]?.classType ?? 3),
      slots: missing.length ? [...view.slots, ...missing].sort(bySectionOrder(defs)) : view.slots,
      postmaster: view.postmaster,
    };
  });
  const unknownHashes = [...new Set([...vault.unknownHashes, ...built.flatMap((v) => v.unknownHashes)])].sort((a, b) => a - b);
  return {
    stores,
    vault: { groups: vault.groups, count: vault.count, capacity: vault.capacity },
    currencies: currenciesOf(profile, defs, options),
    characters: vault.characters,
    unknownHashes,
    manifest: vault.manifest,
  };
}
