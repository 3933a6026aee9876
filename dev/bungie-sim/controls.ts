import { z } from 'zod';
import { revokeAuthorization, type Lifetimes } from './auth';
import { Bucket } from './constants';
import { worldInputs, type SimCore } from './core';
import { publishNextManifest, type ManifestChanges, type PublishOptions } from './manifest/generate-manifest';
import { ARRIVAL_BUCKETS, arrive, type Arrival } from './world/arrivals';
import { addSecondProfile, removeOtherProfiles } from './world/second-profile';
import { VAULT_CAPACITY, type CharacterLocation } from './world/world';

const THROTTLE_CODES = ['ThrottleLimitExceeded', 'ThrottleLimitExceededMinutes', 'ThrottleLimitExceededMomentarily', 'ThrottleLimitExceededSeconds', 'PerApplicationThrottleExceeded', 'PerApplicationAnonymousThrottleExceeded', 'PerApplicationAuthenticatedThrottleExceeded', 'DestinyThrottledByGameServer'] as const;

/** Switches of a running simulator; each takes effect on the next request. */
export type SimControls = ReturnType<typeof createControls>;

/** Builds the switch functions over a simulator core. */
export function createControls(core: SimCore) {
  const c = () => core.state.controls;
  let added = 0;
  return {
    /** Delay every answer by `ms`. */
    setLatency(ms: number) { c().latencyMs = ms; },
    /** Answer every /Platform call with a throttle code (default 36, ThrottleSeconds 10, HTTP 429). */
    setThrottled(enabled: boolean, options: { code?: (typeof THROTTLE_CODES)[number]; seconds?: number; status?: number } = {}) {
      c().throttle = { enabled, code: options.code ?? 'ThrottleLimitExceededMomentarily', seconds: options.seconds ?? 10, status: options.status ?? 429 };
    },
    /** Maintenance: ErrorCode 5 SystemDisabled with HTTP 503. */
    setMaintenance(on: boolean) { c().maintenance = on; },
    /** The next `n` calls answer HTTP 500 (JSON, UnhandledException). */
    failNext(n: number) { c().failNext = n; },
    /** Bungie fully down: an HTML page with HTTP 503 instead of JSON. */
    setOutage(on: boolean) { c().outage = on; },
    /** Refuse item actions closer than 0.1 s apart (1672 DestinyThrottledByGameServer). */
    setItemActionThrottle(on: boolean) { c().itemActionThrottle = on; },
    /** Token lifetimes in seconds for tokens issued from now on. */
    setTokenLifetimes(lifetimes: Partial<Lifetimes>) { c().lifetimes = { ...c().lifetimes, ...lifetimes }; },
    /** Fix the clock (Date, ISO string or ms), or null for the real clock. */
    setNow(now: Date | string | number | null) { c().now = now === null ? null : new Date(now).getTime(); },
    /** Move the (fixed) clock forward; fixes it first if it was real. */
    advance(seconds: number) { c().now = core.now().getTime() + seconds * 1000; },
    /** Where a character is; equipping works in 'orbit' and 'social' only. */
    setCharacterLocation(characterId: string, location: CharacterLocation) {
      const character = core.state.world.characters.find((x) => x.characterId === characterId);
      if (!character) throw new Error(`No character ${characterId}`);
      character.location = location;
    },
    /** Publish a new manifest version (adds, modifies, removes a few items). */
    publishManifest(options: PublishOptions = {}): { version: string; changes: ManifestChanges } {
      const held = new Set(core.state.world.items.map((i) => i.itemHash));
      const { data, changes } = publishNextManifest(core.state.manifest, { keep: held, ...options });
      core.state.manifest = data;
      core.state.versions.set(data.contentId, data);
      return { version: data.version, changes };
    },
    /**
     * On: cross-save off and a second Destiny profile (PlayStation) with its own characters and
     * vault. Off: back to the one profile, cross-save as the simulator began.
     */
    setSecondProfile(on: boolean) {
      const { items, perks } = worldInputs(core.state.manifest);
      if (on) addSecondProfile(core.state.world, items, perks, core.options.seed);
      else removeOtherProfiles(core.state.world, core.options.crossSave ?? true);
    },
    /** Approve sign-ins from now on as another Bungie.net account (a second person), or null for the world's player. */
    approveAs(bungieMembershipId: string | null) { c().approveAs = bungieMembershipId; },
    /** The player removes the app: every token of the record is refused from now on. */
    revokeAuthorization(membershipId?: string): number {
      return revokeAuthorization(core.state.auth, membershipId);
    },
    /**
     * Puts an instanced item with any hash into the vault (one the manifest lacks, to test the
     * unknown-item placeholder). Returns its new instance id.
     */
    addVaultItem(itemHash: number): string {
      const world = core.state.world;
      const itemInstanceId = (6917529_990000000000n + BigInt(++added)).toString();
      world.items.push({
        itemHash, itemInstanceId, quantity: 1, owner: 'vault', bucketHash: Bucket.Vault, homeBucketHash: Bucket.Vault, equipped: false,
        locked: false, masterwork: false, uniqueLabel: '', classType: 3, power: 0, damageType: 0, perkHashes: [], plugHashes: [],
      });
      return itemInstanceId;
    },
    /**
     * Items drop for a character as in play (engrams, consumables, weapons, armour): see world/arrivals.ts. Answers
     * where each one landed.
     */
    arrive(arrival: Arrival) {
      return arrive(core.state.world, core.itemDefinitions(), arrival);
    },
    /** The vault's capacity (null: the game's 1,300), to make it full without 1,300 items. */
    setVaultCapacity(capacity: number | null) { core.state.world.vaultCapacity = capacity ?? VAULT_CAPACITY; },
    /** Removes the item with this instance id from the world; false when there is none. */
    removeItem(itemInstanceId: string): boolean {
      const world = core.state.world;
      const before = world.items.length;
      world.items = world.items.filter((i) => i.itemInstanceId !== itemInstanceId);
      return world.items.length < before;
    },
    /** Back to the initial world, tokens, switches and stats. */
    reset() { core.reset(); },
  };
}

/** The JSON accepted by `POST /__sim/control`; every field is optional. */
export const controlPatchSchema = z.object({
  latencyMs: z.number().int().min(0).optional(),
  throttle: z.union([z.boolean(), z.object({ enabled: z.boolean(), code: z.enum(THROTTLE_CODES).optional(), seconds: z.number().int().min(0).optional(), status: z.number().int().optional() })]).optional(),
  maintenance: z.boolean().optional(),
  failNext: z.number().int().min(0).optional(),
  outage: z.boolean().optional(),
  itemActionThrottle: z.boolean().optional(),
  tokenLifetimes: z.object({ accessSeconds: z.number().int().min(0), refreshSeconds: z.number().int().min(0), codeSeconds: z.number().int().min(0), refreshReadySeconds: z.number().int().min(0) }).partial().optional(),
  now: z.union([z.string(), z.number(), z.null()]).optional(),
  advanceSeconds: z.number().optional(),
  characterLocation: z.object({ characterId: z.string(), location: z.enum(['orbit', 'social', 'activity']) }).optional(),
  publishManifest: z.union([z.literal(true), z.object({ add: z.number().int(), modify: z.number().int(), remove: z.number().int(), sameVersionString: z.boolean() }).partial()]).optional(),
  revokeAuthorization: z.union([z.literal(true), z.string()]).optional(),
  addVaultItem: z.object({ itemHash: z.number().int().min(1).max(0xffffffff) }).optional(),
  removeItem: z.string().regex(/^\d+$/).optional(),
  arrive: z.object({ characterId: z.string().regex(/^\d+$/), bucketHash: z.number().int().refine((b) => ARRIVAL_BUCKETS.includes(b), 'engrams, consumables or a weapon or armour bucket'), count: z.number().int().min(1).max(50) }).optional(),
  vaultCapacity: z.number().int().min(0).max(VAULT_CAPACITY).nullable().optional(),
  approveAs: z.string().regex(/^\d{1,20}$/).nullable().optional(),
  secondProfile: z.boolean().optional(),
});

/** A parsed control patch. */
export type ControlPatch = z.infer<typeof controlPatchSchema>;

/** Applies a control patch; answers what changed when it is not obvious (new manifest, revocations). */
export function applyControlPatch(controls: SimControls, patch: ControlPatch): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (patch.latencyMs !== undefined) controls.setLatency(patch.latencyMs);
  if (patch.throttle !== undefined) {
    if (typeof patch.throttle === 'boolean') controls.setThrottled(patch.throttle);
    else controls.setThrottled(patch.throttle.enabled, patch.throttle);
  }
  if (patch.maintenance !== undefined) controls.setMaintenance(patch.maintenance);
  if (patch.failNext !== undefined) controls.failNext(patch.failNext);
  if (patch.outage !== undefined) controls.setOutage(patch.outage);
  if (patch.itemActionThrottle !== undefined) controls.setItemActionThrottle(patch.itemActionThrottle);
  if (patch.tokenLifetimes) controls.setTokenLifetimes(patch.tokenLifetimes);
  if (patch.now !== undefined) controls.setNow(patch.now);
  if (patch.advanceSeconds !== undefined) controls.advance(patch.advanceSeconds);
  if (patch.characterLocation) controls.setCharacterLocation(patch.characterLocation.characterId, patch.characterLocation.location);
  if (patch.publishManifest) out.manifest = controls.publishManifest(patch.publishManifest === true ? {} : patch.publishManifest);
  if (patch.addVaultItem) out.added = { itemInstanceId: controls.addVaultItem(patch.addVaultItem.itemHash) };
  if (patch.approveAs !== undefined) controls.approveAs(patch.approveAs);
  if (patch.secondProfile !== undefined) controls.setSecondProfile(patch.secondProfile);
  if (patch.removeItem) out.removed = controls.removeItem(patch.removeItem);
  if (patch.arrive) out.arrived = controls.arrive(patch.arrive);
  if (patch.vaultCapacity !== undefined) controls.setVaultCapacity(patch.vaultCapacity);
  if (patch.revokeAuthorization) out.revoked = controls.revokeAuthorization(patch.revokeAuthorization === true ? undefined : patch.revokeAuthorization);
  return out;
}
