import { Bucket } from '../constants';
import type { SimItemDefinition } from '../manifest/item-generator';
import { BUCKET_CAPACITY } from '../manifest/static-definitions';
import type { SimItem, World } from './world';

/** What drops: `count` engrams for a character, or `count` consumables (account-wide, as in the game). */
export type Arrival = { characterId: string; bucketHash: typeof Bucket.Engrams | typeof Bucket.Consumables; count: number };

/** Where one arrived item landed: its bucket, or the postmaster (215593132) when that bucket was full. */
export type Landed = { itemHash: number; itemInstanceId: string | null; owner: string; bucketHash: number; quantity: number };

/**
 * Items dropping in play, as the game hands them out: an engram lands in the character's Engrams
 * bucket (10 places) and a consumable in the account-wide Consumables bucket (50 stacks; a kind
 * already held grows its stack); when the bucket is full the item goes to the character's
 * postmaster instead. The kinds rotate through the manifest's engrams or consumables.
 */
export function arrive(world: World, definitions: readonly SimItemDefinition[], { characterId, bucketHash, count }: Arrival): Landed[] {
  if (!world.characters.some((c) => c.characterId === characterId)) throw new Error(`No character ${characterId}`);
  const pool = definitions.filter((d) => d.hash && d.inventory?.bucketTypeHash === bucketHash);
  if (pool.length === 0) throw new Error(`The manifest has no items of bucket ${bucketHash}`);
  const engram = bucketHash === Bucket.Engrams;
  const owner = engram ? characterId : 'profile';
  const capacity = BUCKET_CAPACITY.get(bucketHash) ?? 10;
  const landed: Landed[] = [];
  for (let i = 0; i < count; i++) {
    const def = pool[(world.items.length + i) % pool.length]!;
    const held = world.items.filter((x) => x.owner === owner && x.bucketHash === bucketHash);
    const stack = engram ? undefined : held.find((x) => x.itemHash === def.hash);
    if (stack) {
      stack.quantity += 1;
      landed.push(place(stack, 1));
      continue;
    }
    const full = held.length >= capacity;
    const item: SimItem = {
      itemHash: def.hash,
      ...(engram ? { itemInstanceId: unusedInstanceId(world) } : {}),
      quantity: 1,
      owner: full ? characterId : owner,
      bucketHash: full ? Bucket.LostItems : bucketHash,
      homeBucketHash: bucketHash,
      equipped: false, locked: false, masterwork: false, uniqueLabel: '', classType: 3, power: 0,
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
