import { beforeAll, describe, expect, it, vi } from 'vitest';
import * as itemRoute from '@/app/api/items/[instanceId]/route';
import * as factsRoute from '@/app/api/items/facts/route';
import * as lockRoute from '@/app/api/items/lock/route';
import * as loadoutsRoute from '@/app/api/loadouts/route';
import * as revalidateRoute from '@/app/api/manifest/revalidate/route';
import * as profileRoute from '@/app/api/profile/route';
import { resetConfigForTests } from '@/lib/config';
import { getPrisma } from '@/lib/db/client';
import { ERROR_TABLE } from '@/lib/http/error-table';
import { forgetKnownItems } from '@/lib/inventory/known-items';
import { APP_ORIGIN, jsonPost, signInPlayer, withAppStack, type TestPlayer } from '@/tests/support/app-harness';

// An ended Bungie session (the player removed the app on Bungie.net) is ONE answer on every route:
// 401, `session_ended`, the table's sentence — whether Bungie refuses the token during this request
// or the account was already marked as needing a new sign-in. (It was `signed_out` with three other
// sentences on /api/profile and the admin route, `session_ended` on /api/items/*.)
const stack = withAppStack({ ingestManifest: true });
const ENDED = { status: 401, code: 'session_ended', message: ERROR_TABLE.session_ended.message };

beforeAll(() => {
  vi.stubEnv('ADMIN_MEMBERSHIP_IDS', stack.sim.world.player.bungieMembershipId);
  resetConfigForTests();
});

async function answer(response: Response) {
  const body = (await response.json()) as { error?: { code: string; message: string } };
  expect(response.headers.get('cache-control')).toBe('no-store');
  return { status: response.status, code: body.error?.code, message: body.error?.message };
}

const anItem = () => stack.sim.world.items.find((i) => i.owner === 'vault' && i.itemInstanceId)!;
const profile = (p: TestPlayer) => profileRoute.GET(new Request(`${APP_ORIGIN}/api/profile`, { headers: { cookie: p.cookie } }));
const detail = (p: TestPlayer, id: string) => itemRoute.GET(new Request(`${APP_ORIGIN}/api/items/${id}`, { headers: { cookie: p.cookie } }), { params: Promise.resolve({ instanceId: id }) });

/** A signed-in player who then removes the app on Bungie.net: every token of that sign-in is refused. */
async function playerWhoseSessionEnds(): Promise<TestPlayer> {
  // One Bungie account signs in once per database: the previous test's player goes first.
  await (await getPrisma()).user.deleteMany({});
  const player = await signInPlayer(stack.sim);
  stack.sim.controls.revokeAuthorization();
  forgetKnownItems();
  return player;
}

describe('an ended Bungie session', () => {
  it('found while loading the vault (/api/profile) answers as the item detail does', async () => {
    const first = await playerWhoseSessionEnds();
    expect(await answer(await profile(first))).toEqual(ENDED);
    const second = await playerWhoseSessionEnds();
    expect(await answer(await detail(second, anItem().itemInstanceId!))).toEqual(ENDED);
  });

  it('once marked on the account, is the same answer on every route that needs Bungie', async () => {
    const player = await playerWhoseSessionEnds();
    // The first call finds out (the refresh is refused) and marks the account.
    expect(await answer(await profile(player))).toEqual(ENDED);
    const item = anItem();
    const answers = await Promise.all([
      profile(player),
      detail(player, item.itemInstanceId!),
      factsRoute.GET(new Request(`${APP_ORIGIN}/api/items/facts`, { headers: { cookie: player.cookie } })),
      lockRoute.POST(jsonPost('/api/items/lock', { itemId: item.itemInstanceId, itemHash: item.itemHash, locked: true }, { cookie: player.cookie })),
      loadoutsRoute.POST(jsonPost('/api/loadouts', { name: 'PvP', characterId: stack.sim.world.characters[0]!.characterId }, { cookie: player.cookie })),
      revalidateRoute.POST(jsonPost('/api/manifest/revalidate', {}, { cookie: player.cookie })),
    ]);
    for (const response of answers) expect(await answer(response)).toEqual(ENDED);
  });

  it('still lists saved loadouts: listing needs no Bungie call', async () => {
    const player = await playerWhoseSessionEnds();
    expect(await answer(await profile(player))).toEqual(ENDED);
    const list = await loadoutsRoute.GET(new Request(`${APP_ORIGIN}/api/loadouts`, { headers: { cookie: player.cookie } }));
    expect(list.status).toBe(200);
    expect(await list.json()).toEqual({ loadouts: [] });
  });
});
