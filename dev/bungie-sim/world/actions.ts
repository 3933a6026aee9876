import type {
  DestinyEquipItemResults, DestinyItemActionRequest, DestinyItemSetActionRequest, DestinyItemStateRequest,
  DestinyItemTransferRequest, DestinyPostmasterTransferRequest,
} from 'bungie-api-ts/destiny2';
import { Bucket } from '../constants';
import { Codes, SimRefusal, type CodeName } from '../codes';
import { BUCKET_CAPACITY } from '../manifest/static-definitions';
import type { SimCharacter, SimItem, World } from './world';

// The game's item actions, with the refusals Bungie answers when the game would refuse.

function character(world: World, characterId: string): SimCharacter {
  const c = world.characters.find((x) => x.characterId === characterId);
  if (!c) throw new SimRefusal('DestinyCharacterNotFound');
  return c;
}

function findItem(world: World, itemId: string, itemHash?: number, stackAt?: (i: SimItem) => boolean): SimItem {
  // Stackables have no instance id: Bungie takes itemId "0" plus itemReferenceHash (and, when one
  // kind has stacks in several places, the one where the action starts).
  const item = itemId && itemId !== '0'
    ? world.items.find((i) => i.itemInstanceId === itemId)
    : (stackAt && world.items.find((i) => !i.itemInstanceId && i.itemHash === itemHash && stackAt(i))) || world.items.find((i) => !i.itemInstanceId && i.itemHash === itemHash);
  if (!item || (itemHash !== undefined && itemHash !== 0 && item.itemHash !== itemHash)) throw new SimRefusal('DestinyItemNotFound');
  return item;
}

function roomOnCharacter(world: World, characterId: string, bucket: number): boolean {
  const capacity = BUCKET_CAPACITY.get(bucket) ?? 10;
  const used = world.items.filter((i) => i.owner === characterId && i.bucketHash === bucket).length;
  return used < capacity;
}

function assertCanEquipHere(c: SimCharacter): void {
  if (c.location === 'activity') throw new SimRefusal('DestinyCannotPerformActionAtThisLocation');
}

/**
 * Whether the game lets an item travel to the vault and back, from the manifest: its bucket
 * definition's `hasTransferDestination` (false for Engrams, Subclass, Emblems, Quests… in Bungie's
 * real bucket table) and its item definition's `nonTransferrable`.
 */
export type Transferable = (item: SimItem) => boolean;

/** TransferItem: character ↔ vault (moving between characters is two transfers). */
export function transferItem(world: World, req: DestinyItemTransferRequest, transferable: Transferable = () => true): void {
  const c = character(world, req.characterId);
  const item = findItem(world, req.itemId, req.itemReferenceHash, (i) => (req.transferToVault ? i.owner !== 'vault' : i.owner === 'vault'));
  if (item.bucketHash !== Bucket.LostItems && !transferable(item)) throw new SimRefusal('DestinyItemNotTransferrable');
  if (req.transferToVault) {
    // Account-wide stacks (consumables, mods) go to the vault with any of the player's characters named.
    if ((item.owner !== c.characterId && item.owner !== 'profile') || item.bucketHash === Bucket.LostItems) throw new SimRefusal('DestinyItemNotFound');
    if (item.equipped) throw new SimRefusal('DestinyCannotPerformActionOnEquippedItem');
    if (world.items.filter((i) => i.owner === 'vault').length >= world.vaultCapacity) throw new SimRefusal('DestinyNoRoomInDestination');
    moveStack(world, item, req.stackSize, 'vault', Bucket.Vault);
  } else {
    if (item.owner !== 'vault') throw new SimRefusal('DestinyItemNotFound');
    if (!roomOnCharacter(world, c.characterId, item.homeBucketHash)) throw new SimRefusal('DestinyNoRoomInDestination');
    moveStack(world, item, req.stackSize, c.characterId, item.homeBucketHash);
  }
}

function moveStack(world: World, item: SimItem, stackSize: number, owner: string, bucketHash: number): void {
  if (!item.itemInstanceId && stackSize > 0 && stackSize < item.quantity) {
    item.quantity -= stackSize;
    world.items.push({ ...item, quantity: stackSize, owner, bucketHash });
    return;
  }
  item.owner = owner;
  item.bucketHash = bucketHash;
}

/** Equips one item; refusals are thrown. The item it replaces goes back to the inventory. */
function equipOne(world: World, c: SimCharacter, itemId: string): void {
  const item = findItem(world, itemId);
  if (item.owner !== c.characterId || item.bucketHash === Bucket.LostItems) throw new SimRefusal('DestinyItemNotFound');
  if (item.equipped) return;
  if (item.classType !== 3 && item.classType !== c.classType) throw new SimRefusal('DestinyItemActionForbidden');
  if (item.uniqueLabel) {
    const clash = world.items.find((i) => i.owner === c.characterId && i.equipped && i.uniqueLabel === item.uniqueLabel && i.bucketHash !== item.bucketHash);
    if (clash) throw new SimRefusal('DestinyItemUniqueEquipRestricted');
  }
  for (const other of world.items) {
    if (other.owner === c.characterId && other.equipped && other.bucketHash === item.bucketHash) other.equipped = false;
  }
  item.equipped = true;
}

/** EquipItem. */
export function equipItem(world: World, req: DestinyItemActionRequest): void {
  const c = character(world, req.characterId);
  assertCanEquipHere(c);
  equipOne(world, c, req.itemId);
}

/** EquipItems: per-item results; the call itself succeeds unless the location forbids it. */
export function equipItems(world: World, req: DestinyItemSetActionRequest): DestinyEquipItemResults {
  const c = character(world, req.characterId);
  assertCanEquipHere(c);
  return {
    equipResults: req.itemIds.map((itemInstanceId) => {
      let status: CodeName = 'Success';
      try {
        equipOne(world, c, itemInstanceId);
      } catch (error) {
        if (!(error instanceof SimRefusal)) throw error;
        status = error.code;
      }
      return { itemInstanceId, equipStatus: Codes[status] };
    }),
  };
}

/** SetLockState. */
export function setLockState(world: World, req: DestinyItemStateRequest): void {
  character(world, req.characterId);
  const item = findItem(world, req.itemId);
  if (!item.itemInstanceId) throw new SimRefusal('DestinyItemNotFound');
  item.locked = req.state;
}

/** PullFromPostmaster: into the character's own bucket for that item. */
export function pullFromPostmaster(world: World, req: DestinyPostmasterTransferRequest): void {
  const c = character(world, req.characterId);
  const item = findItem(world, req.itemId, req.itemReferenceHash);
  if (item.owner !== c.characterId || item.bucketHash !== Bucket.LostItems) throw new SimRefusal('DestinyItemNotFound');
  if (!roomOnCharacter(world, c.characterId, item.homeBucketHash)) throw new SimRefusal('DestinyNoRoomInDestination');
  moveStack(world, item, req.stackSize, c.characterId, item.homeBucketHash);
}
