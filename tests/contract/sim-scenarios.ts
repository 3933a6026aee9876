import { createBungieSim, type BungieSim, type SimItem } from '@/dev/bungie-sim/index';

/** What a scenario needs from a fresh simulator. */
export type Ctx = {
  sim: BungieSim;
  m: { type: number; id: string };
  titan: string;
  hunter: string;
  /** Unequipped kinetic weapon on the Titan, the Titan's equipped one, a postmaster item, a vault kinetic. */
  kinetic: SimItem;
  equipped: SimItem;
  postmaster: SimItem;
  vaultKinetic: SimItem;
};

/** One simulator endpoint and a request that succeeds on a fresh world. */
export type Endpoint = {
  name: string;
  method: 'GET' | 'POST';
  auth: 'required' | 'optional' | 'none';
  path(c: Ctx): string;
  body?(c: Ctx): unknown;
};

/** One kind of answer to drive: a change to the world or request, and the ErrorCode it must produce. */
export type Scenario = {
  endpoint: Endpoint;
  name: string;
  expect: number;
  token?: 'valid' | 'none' | 'garbage' | 'expired' | 'revoked';
  apiKey?: boolean;
  setup?(c: Ctx): void;
  path?(c: Ctx): string;
  body?(c: Ctx): unknown;
  /** Send the request twice at once (the game's 0.1 s throttle); both answers are validated. */
  twice?: boolean;
};

const KINETIC = 1498876634;
const SATURDAY = '2026-11-28T12:00:00Z';

/** A fresh simulator on a Saturday (Xûr present) with handy items picked out. */
export function freshContext(): Ctx {
  const sim = createBungieSim({ now: SATURDAY });
  const m = sim.world.player.memberships[0] ?? { membershipType: 0, membershipId: '' };
  const titan = sim.world.characters.find((c) => c.classType === 0)?.characterId ?? '';
  const hunter = sim.world.characters.find((c) => c.classType === 1)?.characterId ?? '';
  const find = (pred: (i: SimItem) => boolean) => {
    const item = sim.world.items.find(pred);
    if (!item) throw new Error('the generated world lacks an item the contract test needs');
    return item;
  };
  return {
    sim, m: { type: m.membershipType, id: m.membershipId }, titan, hunter,
    kinetic: find((i) => i.owner === titan && !i.equipped && i.bucketHash === KINETIC && !i.uniqueLabel),
    equipped: find((i) => i.owner === titan && i.equipped && i.bucketHash === KINETIC),
    postmaster: find((i) => i.owner === titan && i.bucketHash === 215593132),
    vaultKinetic: find((i) => i.owner === 'vault' && i.homeBucketHash === KINETIC),
  };
}

const profileBase = (c: Ctx) => `/Destiny2/${c.m.type}/Profile/${c.m.id}`;
const transfer = (c: Ctx, item: SimItem, toVault: boolean) => ({ itemReferenceHash: item.itemHash, stackSize: 1, transferToVault: toVault, itemId: item.itemInstanceId, characterId: c.titan, membershipType: c.m.type });
const fillBucket = (c: Ctx, bucket: number) => {
  const onTitan = c.sim.world.items.filter((i) => i.owner === c.titan && i.bucketHash === bucket).length;
  for (const i of c.sim.world.items.filter((x) => x.owner === 'vault' && x.homeBucketHash === bucket && x !== c.vaultKinetic).slice(0, 10 - onTitan)) Object.assign(i, { owner: c.titan, bucketHash: bucket });
};

/** The second profile (cross-save off), made on demand: its membership, a Titan and an unequipped kinetic weapon. */
const second = (c: Ctx) => {
  c.sim.controls.setSecondProfile(true);
  const w = c.sim.world.otherProfiles?.[0];
  const m = c.sim.world.player.memberships.find((x) => x.membershipId === w?.membershipId);
  const titan = w?.characters.find((x) => x.classType === 0)?.characterId ?? '';
  const kinetic = w?.items.find((i) => i.owner === titan && !i.equipped && i.bucketHash === KINETIC && !i.uniqueLabel);
  if (!w || !m || !kinetic) throw new Error('the second profile lacks what the contract test needs');
  return { type: m.membershipType, id: m.membershipId, titan, kinetic };
};

/** Every endpoint the simulator serves under /Platform (except the OAuth token endpoint). */
export const ENDPOINTS = {
  memberships: { name: 'GetMembershipsForCurrentUser', method: 'GET', auth: 'required', path: () => '/User/GetMembershipsForCurrentUser/' },
  manifest: { name: 'GetManifest', method: 'GET', auth: 'none', path: () => '/Destiny2/Manifest/' },
  profile: { name: 'GetProfile', method: 'GET', auth: 'optional', path: (c) => `${profileBase(c)}/?components=100,102,200,201,205,300,302,304,305,310` },
  item: { name: 'GetItem', method: 'GET', auth: 'optional', path: (c) => `${profileBase(c)}/Item/${c.equipped.itemInstanceId}/?components=300,302,304,305,307,310` },
  linked: { name: 'GetLinkedProfiles', method: 'GET', auth: 'optional', path: (c) => `${profileBase(c)}/LinkedProfiles/` },
  vendors: { name: 'GetVendors', method: 'GET', auth: 'required', path: (c) => `${profileBase(c)}/Character/${c.titan}/Vendors/?components=400,401,402,600,1200` },
  publicVendors: { name: 'GetPublicVendors', method: 'GET', auth: 'none', path: () => '/Destiny2/Vendors/?components=400,401,402' },
  transfer: { name: 'TransferItem', method: 'POST', auth: 'required', path: () => '/Destiny2/Actions/Items/TransferItem/', body: (c) => transfer(c, c.kinetic, true) },
  equip: { name: 'EquipItem', method: 'POST', auth: 'required', path: () => '/Destiny2/Actions/Items/EquipItem/', body: (c) => ({ itemId: c.kinetic.itemInstanceId, characterId: c.titan, membershipType: c.m.type }) },
  equipMany: { name: 'EquipItems', method: 'POST', auth: 'required', path: () => '/Destiny2/Actions/Items/EquipItems/', body: (c) => ({ itemIds: [c.kinetic.itemInstanceId], characterId: c.titan, membershipType: c.m.type }) },
  lock: { name: 'SetLockState', method: 'POST', auth: 'required', path: () => '/Destiny2/Actions/Items/SetLockState/', body: (c) => ({ state: true, itemId: c.vaultKinetic.itemInstanceId, characterId: c.titan, membershipType: c.m.type }) },
  postmaster: { name: 'PullFromPostmaster', method: 'POST', auth: 'required', path: () => '/Destiny2/Actions/Items/PullFromPostmaster/', body: (c) => ({ itemReferenceHash: c.postmaster.itemHash, stackSize: 1, itemId: c.postmaster.itemInstanceId, characterId: c.titan, membershipType: c.m.type }) },
} satisfies Record<string, Endpoint>;

/** Answers every endpoint can give: success, the switches and the auth refusals. */
function common(endpoint: Endpoint): Scenario[] {
  const list: Scenario[] = [
    { endpoint, name: 'success', expect: 1 },
    { endpoint, name: 'maintenance', expect: 5, setup: (c) => c.sim.controls.setMaintenance(true) },
    { endpoint, name: 'throttled (36)', expect: 36, setup: (c) => c.sim.controls.setThrottled(true) },
    { endpoint, name: 'throttled (54)', expect: 54, setup: (c) => c.sim.controls.setThrottled(true, { code: 'PerApplicationThrottleExceeded' }) },
    { endpoint, name: 'HTTP 500', expect: 3, setup: (c) => c.sim.controls.failNext(1) },
    { endpoint, name: 'no API key', expect: 2102, apiKey: false },
  ];
  if (endpoint.auth !== 'none') {
    list.push(
      { endpoint, name: 'unknown token', expect: 99, token: 'garbage' },
      { endpoint, name: 'expired token', expect: 2111, token: 'expired' },
      { endpoint, name: 'revoked authorization', expect: 2124, token: 'revoked' },
    );
  }
  list.push({ endpoint, name: endpoint.auth === 'required' ? 'no token' : 'no token (public view)', expect: endpoint.auth === 'required' ? 99 : 1, token: 'none' });
  return list;
}

const E = ENDPOINTS;

/** Every scenario the contract test drives. */
export const SCENARIOS: Scenario[] = [
  ...Object.values(E).flatMap((e) => common(e)),
  { endpoint: E.profile, name: 'wrong membership (1601)', expect: 1601, path: () => '/Destiny2/3/Profile/4611686018400000001/?components=100' },
  { endpoint: E.memberships, name: 'two profiles, cross-save off', expect: 1, setup: (c) => c.sim.controls.setSecondProfile(true) },
  { endpoint: E.profile, name: 'the second profile (cross-save off)', expect: 1, path: (c) => { const s = second(c); return `/Destiny2/${s.type}/Profile/${s.id}/?components=100,102,200,201,205,300`; } },
  { endpoint: E.linked, name: 'two profiles, cross-save off', expect: 1, setup: (c) => c.sim.controls.setSecondProfile(true) },
  { endpoint: E.transfer, name: 'on the second profile', expect: 1, body: (c) => { const s = second(c); return { itemReferenceHash: s.kinetic.itemHash, stackSize: 1, transferToVault: true, itemId: s.kinetic.itemInstanceId, characterId: s.titan, membershipType: s.type }; } },
  { endpoint: E.profile, name: 'bad component (7)', expect: 7, path: (c) => `${profileBase(c)}/?components=Nope` },
  { endpoint: E.profile, name: 'component names', expect: 1, path: (c) => `${profileBase(c)}/?components=Profiles,Characters,CharacterInventories` },
  { endpoint: E.item, name: 'vault weapon: stats, sockets, reusable plugs (as the item sheet asks)', expect: 1, path: (c) => `${profileBase(c)}/Item/${c.vaultKinetic.itemInstanceId}/?components=300,304,305,310` },
  { endpoint: E.item, name: 'armour piece', expect: 1, path: (c) => `${profileBase(c)}/Item/${c.sim.world.items.find((i) => i.owner === c.titan && i.bucketHash === 3448274439 && i.equipped)?.itemInstanceId}/?components=300,304,305,310` },
  { endpoint: E.item, name: 'unknown item (1623)', expect: 1623, path: (c) => `${profileBase(c)}/Item/6917529000000000001/?components=300` },
  { endpoint: E.linked, name: 'by the Bungie.net membership (254)', expect: 1, path: (c) => `/Destiny2/254/Profile/${c.sim.world.player.bungieMembershipId}/LinkedProfiles/` },
  { endpoint: E.linked, name: 'unknown account (1601)', expect: 1601, path: () => '/Destiny2/3/Profile/4611686018400000001/LinkedProfiles/' },
  { endpoint: E.vendors, name: 'Xûr absent (Wednesday)', expect: 1, setup: (c) => c.sim.controls.setNow('2026-12-02T12:00:00Z') },
  { endpoint: E.vendors, name: 'unknown character (1620)', expect: 1620, path: (c) => `${profileBase(c)}/Character/2305843009999999999/Vendors/?components=400` },
  { endpoint: E.publicVendors, name: 'Xûr absent (Wednesday)', expect: 1, setup: (c) => c.sim.controls.setNow('2026-12-02T12:00:00Z') },
  { endpoint: E.transfer, name: 'from the vault', expect: 1, body: (c) => transfer(c, c.vaultKinetic, false) },
  { endpoint: E.transfer, name: 'item not found (1623)', expect: 1623, body: (c) => ({ ...transfer(c, c.kinetic, true), itemId: '6917529000000000001' }) },
  { endpoint: E.transfer, name: 'vault full (1642)', expect: 1642, setup: (c) => { c.sim.world.vaultCapacity = 1; } },
  { endpoint: E.transfer, name: 'character bucket full (1642)', expect: 1642, setup: (c) => fillBucket(c, KINETIC), body: (c) => transfer(c, c.vaultKinetic, false) },
  { endpoint: E.transfer, name: 'engram: its bucket has no transfer destination (1660)', expect: 1660, body: (c) => transfer(c, c.sim.world.items.find((i) => i.owner === c.titan && i.bucketHash === 375726501)!, true) },
  { endpoint: E.transfer, name: 'equipped item (1656)', expect: 1656, body: (c) => transfer(c, c.equipped, true) },
  { endpoint: E.transfer, name: 'wrong membership type (1601)', expect: 1601, body: (c) => ({ ...transfer(c, c.kinetic, true), membershipType: 254 }) },
  { endpoint: E.transfer, name: 'game throttle (1672)', expect: 1672, twice: true, setup: (c) => c.sim.controls.setItemActionThrottle(true), body: (c) => transfer(c, c.kinetic, true) },
  { endpoint: E.equip, name: 'second exotic (1641)', expect: 1641, setup: (c) => {
    const energy = c.sim.world.items.find((i) => i.owner === c.titan && i.equipped && i.bucketHash === 2465295065);
    if (energy) energy.uniqueLabel = 'exotic_weapon';
    c.kinetic.uniqueLabel = 'exotic_weapon';
  } },
  { endpoint: E.equip, name: 'in an activity (1671)', expect: 1671, setup: (c) => c.sim.controls.setCharacterLocation(c.titan, 'activity') },
  { endpoint: E.equip, name: 'item not on the character (1623)', expect: 1623, body: (c) => ({ itemId: c.vaultKinetic.itemInstanceId, characterId: c.titan, membershipType: c.m.type }) },
  { endpoint: E.equip, name: 'wrong class (1663)', expect: 1663, setup: (c) => { c.kinetic.classType = 1; } },
  { endpoint: E.equipMany, name: 'mixed per-item results', expect: 1, body: (c) => ({ itemIds: [c.kinetic.itemInstanceId, c.vaultKinetic.itemInstanceId], characterId: c.titan, membershipType: c.m.type }) },
  { endpoint: E.equipMany, name: 'in an activity (1671)', expect: 1671, setup: (c) => c.sim.controls.setCharacterLocation(c.titan, 'activity') },
  { endpoint: E.lock, name: 'item not found (1623)', expect: 1623, body: (c) => ({ state: true, itemId: '6917529000000000001', characterId: c.titan, membershipType: c.m.type }) },
  { endpoint: E.lock, name: 'unknown character (1620)', expect: 1620, body: (c) => ({ state: true, itemId: c.vaultKinetic.itemInstanceId, characterId: '2305843009999999999', membershipType: c.m.type }) },
  { endpoint: E.postmaster, name: 'not in the postmaster (1623)', expect: 1623, body: (c) => ({ itemReferenceHash: c.kinetic.itemHash, stackSize: 1, itemId: c.kinetic.itemInstanceId, characterId: c.titan, membershipType: c.m.type }) },
  { endpoint: E.postmaster, name: 'bucket full (1642)', expect: 1642, setup: (c) => fillBucket(c, c.postmaster.homeBucketHash) },
];
