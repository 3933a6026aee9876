import { ARMOR_BUCKETS, Bucket, WEAPON_BUCKETS } from '../constants';
import type { SimItemDefinition } from '../manifest/item-generator';
import { BUCKET_CAPACITY } from '../manifest/static-definitions';
import type { SimItem, World } from './world';

/** Buckets drops can land in: engrams, consumables, and the weapon and armour slots (decrypted or dropped gear). */
export const ARRIVAL_BUCKETS: readonly number[] = [Bucket.Engrams, Bucket.Consumables, ...WEAPON_BUCKETS, ...ARMOR_BUCKETS];

/** What drops: `count` items of one bucket for a character (consumables are account-wide, as in the game). */
export type Arrival = { characterId: string; bucketHash: number; count: number };

/** Where one arrived item landed: its bucket, or the postmaster (215593132) when that bucket was full. */
export type Landed = { itemHash: number; itemInstanceId: string | null; owner: string; bucketHash: number; quantity: number };

/**
 * Items dropping in play, as the game hands them out: an engram lands in the character's Engrams
 * bucket (10 places), a weapon or armour piece (one the character's class can use) in its own
 * bucket on the character (10 places, the equipped one included), and a consumable in the
 * account-wide Consumables bucket (50 stacks; a kind already held grows its stack); when the
 * bucket is full the item goes to the character's postmaster instead. The kinds rotate through
 * the manifest's items of that bucket.
 */
export function arrive(world: World, definitions: readonly SimItemDefinition[], { characterId, bucketHash, count }: Arrival): Landed[] {
  const c = world.characters.find((x) => x.characterId === characterId);
  if (!c) throw new Error(`No character ${characterId}`);
  if (!ARRIVAL_BUCKETS.includes(bucketHash)) throw new Error(`Nothing drops into bucket ${bucketHash}`);
  const pool = definitions.filter((d) => d.hash && d.inventory?.bucketTypeHash === bucketHash && (d.classType === 3 || d.classType === c.classType));
  if (pool.length === 0) throw new Error(`The manifest has no items of bucket ${bucketHash}`);
  const stackable = bucketHash === Bucket.Consumables;
  const gear = !stackable && bucketHash !== Bucket.Engrams;
  const owner = stackable ? 'profile' : characterId;
  const capacity = BUCKET_CAPACITY.get(bucketHash) ?? 10;
  const landed: Landed[] = [];
  for (let i = 0; i < count; i++) {
    const def = pool[(world.items.length + i) % pool.length]!;
    const held = world.items.filter((x) => x.owner === owner && x.bucketHash === bucketHash);
    const stack = stackable ? held.find((x) => x.itemHash === def.hash) : undefined;
    if (stack) {
      stack.quantity += 1;
      landed.push(place(stack, 1));
      continue;
    }
    const full = held.length >= capacity;
    const item: SimItem = {
      itemHash: def.hash,
      ...(stackable ? {} : { itemInstanceId: unusedInstanceId(world) }),
      quantity: 1,
      owner: full ? characterId : owner,
      bucketHash: full ? Bucket.LostItems : bucketHash,
      homeBucketHash: bucketHash,
      equipped: false, locked: false, masterwork: false, uniqueLabel: def.equippingBlock?.uniqueLabel ?? '', classType: def.classType,
      power: gear ? 1900 + ((world.items.length + i) % 100) : 0,
      damageType: def.defaultDamageType, perkHashes: [], plugHashes: [],
    };
    world.items.push(item);
    landed.push(place(item, 1));
  }
  return landed;
}

function place(item: SimItem, quantity: number): Landed {
  return { itemHash: item.itemHash, itemInstanceId: item.itemInstanceId ?? null, owner: item.owner, bucketHash: item.bucketHash, quantity };
}

// Arrivals number their own ids above the generated world's, skipping any already taken.
function unusedInstanceId(world: World): string {
  const taken = new Set(world.items.map((i) => i.itemInstanceId));
  for (let n = BigInt(world.items.length); ; n++) {
    const id = (6917529_970000000000n + n).toString();
    if (!taken.has(id)) return id;
  }
}
