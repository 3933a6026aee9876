import { createAuthState, DEFAULT_LIFETIMES, type AuthState, type Lifetimes } from './auth';
import type { CodeName } from './codes';
import { generateManifest, mergeDefinitions, type ManifestData } from './manifest/generate-manifest';
import type { SimItemDefinition } from './manifest/item-generator';
import { buildManifestZip } from './manifest/sqlite';
import type { ReplayData } from './replay';
import { importProfile } from './world/import-profile';
import { addSecondProfile } from './world/second-profile';
import { generateWorld, type World } from './world/world';

/** Options of `createBungieSim`. */
export type BungieSimOptions = {
  /** Seed of the world, manifest and tokens (default 1). */
  seed?: number;
  /** Where the Approve button sends the browser (the app's OAuth callback). */
  redirectUrl?: string;
  /** Accepted X-API-Key; unset = any non-empty key (the demo's default). */
  apiKey?: string;
  /** OAuth client id and secret the token endpoint accepts (default the demo's 40000). */
  clientId?: string;
  clientSecret?: string;
  /** Number of item definitions in the manifest (default 3,500). */
  itemCount?: number;
  /** Number of items in the vault (default 450; the General bucket holds 1,300). */
  vaultItems?: number;
  /** Fill every character's equippable buckets to capacity (default false). */
  fullCharacters?: boolean;
  /** Give the player a second, cross-saved membership (default true). */
  crossSave?: boolean;
  /** Cross-save off and a second Destiny profile (PlayStation) with its own characters and vault (default false). */
  secondProfile?: boolean;
  /** Fixed clock (default: the real clock). */
  now?: Date | string | number;
  /** Recorded data served instead of (or merged into) the generated world. */
  replay?: ReplayData;
};

/** Switch values; see `controls.ts` for how to change them. */
export type ControlState = {
  latencyMs: number;
  throttle: { enabled: boolean; code: CodeName; seconds: number; status: number };
  maintenance: boolean;
  failNext: number;
  outage: boolean;
  itemActionThrottle: boolean;
  lifetimes: Lifetimes;
  /** Fixed clock in ms since the epoch, or null for the real clock. */
  now: number | null;
  /** Bungie.net membership id the OAuth page approves as; null: the world's player. */
  approveAs: string | null;
};

/** Call counts; tests assert on them (e.g. "exactly one refresh happened"). */
export type SimStats = {
  /** Every request the simulator answered. */
  total: number;
  /** By endpoint name, e.g. GetProfile, TransferItem, OAuthToken, Authorize, ManifestContent. */
  byEndpoint: Record<string, number>;
  /** Successful token grants by grant type. */
  tokenGrants: { authorization_code: number; refresh_token: number };
  /** Successful refreshes (same as tokenGrants.refresh_token). */
  refreshes: number;
  /** Refused token requests. */
  refusedGrants: number;
  /** Platform answers by ErrorStatus, e.g. { Success: 10, DestinyItemNotFound: 1 }. */
  errorStatus: Record<string, number>;
  /**
   * The last `SIM_TIMELINE_LENGTH` `/Platform` calls in arrival order: when each arrived and was
   * answered (ms since the epoch, the machine's clock), so tests can see how calls were spaced.
   */
  timeline: SimCall[];
};

/** One `/Platform` call as the simulator saw it. */
export type SimCall = { endpoint: string; arrivedAt: number; answeredAt?: number };

/** How many calls `SimStats.timeline` keeps. */
export const SIM_TIMELINE_LENGTH = 1_000;

/** The mutable heart of one simulator; handlers read it through `core.state`. */
export type SimState = {
  world: World;
  auth: AuthState;
  controls: ControlState;
  stats: SimStats;
  manifest: ManifestData;
  /** Every published version by contentId, so old content paths stay downloadable. */
  versions: Map<string, ManifestData>;
  zips: Map<string, Promise<Uint8Array>>;
};

/** Resolved options plus the state; `reset()` swaps the state for a fresh one. */
export type SimCore = {
  options: Required<Pick<BungieSimOptions, 'seed' | 'redirectUrl' | 'clientId' | 'clientSecret'>> & BungieSimOptions;
  state: SimState;
  now(): Date;
  reset(): void;
  /** The manifest zip for a content id, built once per version. */
  zipFor(contentId: string): Promise<Uint8Array> | undefined;
  itemDefinitions(): SimItemDefinition[];
};

/** What a world is generated from: the manifest's item definitions that have an inventory block, and its perk hashes. */
export function worldInputs(manifest: ManifestData): { items: SimItemDefinition[]; perks: number[] } {
  const items = [...(manifest.tables.get('DestinyInventoryItemDefinition')?.values() ?? [])] as SimItemDefinition[];
  return { items: items.filter((d) => d.inventory && d.hash), perks: [...(manifest.tables.get('DestinySandboxPerkDefinition')?.keys() ?? [])] };
}

function freshState(options: SimCore['options']): SimState {
  let manifest = generateManifest({ itemCount: options.itemCount, seed: options.seed });
  if (options.replay?.definitions) manifest = mergeDefinitions(manifest, options.replay.definitions);
  const { items, perks } = worldInputs(manifest);
  const fixed = options.now === undefined ? null : new Date(options.now).getTime();
  const generated = generateWorld(items, perks, { seed: options.seed, vaultItems: options.vaultItems, fullCharacters: options.fullCharacters, crossSave: options.crossSave });
  if (options.secondProfile && !options.replay?.profile) addSecondProfile(generated, items, perks, options.seed);
  const itemTable = manifest.tables.get('DestinyInventoryItemDefinition');
  return {
    // A replayed profile becomes the world: its player, characters and items, moved by item actions.
    world: options.replay?.profile ? importProfile(options.replay.profile, generated, (hash) => itemTable?.get(hash) as SimItemDefinition | undefined) : generated,
    auth: createAuthState(options.seed),
    controls: {
      latencyMs: 0,
      throttle: { enabled: false, code: 'ThrottleLimitExceededMomentarily', seconds: 10, status: 429 },
      maintenance: false, failNext: 0, outage: false, itemActionThrottle: false,
      lifetimes: { ...DEFAULT_LIFETIMES }, now: fixed, approveAs: null,
    },
    stats: { total: 0, byEndpoint: {}, tokenGrants: { authorization_code: 0, refresh_token: 0 }, refreshes: 0, refusedGrants: 0, errorStatus: {}, timeline: [] },
    manifest,
    versions: new Map([[manifest.contentId, manifest]]),
    zips: new Map(),
  };
}

/** Builds the simulator core from options. */
export function createCore(input: BungieSimOptions = {}): SimCore {
  const options: SimCore['options'] = {
    ...input,
    seed: input.seed ?? 1,
    redirectUrl: input.redirectUrl ?? 'http://localhost:3000/api/auth/callback/bungie',
    clientId: input.clientId ?? '40000',
    clientSecret: input.clientSecret ?? 'vault-raider-demo-secret',
  };
  const core: SimCore = {
    options,
    state: freshState(options),
    now: () => new Date(core.state.controls.now ?? Date.now()),
    reset() {
      core.state = freshState(options);
    },
    zipFor(contentId) {
      const data = core.state.versions.get(contentId);
      if (!data) return undefined;
      let zip = core.state.zips.get(contentId);
      if (!zip) {
        zip = buildManifestZip(data);
        core.state.zips.set(contentId, zip);
        // Keep the two newest zips: a full-size one is tens of MB.
        for (const key of [...core.state.zips.keys()].slice(0, -2)) core.state.zips.delete(key);
      }
      return zip;
    },
    itemDefinitions: () => [...(core.state.manifest.tables.get('DestinyInventoryItemDefinition')?.values() ?? [])] as SimItemDefinition[],
  };
  return core;
}
