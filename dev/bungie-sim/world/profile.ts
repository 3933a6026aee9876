import type {
  DestinyCharacterComponent, DestinyItemComponent, DestinyItemInstanceComponent, DestinyProfileComponent,
  DestinyProfileResponse, DestinyItemResponse,
} from 'bungie-api-ts/destiny2';
import { Bucket, ClassHash, Currency, GenderHash, ICON_ROOT, RaceHash, Stat } from '../constants';
import { ArmorStat } from '../manifest/plug-definitions';
import { SimRefusal } from '../codes';
import type { SimItemDefinition } from '../manifest/item-generator';
import { itemDetails } from './item-details';
import { primaryMembership, type SimItem, type World } from './world';

/** Looks up an item's definition in the simulator's current manifest. */
export type DefinitionOf = (itemHash: number) => SimItemDefinition | undefined;
const noDefinitions: DefinitionOf = () => undefined;

/** The profile answer with only the requested components, as Bungie sends it. */
export type ProfileAnswer = Partial<DestinyProfileResponse>;

/** DestinyItemComponent for a world item. */
export function itemComponent(item: SimItem): DestinyItemComponent {
  // Real answers: the vault AND the account-wide buckets (consumables, mods) all say location 2.
  const location = item.owner === 'vault' || item.owner === 'profile' ? 2 : item.bucketHash === Bucket.LostItems ? 4 : 1;
  // ItemState bits: 1 Locked, 4 Masterwork. TransferStatuses: 1 ItemIsEquipped.
  // metricObjective is typed required but Bungie only sends it for metric-bearing items.
  const base: Omit<DestinyItemComponent, 'metricObjective'> = {
    itemHash: item.itemHash,
    quantity: item.quantity,
    bindStatus: 0,
    location,
    bucketHash: item.bucketHash,
    transferStatus: item.equipped ? 1 : 0,
    lockable: item.itemInstanceId !== undefined,
    state: (item.locked ? 1 : 0) | (item.masterwork ? 4 : 0),
    isWrapper: false,
    tooltipNotificationIndexes: [],
    versionNumber: 0,
  };
  if (item.recorded) {
    // Replayed: as recorded, with what the world changes (where it is, equipped, locked).
    const { location: _, bucketHash: __, transferStatus: ___, state, ...rest } = item.recorded.item;
    return { ...rest, location, bucketHash: item.bucketHash, transferStatus: base.transferStatus, state: (state & ~5) | base.state } as DestinyItemComponent;
  }
  return (item.itemInstanceId ? { ...base, itemInstanceId: item.itemInstanceId } : base) as DestinyItemComponent;
}

/** DestinyItemInstanceComponent: power, damage type, equip state. */
export function instanceComponent(item: SimItem, world: World): DestinyItemInstanceComponent {
  const owner = world.characters.find((c) => c.characterId === item.owner);
  const primary = item.damageType ? Stat.Attack : Stat.Defense;
  const canEquip = !!owner && item.bucketHash !== Bucket.LostItems && (item.classType === 3 || item.classType === owner.classType);
  // energy is typed required but Bungie omits it for weapons and non-energy armour.
  const instance: Omit<DestinyItemInstanceComponent, 'energy'> = {
    damageType: item.damageType,
    ...(item.damageTypeHash ? { damageTypeHash: item.damageTypeHash } : {}),
    primaryStat: { statHash: primary, value: item.power },
    itemLevel: Math.floor(item.power / 10),
    quality: 0,
    isEquipped: item.equipped,
    canEquip,
    equipRequiredLevel: 0,
    unlockHashesRequiredToEquip: [],
    // EquipFailureReason: 0 None, 2 ItemWrongClass? The game uses flags; 1 ItemUnequippable.
    cannotEquipReason: canEquip ? 0 : 1,
  };
  if (item.recorded?.instance) return { ...item.recorded.instance, isEquipped: item.equipped, canEquip };
  return instance as DestinyItemInstanceComponent;
}

function characterComponent(world: World, index: number, now: Date): DestinyCharacterComponent {
  const c = world.characters[index];
  if (!c) throw new Error('no such character');
  if (c.recorded) return c.recorded;
  const equipped = world.items.filter((i) => i.owner === c.characterId && i.equipped && i.power > 0);
  const light = equipped.length ? Math.floor(equipped.reduce((sum, i) => sum + i.power, 0) / equipped.length) : 1800;
  const membership = primaryMembership(world);
  const character: DestinyCharacterComponent = {
    membershipId: membership.membershipId,
    membershipType: membership.membershipType,
    characterId: c.characterId,
    // On the hour, as Bungie's value only moves when the player plays: an unchanged profile must
    // answer the same JSON twice (ETags, SWR).
    dateLastPlayed: new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000 - index * 86_400_000).toISOString(),
    minutesPlayedThisSession: index === 0 ? '42' : '0',
    minutesPlayedTotal: String(c.minutesPlayedTotal),
    light,
    // As Bungie sends them: Power and the six armour stats the character's gear adds up to.
    stats: { [Stat.Power]: light, ...characterStats(c.characterId) },
    raceHash: RaceHash[c.raceType], genderHash: GenderHash[c.genderType], classHash: ClassHash[c.classType],
    raceType: c.raceType, classType: c.classType, genderType: c.genderType,
    emblemPath: `${ICON_ROOT}/emblem_${c.emblemHash}.jpg`,
    emblemBackgroundPath: `${ICON_ROOT}/emblem_bg_${c.emblemHash}.jpg`,
    emblemHash: c.emblemHash,
    emblemColor: { red: 20, green: 40, blue: 80, alpha: 255 },
    levelProgression: { progressionHash: 1716568313, dailyProgress: 0, dailyLimit: 0, weeklyProgress: 0, weeklyLimit: 0, currentProgress: 0, level: 50, levelCap: 50, stepIndex: 50, progressToNextLevel: 0, nextLevelAt: 0, seasonResets: [], rewardItemStates: [], rewardItemSocketOverrideStates: {} },
    baseCharacterLevel: 50,
    percentToNextLevel: 0,
  };
  return character;
}

/** The character's armour stat totals: steady per character (the same answer twice), 10 to 200 each. */
function characterStats(characterId: string): Record<number, number> {
  const seed = Number(characterId.slice(-6));
  return Object.fromEntries(Object.values(ArmorStat).map((hash, i) => [hash, 10 + ((seed * (i + 7)) % 191)]));
}

/** Component 103 (ProfileCurrencies): the account-wide currencies, as quantities on item stacks. */
function profileCurrencies(world: World): DestinyItemComponent[] {
  const seed = Number(world.characters[0]?.characterId.slice(-4) ?? 1);
  const stack = (itemHash: number, quantity: number) =>
    ({ itemHash, quantity, bindStatus: 0, location: 0, bucketHash: 0, transferStatus: 2, lockable: false, state: 0, dismantlePermission: 0, isWrapper: false, tooltipNotificationIndexes: [], versionNumber: 0 }) as unknown as DestinyItemComponent;
  return [stack(Currency.Glimmer, 100_000 + (seed % 150_000)), stack(Currency.LegendaryShards, 1_000 + (seed % 9_000)), stack(Currency.StrangeCoin, seed % 40)];
}

const byCharacter = <T>(world: World, build: (characterId: string, index: number) => T): Record<string, T> =>
  Object.fromEntries(world.characters.map((c, i) => [c.characterId, build(c.characterId, i)]));

/**
 * Builds GetProfile's answer for the requested components (numbers). Without a signed-in
 * owner, Bungie hides private components (privacy 2, no data) and unequipped items' details.
 */
export function buildProfile(world: World, components: ReadonlySet<number>, now: Date, signedIn = true, definitionOf: DefinitionOf = noDefinitions): ProfileAnswer {
  const stamp = now.toISOString();
  const out: Record<string, unknown> = { responseMintedTimestamp: stamp, secondaryComponentsMintedTimestamp: stamp };
  const membership = primaryMembership(world);
  if (components.has(100)) {
    const profile: DestinyProfileComponent = {
      userInfo: {
        crossSaveOverride: world.player.crossSave ? membership.membershipType : 0,
        applicableMembershipTypes: world.player.crossSave ? world.player.memberships.map((m) => m.membershipType) : [membership.membershipType],
        isPublic: true, membershipType: membership.membershipType, membershipId: membership.membershipId,
        displayName: world.player.displayName, bungieGlobalDisplayName: world.player.displayName,
        bungieGlobalDisplayNameCode: world.player.displayNameCode, supplementalDisplayName: '', iconPath: '',
      } as DestinyProfileComponent['userInfo'],
      dateLastPlayed: stamp, versionsOwned: 31 as DestinyProfileComponent['versionsOwned'], characterIds: world.characters.map((c) => c.characterId),
      seasonHashes: [], seasonPassHashes: [], eventCardHashesOwned: [], currentGuardianRank: 6, lifetimeHighestGuardianRank: 7, renewedGuardianRank: 0,
    };
    out.profile = { data: profile, privacy: 1 };
  }
  if (components.has(102)) {
    out.profileInventory = { data: { items: world.items.filter((i) => i.owner === 'vault' || i.owner === 'profile').map(itemComponent) }, privacy: 2 };
  }
  if (components.has(103)) out.profileCurrencies = { data: { items: profileCurrencies(world) }, privacy: 2 };
  if (components.has(200)) out.characters = { data: byCharacter(world, (_, i) => characterComponent(world, i, now)), privacy: 1 };
  if (components.has(201)) {
    out.characterInventories = { data: byCharacter(world, (id) => ({ items: world.items.filter((i) => i.owner === id && !i.equipped).map(itemComponent) })), privacy: 2 };
  }
  if (components.has(205)) {
    out.characterEquipment = { data: byCharacter(world, (id) => ({ items: world.items.filter((i) => i.owner === id && i.equipped).map(itemComponent) })), privacy: 1 };
  }
  if (!signedIn) {
    if (out.profileInventory) out.profileInventory = { privacy: 2 };
    if (out.characterInventories) out.characterInventories = { privacy: 2 };
    if (out.profileCurrencies) out.profileCurrencies = { privacy: 2 };
  }
  const visible = world.items.filter((i) => i.itemInstanceId && (signedIn || i.equipped));
  const itemComponents = buildItemComponents(world, visible, components, definitionOf);
  if (itemComponents) out.itemComponents = itemComponents;
  return out as ProfileAnswer;
}

function buildItemComponents(world: World, items: SimItem[], components: ReadonlySet<number>, definitionOf: DefinitionOf): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  const details = new Map(components.has(304) || components.has(305) || components.has(310) ? items.map((i) => [i, itemDetails(i, definitionOf(i.itemHash))]) : []);
  const map = <T>(build: (item: SimItem) => T) => ({ data: Object.fromEntries(items.map((i) => [i.itemInstanceId, build(i)])), privacy: 1 });
  if (components.has(300)) out.instances = map((i) => instanceComponent(i, world));
  if (components.has(302)) out.perks = map((i) => ({ perks: i.perkHashes.map((perkHash) => ({ perkHash, iconPath: `${ICON_ROOT}/perk_${perkHash}.png`, isActive: true, visible: true })) }));
  if (components.has(304)) out.stats = map((i) => ({ stats: details.get(i)?.stats ?? {} }));
  if (components.has(305)) out.sockets = map((i) => ({ sockets: details.get(i)?.sockets ?? [] }));
  if (components.has(310)) out.reusablePlugs = map((i) => ({ plugs: details.get(i)?.reusablePlugs ?? {} }));
  return Object.keys(out).length ? out : undefined;
}

/** GetItem's answer for one instanced item (item, instance, perks, stats, sockets, reusable plugs). */
export function buildItemResponse(world: World, itemInstanceId: string, components: ReadonlySet<number>, definitionOf: DefinitionOf = noDefinitions): Partial<DestinyItemResponse> {
  const item = world.items.find((i) => i.itemInstanceId === itemInstanceId);
  if (!item) throw new SimRefusal('DestinyItemNotFound');
  const out: Record<string, unknown> = {};
  if (item.owner !== 'vault' && item.owner !== 'profile') out.characterId = item.owner;
  if (components.has(307)) out.item = { data: itemComponent(item), privacy: 1 };
  const parts = buildItemComponents(world, [item], components, definitionOf) ?? {};
  const single = (key: string, name: string) => {
    const value = (parts[key] as { data: Record<string, unknown> } | undefined)?.data[itemInstanceId];
    if (value) out[name] = { data: value, privacy: 1 };
  };
  single('instances', 'instance');
  single('perks', 'perks');
  single('stats', 'stats');
  single('sockets', 'sockets');
  single('reusablePlugs', 'reusablePlugs');
  return out as Partial<DestinyItemResponse>;
}
