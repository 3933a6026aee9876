import type { RequestHandler } from 'msw';
import { checkAccessToken, exchangeCode, issueCode, type TokenAnswer } from './auth';
import { createControls, type SimControls } from './controls';
import { createCore, type BungieSimOptions, type SimStats } from './core';
import { actionHandlers } from './handlers/action-handlers';
import { adminHandlers } from './handlers/admin-handlers';
import { contentHandlers } from './handlers/content-handlers';
import { destinyHandlers } from './handlers/destiny-handlers';
import { oauthHandlers } from './handlers/oauth-handlers';
import type { ManifestData } from './manifest/generate-manifest';
import type { Persistable } from './persist';
import type { World } from './world/world';

export type { BungieSimOptions, SimStats } from './core';
export type { SimControls, ControlPatch } from './controls';
export type { World, SimItem, SimCharacter, CharacterLocation } from './world/world';
export type { TokenAnswer } from './auth';
export { generateManifest, publishNextManifest, manifestResponse, type ManifestData } from './manifest/generate-manifest';
export { buildManifestDatabase, buildManifestZip, loadSqlJs, toSignedId } from './manifest/sqlite';
export { loadReplay, type ReplayData, type ReplayPaths } from './replay';

/** A running simulator: msw handlers over one stateful, seeded world. */
export type BungieSim = {
  /** Bungie's endpoints (any origin), for msw's setupServer or `getResponse`. */
  handlers: RequestHandler[];
  /** `/__sim/*` control endpoints; the HTTP server serves them next to `handlers`. */
  adminHandlers: RequestHandler[];
  /** The live world (characters, items); replaced by `controls.reset()`. */
  readonly world: World;
  controls: SimControls;
  /** Live call counts (replaced by `controls.reset()`). */
  readonly stats: SimStats;
  /** The current manifest version. */
  readonly manifest: ManifestData;
  /** The credentials the simulator accepts (API key: any non-empty one unless set). */
  credentials: { apiKey: string; clientId: string; clientSecret: string; redirectUrl: string };
  /** The zipped SQLite manifest of the current version, built once. */
  manifestZip(): Promise<Uint8Array>;
  /** Signs the player in without the browser dance: a fresh token answer, counted as a code grant. */
  issueTokens(): TokenAnswer;
  /** Bungie.net membership id behind an access token, or undefined when Bungie would refuse it. */
  whoIs(accessToken: string): string | undefined;
  /** The world and the OAuth state, live: what a demo keeps across restarts (persist.ts). */
  readonly persistent: Persistable;
};

/**
 * Creates a fresh simulator. Tests make their own; the demo serves one over HTTP.
 * Everything is deterministic for `options.seed` except the clock (fix it with `now`).
 */
export function createBungieSim(options: BungieSimOptions = {}): BungieSim {
  const core = createCore(options);
  const controls = createControls(core);
  const handlers = [...oauthHandlers(core), ...destinyHandlers(core), ...actionHandlers(core), ...contentHandlers(core)];
  return {
    handlers,
    adminHandlers: adminHandlers(core, controls),
    get world() {
      return core.state.world;
    },
    controls,
    get stats() {
      return core.state.stats;
    },
    get manifest() {
      return core.state.manifest;
    },
    credentials: { apiKey: options.apiKey ?? 'vault-raider-demo-key', clientId: core.options.clientId, clientSecret: core.options.clientSecret, redirectUrl: core.options.redirectUrl },
    manifestZip: () => core.zipFor(core.state.manifest.contentId) as Promise<Uint8Array>,
    issueTokens() {
      const now = core.now().getTime();
      const life = core.state.controls.lifetimes;
      const code = issueCode(core.state.auth, core.state.world.player.bungieMembershipId, now, life);
      const answer = exchangeCode(core.state.auth, code, now, life);
      if ('error' in answer) throw new Error(answer.error_description);
      core.state.stats.tokenGrants.authorization_code++;
      return answer;
    },
    persistent: {
      get world() {
        return core.state.world;
      },
      set world(world) {
        core.state.world = world;
      },
      get auth() {
        return core.state.auth;
      },
    },
    whoIs(accessToken) {
      const checked = checkAccessToken(core.state.auth, accessToken, core.now().getTime());
      return 'membershipId' in checked ? checked.membershipId : undefined;
    },
  };
}
