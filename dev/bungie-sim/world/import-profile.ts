import type { DestinyCharacterComponent, DestinyItemComponent, DestinyItemInstanceComponent, DestinyProfileComponent } from 'bungie-api-ts/destiny2';
import { Bucket } from '../constants';
import type { SimItemDefinition } from '../manifest/item-generator';
import type { SimCharacter, SimItem, World } from './world';

type Recorded = {
  profile?: { data?: DestinyProfileComponent };
  profileInventory?: { data?: { items?: DestinyItemComponent[] } };
  characters?: { data?: Record<string, DestinyCharacterComponent> };
  characterInventories?: { data?: Record<string, { items?: DestinyItemComponent[] }> };
  characterEquipment?: { data?: Record<string, { items?: DestinyItemComponent[] }> };
  itemComponents?: { instances?: { data?: Record<string, DestinyItemInstanceComponent> } };
};

// ItemState bits.
const STATE_LOCKED = 1;
const STATE_MASTERWORK = 4;

/**
 * Turns a recorded GetProfile answer into the simulator's world, so a replayed profile behaves
 * like a live one: signing in gives its membership and characters, item actions move its items,
 * and later answers show where they went. Each item keeps its recorded component (and instance)
 * so untouched fields are served exactly as recorded. The Bungie.net account id is `base`'s.
 */
export function importProfile(recorded: Record<string, unknown>, base: World, definitionOf: (hash: number) => SimItemDefinition | undefined): World {
  const r = recorded as Recorded;
  const recordedCharacters = Object.values(r.characters?.data ?? {});
  const userInfo = r.profile?.data?.userInfo;
  const first = recordedCharacters[0];
  const membershipType = userInfo?.membershipType ?? first?.membershipType;
  const membershipId = userInfo?.membershipId ?? first?.membershipId;
  if (membershipType === undefined || !membershipId) throw new Error('The recorded profile names no membership: record it with components 100 or 200.');
  const displayName = userInfo?.bungieGlobalDisplayName || userInfo?.displayName || base.player.displayName;
  const characters: SimCharacter[] = recordedCharacters.map((c) => ({
    characterId: c.characterId,
    classType: c.classType as SimCharacter['classType'],
    raceType: c.raceType as SimCharacter['raceType'],
    genderType: c.genderType as SimCharacter['genderType'],
    emblemHash: c.emblemHash,
    location: 'orbit',
    minutesPlayedTotal: Number(c.minutesPlayedTotal) || 0,
    recorded: c,
  }));
  // A recording without component 200 still names its characters; they get generated looks.
  const named = [...(r.profile?.data?.characterIds ?? []), ...Object.keys(r.characterEquipment?.data ?? {}), ...Object.keys(r.characterInventories?.data ?? {})];
  for (const characterId of new Set(named)) {
    if (characters.some((c) => c.characterId === characterId)) continue;
    const look = base.characters[characters.length % base.characters.length];
    if (look) characters.push({ ...look, characterId, recorded: undefined });
  }
  const instances = r.itemComponents?.instances?.data ?? {};
  const toItem = (component: DestinyItemComponent, owner: string, equipped: boolean): SimItem => {
    const def = definitionOf(component.itemHash);
    const instance = component.itemInstanceId ? instances[component.itemInstanceId] : undefined;
    return {
      itemHash: component.itemHash,
      ...(component.itemInstanceId ? { itemInstanceId: component.itemInstanceId } : {}),
      quantity: component.quantity,
      owner,
      bucketHash: component.bucketHash,
      // An item the manifest lacks goes back to the bucket it was recorded in.
      homeBucketHash: def?.inventory?.bucketTypeHash ?? component.bucketHash,
      equipped,
      locked: (component.state & STATE_LOCKED) !== 0,
      masterwork: (component.state & STATE_MASTERWORK) !== 0,
      uniqueLabel: def?.equippingBlock?.uniqueLabel ?? '',
      classType: def?.classType ?? 3,
      power: instance?.primaryStat?.value ?? 0,
      damageType: instance?.damageType ?? def?.defaultDamageType ?? 0,
      ...(instance?.damageTypeHash ? { damageTypeHash: instance.damageTypeHash } : {}),
      perkHashes: [],
      plugHashes: [],
      recorded: { item: component, ...(instance ? { instance } : {}) },
    };
  };
  const items: SimItem[] = [];
  for (const item of r.profileInventory?.data?.items ?? []) items.push(toItem(item, item.bucketHash === Bucket.Vault ? 'vault' : 'profile', false));
  for (const [characterId, { items: list = [] }] of Object.entries(r.characterEquipment?.data ?? {})) for (const item of list) items.push(toItem(item, characterId, true));
  for (const [characterId, { items: list = [] }] of Object.entries(r.characterInventories?.data ?? {})) for (const item of list) items.push(toItem(item, characterId, false));
  const crossSave = (userInfo?.crossSaveOverride ?? 0) !== 0;
  return {
    player: {
      bungieMembershipId: base.player.bungieMembershipId,
      displayName,
      displayNameCode: userInfo?.bungieGlobalDisplayNameCode ?? base.player.displayNameCode,
      memberships: [{ membershipType, membershipId, displayName: userInfo?.displayName || displayName }],
      crossSave,
    },
    characters,
    items,
    vaultCapacity: base.vaultCapacity,
    lastActionAt: 0,
  };
}
