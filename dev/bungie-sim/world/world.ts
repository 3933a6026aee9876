import type { DestinyCharacterComponent, DestinyItemComponent, DestinyItemInstanceComponent } from 'bungie-api-ts/destiny2';
import { ARMOR_BUCKETS, Bucket, EQUIPPABLE_BUCKETS, WEAPON_BUCKETS } from '../constants';
import type { SimItemDefinition } from '../manifest/item-generator';
import { BUCKET_CAPACITY } from '../manifest/static-definitions';
import { createRng, type Rng } from '../prng';

/** Where a character is: equipping works only in orbit or a social space. */
export type CharacterLocation = 'orbit' | 'social' | 'activity';

/** One Guardian. */
export type SimCharacter = {
  characterId: string;
  /** DestinyClass: 0 Titan, 1 Hunter, 2 Warlock. */
  classType: 0 | 1 | 2;
  /** DestinyRace: 0 Human, 1 Awoken, 2 Exo. */
  raceType: 0 | 1 | 2;
  /** DestinyGender: 0 Male, 1 Female. */
  genderType: 0 | 1;
  emblemHash: number;
  location: CharacterLocation;
  minutesPlayedTotal: number;
  /** The recorded character component of a replayed profile, served as recorded. */
  recorded?: DestinyCharacterComponent;
};

/** One item stack in the world; instanced items have quantity 1 and an id. */
export type SimItem = {
  itemHash: number;
  /** int64 as a decimal string, as Bungie sends it; absent for stackables. */
  itemInstanceId?: string;
  quantity: number;
  /** 'vault', 'profile' (account-wide buckets) or a characterId. */
  owner: string;
  /** The bucket it sits in now: 138197802 in the vault, 215593132 in the postmaster. */
  bucketHash: number;
  /** Its own bucket from the definition (where it goes when on a character). */
  homeBucketHash: number;
  equipped: boolean;
  locked: boolean;
  masterwork: boolean;
  /** Unique equip label from the definition ("exotic_weapon"/"exotic_armor"), '' for none. */
  uniqueLabel: string;
  classType: number;
  power: number;
  damageType: number;
  damageTypeHash?: number;
  perkHashes: number[];
  plugHashes: number[];
  /** A replayed profile's recorded components: fields the world does not model are served as recorded. */
  recorded?: { item: DestinyItemComponent; instance?: DestinyItemInstanceComponent };
};

/** The Bungie.net account and its Destiny memberships. */
export type SimPlayer = {
  bungieMembershipId: string;
  displayName: string;
  displayNameCode: number;
  /** First membership is the primary (cross-save) one the profile lives on. */
  memberships: { membershipType: number; membershipId: string; displayName: string }[];
  crossSave: boolean;
};

/** The whole mutable game state the handlers read and change. */
export type World = {
  player: SimPlayer;
  characters: SimCharacter[];
  items: SimItem[];
  vaultCapacity: number;
  /** Time of the last item action per player, for the 0.1 s game throttle. */
  lastActionAt: number;
  /** The membership this profile lives on; the player's first (primary) one when absent. */
  membershipId?: string;
  /**
   * The player's other Destiny profiles (cross-save off: one per platform), each with its own
   * characters and vault; their `player` is this world's (see `profileWorlds`).
   */
  otherProfiles?: World[];
};

/** Options for the generated world. */
export type WorldOptions = {
  seed?: number;
  /** Items in the vault (General bucket); default 450, at most its capacity (1,300). */
  vaultItems?: number;
  crossSave?: boolean;
  /** Fill every equippable bucket of every character to its capacity (10), as a hardcore player's. */
  fullCharacters?: boolean;
  /** A second Destiny profile on PlayStation, cross-save off (world/second-profile.ts). */
  secondProfile?: boolean;
};

/** The vault's capacity: the General bucket's `itemCount` in Bungie's bucket table. */
export const VAULT_CAPACITY = BUCKET_CAPACITY.get(Bucket.Vault) ?? 1300;
// Account-wide stacks a real profile carries (a recorded one had 86 between the two buckets).
const ACCOUNT_STACKS: readonly [bucket: number, count: number][] = [[Bucket.Consumables, 44], [Bucket.Modifications, 42]];


/** Generates a deterministic world from the manifest's items. */
export function generateWorld(items: readonly SimItemDefinition[], perkHashes: readonly number[], options: WorldOptions = {}): World {
  const seed = options.seed ?? 1;
  let rng = createRng(seed * 7919 + 13);
  let instanceCounter = BigInt(seed) * 1_000_000n;
  // Real instance ids are int64 around 6.9e18: past 2^53, so they must stay strings.
  const newInstanceId = (): string => {
    instanceCounter += BigInt(rng.int(1, 999));
    return (6917529_000000000000n + instanceCounter).toString();
  };
  const byBucket = new Map<number, SimItemDefinition[]>();
  for (const def of items) {
    const bucket = def.inventory?.bucketTypeHash;
    if (bucket === undefined) continue;
    const list = byBucket.get(bucket) ?? [];
    list.push(def);
    byBucket.set(bucket, list);
  }
  const mods = byBucket.get(Bucket.Modifications) ?? [];
  const pool = (bucket: number, classType?: number, exotic?: boolean) =>
    (byBucket.get(bucket) ?? []).filter((d) => (classType === undefined || d.classType === classType || d.classType === 3) && (exotic === undefined || (d.inventory?.tierType === 6) === exotic));

  const make = (def: SimItemDefinition, owner: string, bucketHash: number, equipped = false): SimItem => {
    const instanced = def.inventory?.isInstanceItem ?? true;
    const gear = def.itemType === 2 || def.itemType === 3;
    return {
      itemHash: def.hash,
      ...(instanced ? { itemInstanceId: newInstanceId() } : {}),
      quantity: instanced ? 1 : rng.int(1, Math.min(def.inventory?.maxStackSize ?? 1, 40)),
      owner, bucketHash, homeBucketHash: def.inventory?.bucketTypeHash ?? bucketHash, equipped,
      locked: gear && rng.chance(0.3),
      masterwork: gear && rng.chance(0.25),
      uniqueLabel: def.equippingBlock?.uniqueLabel ?? '',
      classType: def.classType,
      power: gear ? rng.int(1900, 2010) : 0,
      damageType: def.defaultDamageType,
      ...(def.defaultDamageTypeHash ? { damageTypeHash: def.defaultDamageTypeHash } : {}),
      perkHashes: gear && perkHashes.length ? [rng.pick(perkHashes), rng.pick(perkHashes)] : [],
      plugHashes: gear && mods.length ? [rng.pick(mods).hash, rng.pick(mods).hash] : [],
    };
  };

  const characters: SimCharacter[] = [0, 1, 2].map((classType) => ({
    characterId: (2305843009_000000000n + BigInt(seed) * 1000n + BigInt(rng.int(100000000, 999999999)) * 10n + BigInt(classType)).toString(),
    classType: classType as 0 | 1 | 2,
    raceType: rng.int(0, 2) as 0 | 1 | 2,
    genderType: rng.int(0, 1) as 0 | 1,
    emblemHash: rng.pick(pool(Bucket.Emblems)).hash,
    location: 'orbit',
    minutesPlayedTotal: rng.int(5000, 90000),
  }));
  const world: World = {
    player: makePlayer(rng, options.crossSave ?? true),
    characters,
    items: [],
    vaultCapacity: VAULT_CAPACITY,
    lastActionAt: 0,
  };
  for (const c of characters) {
    for (const bucket of EQUIPPABLE_BUCKETS) {
      const equippedPool = bucket === Bucket.Emblems ? pool(bucket).filter((d) => d.hash === c.emblemHash) : pool(bucket, c.classType, false);
      if (equippedPool.length) world.items.push(make(rng.pick(equippedPool), c.characterId, bucket, true));
      const extra = (WEAPON_BUCKETS as readonly number[]).includes(bucket) ? 5 : (ARMOR_BUCKETS as readonly number[]).includes(bucket) ? 3 : 1;
      for (let i = 0; i < extra; i++) world.items.push(make(rng.pick(pool(bucket, c.classType)), c.characterId, bucket));
    }
    for (let i = 0; i < 3 - (c.classType === 0 ? 0 : 1); i++) {
      world.items.push(make(rng.pick(pool(rng.pick([...WEAPON_BUCKETS, ...ARMOR_BUCKETS]), c.classType)), c.characterId, Bucket.LostItems));
    }
  }
  const vaultCount = Math.min(options.vaultItems ?? 450, VAULT_CAPACITY);
  for (let i = 0; i < vaultCount; i++) {
    const roll = rng.next();
    const bucket = roll < 0.45 ? rng.pick(WEAPON_BUCKETS) : roll < 0.9 ? rng.pick(ARMOR_BUCKETS) : rng.pick([Bucket.Ghost, Bucket.Vehicle, Bucket.Ships, Bucket.Consumables, Bucket.Modifications]);
    const choices = pool(bucket);
    if (choices.length) world.items.push(make(rng.pick(choices), 'vault', Bucket.Vault));
  }
  // Everything below draws from its own stream, so the items above stay what they always were.
  rng = createRng(seed * 7919 + 29);
  for (const [bucket, count] of ACCOUNT_STACKS) {
    // One stack per item kind: Bungie only splits a stack past its maximum size.
    const kinds = rng.shuffle([...pool(bucket)]).slice(0, count);
    for (const def of kinds) world.items.push(make(def, 'profile', bucket));
  }
  for (const c of characters) {
    const subclasses = pool(Bucket.Subclass, c.classType);
    rng.shuffle([...subclasses]).forEach((def, i) => world.items.push(make(def, c.characterId, Bucket.Subclass, i === 0)));
    for (let i = 0; i < 3; i++) world.items.push(make(rng.pick(pool(Bucket.Engrams)), c.characterId, Bucket.Engrams));
    for (let i = 0; i < 4; i++) world.items.push(make(rng.pick(pool(Bucket.Quests)), c.characterId, Bucket.Quests));
    const artifact = pool(Bucket.SeasonalArtifact)[0];
    if (artifact) world.items.push(make(artifact, c.characterId, Bucket.SeasonalArtifact, true));
    if (!options.fullCharacters) continue;
    for (const bucket of EQUIPPABLE_BUCKETS) {
      const choices = pool(bucket, c.classType);
      const capacity = BUCKET_CAPACITY.get(bucket) ?? 10;
      let held = world.items.filter((i) => i.owner === c.characterId && i.bucketHash === bucket).length;
      for (; held < capacity && choices.length; held++) world.items.push(make(rng.pick(choices), c.characterId, bucket));
    }
  }
  return world;
}

function makePlayer(rng: Rng, crossSave: boolean): SimPlayer {
  const code = rng.int(1000, 9999);
  const steamId = `46111860${rng.int(10000000, 99999999)}${rng.int(100, 999)}`;
  const memberships = [{ membershipType: 3, membershipId: steamId, displayName: 'Guardian' }];
  if (crossSave) memberships.push({ membershipType: 2, membershipId: `46111860${rng.int(10000000, 99999999)}${rng.int(100, 999)}`, displayName: 'Guardian' });
  return { bungieMembershipId: String(rng.int(10000000, 29999999)), displayName: 'Guardian', displayNameCode: code, memberships, crossSave };
}

/** The Destiny membership a profile lives on: its own, else the player's first (the primary). */
export function primaryMembership(world: World): SimPlayer['memberships'][number] {
  const own = world.membershipId === undefined ? world.player.memberships[0] : world.player.memberships.find((m) => m.membershipId === world.membershipId);
  if (!own) throw new Error('the simulated player has no Destiny membership');
  return own;
}
