/**
 * Where each tile of the inventory screen goes: a column per store (each character, then the
 * vault), section by section, from the item store's current places (`item-store.ts`, the one
 * client answer to "where is each item") — so a moved item changes column the moment an action
 * reports it, and the counts follow. Pure; `inventory-screen.tsx` renders it.
 */
import type { BucketSection, CharacterStat, CharacterSummary, InventoryView, ItemTile, VaultGroupId } from '@/lib/inventory/types';
import type { StoreGroup } from './item-store';

/** A section of a column: its bucket, name and capacity, and the tiles in it now. */
export type LaidSection = { bucketHash: number; name: string; capacity: number | null; items: ItemTile[] };

/** One character's column. */
export type CharacterColumn = {
  id: string;
  character: CharacterSummary;
  stats: CharacterStat[];
  /** The highest power it can reach from items anywhere (the server works it out with the view). */
  maxPower: number;
  /** The equipped item of each slot, in slot order. */
  equipped: ItemTile[];
  /** Every slot, bucket by bucket; `items` holds the unequipped ones, the count includes the equipped one. */
  slots: (LaidSection & { count: number })[];
  postmaster: LaidSection;
};

/** The vault's column: groups as the vault page has them; `count` is the General bucket's. */
export type VaultColumn = { id: 'vault'; groups: { id: VaultGroupId; label: string; sections: LaidSection[] }[]; count: number; capacity: number | null };

export type InventoryColumns = { characters: CharacterColumn[]; vault: VaultColumn };

const VAULT_GROUPS: { id: VaultGroupId; label: string }[] = [
  { id: 'weapons', label: 'Weapons' },
  { id: 'armor', label: 'Armor' },
  { id: 'general', label: 'General' },
  { id: 'account', label: 'Account-wide' },
];
// Bungie DestinyItemType.
const ITEM_TYPE_ARMOR = 2;
const ITEM_TYPE_WEAPON = 3;

/** The view's sections as item-store groups: the vault's groups, then one group per character (slots and postmaster). */
export function storeGroupsOf(view: InventoryView): StoreGroup[] {
  return [
    ...view.vault.groups.map((g) => ({ id: `vault:${g.id}`, label: g.label, sections: g.sections })),
    ...view.stores.map((s) => ({ id: `character:${s.character.characterId}`, label: s.character.className, sections: [...s.slots, s.postmaster] })),
  ];
}

function vaultGroupOf(tile: ItemTile): VaultGroupId {
  if (tile.location.kind === 'account') return 'account';
  if (tile.itemType === ITEM_TYPE_WEAPON) return 'weapons';
  if (tile.itemType === ITEM_TYPE_ARMOR) return 'armor';
  return 'general';
}

/** Where the read filed each tile: its owner then, and the bucket of its section. */
function readPlaces(view: InventoryView): Map<string, { owner: string; bucketHash: number }> {
  const out = new Map<string, { owner: string; bucketHash: number }>();
  for (const g of view.vault.groups) for (const s of g.sections) for (const t of s.items) out.set(t.key, { owner: 'vault', bucketHash: s.bucketHash });
  for (const c of view.stores) {
    for (const s of c.slots) for (const t of s.items) out.set(t.key, { owner: c.character.characterId, bucketHash: s.bucketHash });
    for (const t of c.postmaster.items) out.set(t.key, { owner: c.character.characterId, bucketHash: c.postmaster.bucketHash });
  }
  return out;
}

/**
 * Lays every tile (`tiles`: the store's current places, in any order) into the columns. A tile
 * still with the owner the read found it with keeps its section; one that moved goes to the
 * section of its slot (its definition's bucket) in its new store, which is made when the store had
 * none. Sections keep the read's order; made ones follow.
 */
export function layOut(view: InventoryView, tiles: Iterable<ItemTile>): InventoryColumns {
  const read = readPlaces(view);
  // Names and capacities of every bucket the read shows anywhere, for sections a move creates.
  const bucketInfo = new Map<number, { name: string; capacity: number | null }>();
  for (const c of view.stores) for (const s of c.slots) bucketInfo.set(s.bucketHash, { name: s.name, capacity: s.capacity });
  for (const g of view.vault.groups) for (const s of g.sections) if (!bucketInfo.has(s.bucketHash)) bucketInfo.set(s.bucketHash, { name: s.name, capacity: null });

  const makeSection = (s: Pick<BucketSection, 'bucketHash' | 'name' | 'capacity'>): LaidSection => ({ bucketHash: s.bucketHash, name: s.name, capacity: s.capacity, items: [] });
  const newSection = (bucketHash: number, vault: boolean): LaidSection => {
    const info = bucketInfo.get(bucketHash);
    return { bucketHash, name: bucketHash === 0 ? 'Unknown items' : (info?.name ?? `Bucket ${bucketHash}`), capacity: vault ? null : (info?.capacity ?? null), items: [] };
  };

  const characters = view.stores.map((c) => ({
    id: c.character.characterId,
    character: c.character,
    stats: c.stats,
    maxPower: c.maxPower,
    equipped: [] as ItemTile[],
    slotList: c.slots.map(makeSection),
    postmaster: makeSection(c.postmaster),
  }));
  const byCharacter = new Map(characters.map((c) => [c.id, c]));
  const vaultGroups = new Map(VAULT_GROUPS.map((g) => [g.id, { ...g, sections: (view.vault.groups.find((v) => v.id === g.id)?.sections ?? []).map(makeSection) }]));

  const sectionIn = (list: LaidSection[], bucketHash: number, vault: boolean) => {
    let s = list.find((x) => x.bucketHash === bucketHash);
    if (!s) list.push((s = newSection(bucketHash, vault)));
    return s;
  };

  for (const tile of tiles) {
    const was = read.get(tile.key);
    const kind = tile.location.kind;
    if (kind === 'vault' || kind === 'account') {
      const group = vaultGroups.get(vaultGroupOf(tile))!;
      const bucket = was?.owner === 'vault' ? was.bucketHash : tile.slotHash;
      sectionIn(group.sections, bucket, true).items.push(tile);
      continue;
    }
    const column = tile.location.characterId ? byCharacter.get(tile.location.characterId) : undefined;
    if (!column) continue;
    if (kind === 'postmaster') {
      column.postmaster.items.push(tile);
      continue;
    }
    const bucket = was?.owner === column.id && was.bucketHash !== column.postmaster.bucketHash ? was.bucketHash : tile.slotHash;
    if (tile.equipped) column.equipped.push(tile);
    sectionIn(column.slotList, bucket, false).items.push(tile);
  }

  const order = new Map(characters[0]?.slotList.map((s, i) => [s.bucketHash, i]) ?? []);
  return {
    characters: characters.map((c) => ({
      id: c.id,
      character: c.character,
      stats: c.stats,
      maxPower: c.maxPower,
      equipped: c.equipped.sort((a, b) => (order.get(a.slotHash) ?? 99) - (order.get(b.slotHash) ?? 99)),
      slots: c.slotList.map((s) => ({ ...s, count: s.items.length, items: s.items.filter((t) => !t.equipped) })),
      postmaster: c.postmaster,
    })),
    vault: {
      id: 'vault',
      groups: [...vaultGroups.values()].filter((g) => g.sections.some((s) => s.items.length > 0)),
      count: [...vaultGroups.values()].reduce((n, g) => n + (g.id === 'account' ? 0 : g.sections.reduce((m, s) => m + s.items.length, 0)), 0),
      capacity: view.vault.capacity,
    },
  };
}
