import fc from 'fast-check';
import * as annotationRoute from '@/app/api/annotations/[instanceId]/route';
import * as annotationsBulkRoute from '@/app/api/annotations/bulk/route';
import * as annotationsRoute from '@/app/api/annotations/route';
import * as authRoute from '@/app/api/auth/[...nextauth]/route';
import * as exportItemsRoute from '@/app/api/export/items/route';
import * as equipRoute from '@/app/api/items/equip/route';
import * as factsRoute from '@/app/api/items/facts/route';
import * as lockRoute from '@/app/api/items/lock/route';
import * as pullRoute from '@/app/api/items/pull/route';
import * as transferRoute from '@/app/api/items/transfer/route';
import * as refreshRoute from '@/app/api/manifest/refresh/route';
import * as revalidateRoute from '@/app/api/manifest/revalidate/route';
import * as statusRoute from '@/app/api/manifest/status/route';
import * as loadoutApplyRoute from '@/app/api/loadouts/[id]/apply/route';
import * as loadoutRoute from '@/app/api/loadouts/[id]/route';
import * as loadoutsRoute from '@/app/api/loadouts/route';
import * as profileRoute from '@/app/api/profile/route';
import * as farmingRoute from '@/app/api/characters/[characterId]/farming/route';
import * as inventoryRoute from '@/app/api/inventory/route';
import * as maxPowerRoute from '@/app/api/characters/[characterId]/max-power/route';
import * as collectRoute from '@/app/api/postmaster/collect/route';
import * as settingsRoute from '@/app/api/settings/route';
import * as membershipsRoute from '@/app/api/memberships/route';
import * as digestRoute from '@/app/api/xur/digest/route';
import type { BungieSim } from '@/dev/bungie-sim';
import type { RouteModule } from '@/tests/support/hostile';

/**
 * Every API route, one line each, for the fuzz run and the hostile-request table. Adding a route:
 * import its module and add a line — `route` is "METHOD /path" as the file serves it (dynamic
 * segments in brackets, filled from `params`), `auth` says who may call it, and a JSON route gives
 * `body`: a generator of bodies with its keys and plausible values (real ids from the simulator's
 * world now and then, so some pass the schema and reach the action).
 */
export type RouteEntry = {
  route: string;
  module: RouteModule;
  /** `player`: a session cookie and the app's Origin; `admin`: the same, for an admin; `qstash`: a signature; `public`: nobody. */
  auth: 'player' | 'admin' | 'qstash' | 'public';
  /** JSON routes only. */
  body?: (world: WorldIds) => fc.Arbitrary<Record<string, unknown>>;
  /** Values for the route's dynamic segments, e.g. `{ id: '…' }`. */
  params?: Record<string, string>;
};

/** Real ids from the simulator's world, so generated bodies sometimes name the player's own things. */
export type WorldIds = { items: Array<{ itemId: string; itemHash: number; owner: string }>; characterIds: string[] };

export function worldIds(sim: BungieSim): WorldIds {
  const items = sim.world.items.filter((i) => i.itemInstanceId).map((i) => ({ itemId: i.itemInstanceId!, itemHash: i.itemHash, owner: i.owner }));
  return { items, characterIds: sim.world.characters.map((c) => c.characterId) };
}

const digits = fc.stringMatching(/^\d{1,20}$/);
const hash = fc.oneof(fc.integer({ min: 0, max: 0xffffffff }), fc.integer(), fc.double());
/** An item reference: rarely one the player owns, usually not. */
const itemRef = (w: WorldIds) => fc.oneof({ weight: 1, arbitrary: fc.constantFrom(...w.items).map(({ itemId, itemHash }) => ({ itemId, itemHash })) }, { weight: 9, arbitrary: fc.record({ itemId: digits, itemHash: hash }) });
const character = (w: WorldIds) => fc.oneof(fc.constantFrom(...w.characterIds), digits);
const place = (w: WorldIds) => fc.oneof(fc.constant('vault'), character(w));
const quantity = fc.option(fc.oneof(fc.integer({ min: 1, max: 9999 }), fc.integer()), { nil: undefined });
const loadoutName = fc.oneof(fc.string({ maxLength: 50 }), fc.constantFrom('', ' ', 'PvP', 'a'.repeat(41)), fc.jsonValue({ maxDepth: 1 }));
const tag = fc.oneof(fc.constantFrom('favorite', 'keep', 'junk', 'infuse', 'archive', null), fc.jsonValue({ maxDepth: 1 }));
const notes = fc.oneof(fc.string({ maxLength: 520 }), fc.constantFrom('', '=1+1', 'x'.repeat(501)), fc.constant(null), fc.jsonValue({ maxDepth: 1 }));
const withoutUndefined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

export const ROUTES: RouteEntry[] = [
  { route: 'POST /api/items/transfer', module: transferRoute, auth: 'player', body: (w) => fc.tuple(itemRef(w), place(w), place(w), quantity).map(([i, from, to, q]) => withoutUndefined({ ...i, from, to, quantity: q })) },
  { route: 'POST /api/items/equip', module: equipRoute, auth: 'player', body: (w) => fc.record({ characterId: character(w), items: fc.array(itemRef(w), { maxLength: 14 }) }) },
  { route: 'POST /api/items/lock', module: lockRoute, auth: 'player', body: (w) => fc.tuple(itemRef(w), fc.boolean()).map(([i, locked]) => ({ ...i, locked })) },
  { route: 'POST /api/items/pull', module: pullRoute, auth: 'player', body: (w) => fc.tuple(itemRef(w), character(w), quantity).map(([i, characterId, q]) => withoutUndefined({ ...i, characterId, quantity: q })) },
  { route: 'POST /api/manifest/revalidate', module: revalidateRoute, auth: 'admin', body: () => fc.oneof(fc.constant({}), fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 })) },
  { route: 'GET /api/profile', module: profileRoute, auth: 'player' },
  { route: 'GET /api/inventory', module: inventoryRoute, auth: 'player' },
  { route: 'GET /api/items/facts', module: factsRoute, auth: 'player' },
  { route: 'GET /api/manifest/status', module: statusRoute, auth: 'public' },
  { route: 'POST /api/manifest/refresh', module: refreshRoute, auth: 'qstash', body: () => fc.record({ trigger: fc.oneof(fc.constantFrom('schedule', 'admin'), fc.jsonValue()) }) },
  { route: 'POST /api/xur/digest', module: digestRoute, auth: 'qstash', body: () => fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 }) },
  { route: 'GET /api/loadouts', module: loadoutsRoute, auth: 'player' },
  { route: 'POST /api/loadouts', module: loadoutsRoute, auth: 'player', body: (w) => fc.record({ name: loadoutName, characterId: character(w) }) },
  { route: 'PATCH /api/loadouts/[id]', module: loadoutRoute, auth: 'player', params: { id: 'cm0000000000000000000000' }, body: () => fc.record({ name: loadoutName }) },
  { route: 'DELETE /api/loadouts/[id]', module: loadoutRoute, auth: 'player', params: { id: 'cm0000000000000000000000' } },
  { route: 'POST /api/loadouts/[id]/apply', module: loadoutApplyRoute, auth: 'player', params: { id: 'cm0000000000000000000000' }, body: (w) => fc.record({ characterId: character(w) }) },
  { route: 'GET /api/annotations', module: annotationsRoute, auth: 'player' },
  { route: 'PATCH /api/annotations/[instanceId]', module: annotationRoute, auth: 'player', params: { instanceId: '6917529000000000001' }, body: () => fc.record({ tag, notes }, { requiredKeys: [] }) },
  { route: 'DELETE /api/annotations/[instanceId]', module: annotationRoute, auth: 'player', params: { instanceId: '6917529000000000001' } },
  { route: 'POST /api/annotations/bulk', module: annotationsBulkRoute, auth: 'player', body: (w) => fc.record({ instanceIds: fc.array(fc.oneof(fc.constantFrom(...w.items.map((i) => i.itemId)), digits, fc.string({ maxLength: 4 })), { maxLength: 20 }), tag }) },
  { route: 'GET /api/export/items', module: exportItemsRoute, auth: 'player' },
  { route: 'POST /api/postmaster/collect', module: collectRoute, auth: 'player', body: (w) => fc.record({ characterId: character(w), keep: fc.option(fc.array(digits, { maxLength: 4 }), { nil: undefined }) }).map(withoutUndefined) },
  { route: 'GET /api/characters/[characterId]/max-power', module: maxPowerRoute, auth: 'player', params: { characterId: '2305843009000000001' } },
  { route: 'POST /api/characters/[characterId]/max-power', module: maxPowerRoute, auth: 'player', params: { characterId: '2305843009000000001' } },
  { route: 'POST /api/characters/[characterId]/farming', module: farmingRoute, auth: 'player', params: { characterId: '2305843009000000001' }, body: () => fc.record({ consumables: fc.oneof(fc.boolean(), fc.jsonValue({ maxDepth: 0 })) }, { requiredKeys: [] }) },
  { route: 'GET /api/settings', module: settingsRoute, auth: 'player' },
  { route: 'PUT /api/settings', module: settingsRoute, auth: 'player', body: () => fc.record({ autoMakeRoom: fc.oneof(fc.boolean(), fc.jsonValue({ maxDepth: 0 })) }, { requiredKeys: [] }) },
  { route: 'GET /api/memberships', module: membershipsRoute, auth: 'player' },
  { route: 'PUT /api/memberships', module: membershipsRoute, auth: 'player', body: () => fc.record({ membershipId: fc.oneof(digits, fc.jsonValue({ maxDepth: 0 })) }, { requiredKeys: [] }) },
  { route: 'GET /api/auth/[...nextauth]', module: authRoute, auth: 'public', params: { nextauth: 'session' } },
  { route: 'POST /api/auth/[...nextauth]', module: authRoute, auth: 'public', params: { nextauth: 'signout' } },
];

/** The method and the request path of an entry (dynamic segments filled from its params). */
export function methodAndPath(entry: RouteEntry): { method: string; path: string } {
  const [method, pattern] = entry.route.split(' ') as [string, string];
  const path = pattern.replace(/\[(?:\.\.\.)?(\w+)\]/g, (_m, name: string) => {
    const value = entry.params?.[name];
    if (value === undefined) throw new Error(`${entry.route}: no value for [${name}] in params.`);
    return value;
  });
  return { method, path };
}

/** Route-module params as Next hands them (a catch-all segment is an array of parts). */
export function paramsOf(entry: RouteEntry): Record<string, string | string[]> {
  const catchAll = [...entry.route.matchAll(/\[\.\.\.(\w+)\]/g)].map((m) => m[1]!);
  return Object.fromEntries(Object.entries(entry.params ?? {}).map(([k, v]) => [k, catchAll.includes(k) ? v.split('/') : v]));
}
