import 'server-only';
import type { DestinyItemComponent, DestinyProfileResponse } from 'bungie-api-ts/destiny2';

export const VAULT_BUCKET = 138197802;
export const POSTMASTER_BUCKET = 215593132;
/** GetProfile components an action needs to know where things are: inventories, characters, equipment. */
export const ACTION_COMPONENTS = [102, 200, 201, 205] as const;

const CLASS_NAMES = ['Titan', 'Hunter', 'Warlock'];

/** Where one item (or stack) of the player is right now. */
export type IndexedItem = {
  /** Instance id, or "0" for a stack without one. */
  itemId: string;
  itemHash: number;
  /** "vault", a character id, or "profile" for account-wide buckets (consumables, mods). */
  owner: string;
  bucketHash: number;
  equipped: boolean;
  quantity: number;
  /** Bungie `ItemState` bit 1. */
  locked: boolean;
};

/** The player's items by instance id, from one GetProfile answer. */
export class InventoryIndex {
  readonly items: IndexedItem[] = [];
  /** Character id → class name ("Hunter"), for messages. */
  readonly characters = new Map<string, string>();

  constructor(profile: Partial<DestinyProfileResponse>) {
    for (const [id, c] of Object.entries(profile.characters?.data ?? {})) this.characters.set(id, CLASS_NAMES[c.classType] ?? 'Guardian');
    for (const item of profile.profileInventory?.data?.items ?? []) this.add(item, item.bucketHash === VAULT_BUCKET ? 'vault' : 'profile', false);
    for (const [id, inv] of Object.entries(profile.characterInventories?.data ?? {})) for (const item of inv.items) this.add(item, id, false);
    for (const [id, eq] of Object.entries(profile.characterEquipment?.data ?? {})) for (const item of eq.items) this.add(item, id, true);
  }

  private add(item: DestinyItemComponent, owner: string, equipped: boolean): void {
    this.items.push({
      itemId: item.itemInstanceId ?? '0',
      itemHash: item.itemHash,
      owner,
      bucketHash: item.bucketHash,
      equipped,
      quantity: item.quantity,
      locked: (item.state & 1) === 1,
    });
  }

  /**
   * The player's item with this id and hash; for a stack ("0") the one at `owner`.
   * Undefined when the player has no such item: a forged or foreign id.
   */
  find(itemId: string, itemHash: number, owner?: string): IndexedItem | undefined {
    if (itemId !== '0') return this.items.find((i) => i.itemId === itemId && i.itemHash === itemHash);
    return this.items.find((i) => i.itemId === '0' && i.itemHash === itemHash && (owner === undefined || i.owner === owner));
  }

  /** Whether `id` is one of the player's characters. */
  hasCharacter(id: string): boolean {
    return this.characters.has(id);
  }

  /** "your Hunter" or "your vault". */
  placeName(owner: string): string {
    return owner === 'vault' ? 'your vault' : `your ${this.characters.get(owner) ?? 'character'}`;
  }

  /** Any character (Bungie needs one for vault-only actions such as locking a vault item). */
  anyCharacter(): string | undefined {
    return this.characters.keys().next().value;
  }
}
