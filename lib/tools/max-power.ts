import 'server-only';
import type { DestinyItemComponent } from 'bungie-api-ts/destiny2';
import { POSTMASTER_BUCKET, VAULT_BUCKET } from '@/lib/actions/inventory-index';
import type { ProfileAnswer } from '@/lib/bungie/types';
import { AppError } from '@/lib/http/errors';
import { destinyMembershipOf, fetchProfile } from '@/lib/inventory/fetch-profile';
import { isKnownCharacter, profileKey, rememberCharacters } from '@/lib/inventory/known-characters';
import { isCharacterId } from '@/lib/inventory/loaders/remember-profile';
import { applyItemSet } from '@/lib/loadouts/apply';
import { loadItemFacts, type ItemFacts } from '@/lib/loadouts/item-facts';
import { LOADOUT_BUCKETS } from '@/lib/loadouts/slots';
import type { ApplyReport } from '@/lib/loadouts/types';
import { bestSet, POWER_SLOTS, type PowerCandidate } from './best-set';
import type { MaxPowerView } from './types';

/** GetProfile components the set needs: vault, characters, their inventories and equipment, instances (power). */
const MAX_POWER_COMPONENTS = [102, 200, 201, 205, 300] as const;
const CLASS_NAMES = ['Titan', 'Hunter', 'Warlock'];

type Found = { set: ReturnType<typeof bestSet>; facts: (hash: number) => ItemFacts; classType: number; className: string; equippedPower: number; placeOf: (owner: string) => string };

/** The character id of a route, checked: anything that cannot be one is the same 404 as a foreign one. */
export function characterIdOf(params: Record<string, string>): string {
  const id = params.characterId ?? '';
  if (!isCharacterId(id)) throw new AppError('unknown_character');
  return id;
}

/** Every piece of gear in the answer, wherever it is (postmaster items are left out: they must be pulled first). */
function candidatesOf(profile: ProfileAnswer, facts: (hash: number) => ItemFacts): PowerCandidate[] {
  const instances = profile.itemComponents?.instances?.data ?? {};
  const out: PowerCandidate[] = [];
  const add = (item: DestinyItemComponent, owner: string, equipped: boolean) => {
    if (!item.itemInstanceId || item.bucketHash === POSTMASTER_BUCKET) return;
    const f = facts(item.itemHash);
    const power = instances[item.itemInstanceId]?.primaryStat?.value ?? 0;
    if (f.bucketHash === undefined || power <= 0) return;
    out.push({ itemId: item.itemInstanceId, itemHash: item.itemHash, owner, equipped, power, slot: f.bucketHash, classType: f.classType, uniqueLabel: f.uniqueLabel });
  };
  for (const item of profile.profileInventory?.data?.items ?? []) if (item.bucketHash === VAULT_BUCKET) add(item, 'vault', false);
  for (const [id, inv] of Object.entries(profile.characterInventories?.data ?? {})) for (const item of inv.items) add(item, id, false);
  for (const [id, eq] of Object.entries(profile.characterEquipment?.data ?? {})) for (const item of eq.items) add(item, id, true);
  return out;
}

/** ONE GetProfile and ONE batched definitions read, then the best set for the character. */
async function findBestSet(userId: string, characterId: string): Promise<Found> {
  const membership = await destinyMembershipOf(userId);
  if (!membership) throw new AppError('no_destiny_account');
  // A character id this process knows is not the player's costs no GetProfile (as loadouts do).
  if (isKnownCharacter(profileKey(userId, membership), characterId) === false) throw new AppError('unknown_character');
  const profile = await fetchProfile(userId, membership, MAX_POWER_COMPONENTS);
  if (profile.characters?.data) rememberCharacters(profileKey(userId, membership), Object.keys(profile.characters.data));
  const character = profile.characters?.data?.[characterId];
  if (!character) throw new AppError('unknown_character');
  const hashes = new Set<number>();
  for (const item of profile.profileInventory?.data?.items ?? []) if (item.itemInstanceId) hashes.add(item.itemHash);
  for (const inv of Object.values(profile.characterInventories?.data ?? {})) for (const item of inv.items) if (item.itemInstanceId) hashes.add(item.itemHash);
  for (const eq of Object.values(profile.characterEquipment?.data ?? {})) for (const item of eq.items) if (item.itemInstanceId) hashes.add(item.itemHash);
  const facts = await loadItemFacts([...hashes]);
  const candidates = candidatesOf(profile, facts);
  const set = bestSet(candidates, characterId, character.classType);
  const worn = POWER_SLOTS.map((slot) => candidates.find((c) => c.owner === characterId && c.equipped && c.slot === slot)?.power ?? 0);
  const classOf = (id: string) => CLASS_NAMES[profile.characters?.data?.[id]?.classType ?? -1] ?? 'character';
  return {
    set,
    facts,
    classType: character.classType,
    className: CLASS_NAMES[character.classType] ?? 'Guardian',
    equippedPower: Math.floor(worn.reduce((n, p) => n + p, 0) / POWER_SLOTS.length),
    placeOf: (owner) => (owner === 'vault' ? 'your vault' : `your ${classOf(owner)}`),
  };
}

/** `GET /api/characters/[characterId]/max-power`: the character's highest reachable power and the items that give it. */
export async function maxPower(userId: string, characterId: string): Promise<MaxPowerView> {
  const { set, facts, equippedPower, placeOf } = await findBestSet(userId, characterId);
  return {
    characterId,
    power: set.power,
    equippedPower,
    items: POWER_SLOTS.flatMap((slot) => {
      const pick = set.picks.get(slot);
      if (!pick) return [];
      const { name, iconUrl, tier } = facts(pick.itemHash);
      const where = pick.owner === characterId ? (pick.equipped ? 'Equipped' : 'In its inventory') : `In ${placeOf(pick.owner)}`;
      return [{ slot: LOADOUT_BUCKETS.get(slot) ?? 'Slot', itemId: pick.itemId, itemHash: pick.itemHash, name, iconUrl, tier, power: pick.power, where, equipped: pick.owner === characterId && pick.equipped }];
    }),
    emptySlots: set.empty.map((slot) => LOADOUT_BUCKETS.get(slot) ?? 'Slot'),
  };
}

/**
 * `POST /api/characters/[characterId]/max-power`: puts the best set on the character through the
 * loadout engine (its queue, one EquipItems, the exotic last) and answers the engine's per-item report.
 */
export async function equipMaxPower(userId: string, characterId: string): Promise<ApplyReport> {
  const { set, classType } = await findBestSet(userId, characterId);
  const items = POWER_SLOTS.flatMap((slot) => {
    const pick = set.picks.get(slot);
    return pick ? [{ itemId: pick.itemId, itemHash: pick.itemHash, bucketHash: slot }] : [];
  });
  return applyItemSet(userId, { id: 'max-power', name: 'Max power', classType, items, updatedAt: new Date() }, characterId);
}
