import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { resetConfigForTests } from '@/lib/config';
import { getDestinyManifest, getItem, getProfile, getPublicVendors, getVendors } from '@/lib/bungie/destiny2';
import { ErrorCode } from '@/lib/bungie/error-codes';
import { BungieError, BungieUnavailableError } from '@/lib/bungie/errors';
import { equipItem, equipItems, pullFromPostmaster, setLockState, transferItem } from '@/lib/bungie/item-actions';
import { Codes } from '@/dev/bungie-sim/codes';

const ORIGIN = 'https://www.bungie.net';
const membership = { membershipType: 3, membershipId: '4611686018467000001' };
type Seen = { method: string; path: string; components: string | null; apiKey: string | null; auth: string | null; body: unknown };

const ok = (Response: unknown) => HttpResponse.json({ Response, ErrorCode: 1, ThrottleSeconds: 0, ErrorStatus: 'Success', Message: 'Ok', MessageData: {} });

describe('the Bungie API module', () => {
  const server = setupServer();
  const seen: Seen[] = [];
  let answer: () => Response = () => ok({});
  beforeAll(() => {
    vi.stubEnv('BUNGIE_API_KEY', 'test-key');
    vi.stubEnv('BUNGIE_CLIENT_ID', '40000');
    vi.stubEnv('BUNGIE_CLIENT_SECRET', 'test-secret');
    vi.stubEnv('BUNGIE_SIMULATOR_URL', '');
    resetConfigForTests();
    server.listen({ onUnhandledRequest: 'error' });
    server.use(
      http.all(`${ORIGIN}/Platform/*`, async ({ request }) => {
        const url = new URL(request.url);
        const text = request.method === 'POST' ? await request.text() : '';
        seen.push({
          method: request.method,
          path: url.pathname,
          components: url.searchParams.get('components'),
          apiKey: request.headers.get('X-API-Key'),
          auth: request.headers.get('Authorization'),
          body: text ? JSON.parse(text) : undefined,
        });
        return answer();
      }),
    );
  });
  afterEach(() => {
    seen.length = 0;
    answer = () => ok({});
  });
  afterAll(() => {
    server.close();
    vi.unstubAllEnvs();
    resetConfigForTests();
  });

  it('asks each read endpoint at its path, with its components, the API key and the token', async () => {
    await getProfile('tok', membership, [102, 200]);
    await getItem('tok', membership, '6917529000000000001', [300, 304]);
    await getVendors('tok', membership, '2305843009300000001', [400, 402]);
    await getPublicVendors([400, 402]);
    await getDestinyManifest();
    expect(seen.map((s) => [s.method, s.path, s.components, s.auth])).toEqual([
      ['GET', '/Platform/Destiny2/3/Profile/4611686018467000001/', '102,200', 'Bearer tok'],
      ['GET', '/Platform/Destiny2/3/Profile/4611686018467000001/Item/6917529000000000001/', '300,304', 'Bearer tok'],
      ['GET', '/Platform/Destiny2/3/Profile/4611686018467000001/Character/2305843009300000001/Vendors/', '400,402', 'Bearer tok'],
      // The public preview and the manifest are asked without a player's token.
      ['GET', '/Platform/Destiny2/Vendors/', '400,402', null],
      ['GET', '/Platform/Destiny2/Manifest/', null, null],
    ]);
    expect(seen.every((s) => s.apiKey === 'test-key')).toBe(true);
  });

  it('posts each item action at its path with its typed JSON body', async () => {
    const where = { characterId: '2305843009300000001', membershipType: 3 };
    await transferItem('tok', { itemReferenceHash: 1234, stackSize: 1, transferToVault: true, itemId: '69', ...where });
    await equipItem('tok', { itemId: '69', ...where });
    await equipItems('tok', { itemIds: ['69', '70'], ...where });
    await setLockState('tok', { state: true, itemId: '69', ...where });
    await pullFromPostmaster('tok', { itemReferenceHash: 1234, stackSize: 2, itemId: '0', ...where });
    expect(seen.map((s) => [s.method, s.path, s.auth])).toEqual(
      ['TransferItem', 'EquipItem', 'EquipItems', 'SetLockState', 'PullFromPostmaster'].map((a) => ['POST', `/Platform/Destiny2/Actions/Items/${a}/`, 'Bearer tok']),
    );
    expect(seen[0]!.body).toEqual({ itemReferenceHash: 1234, stackSize: 1, transferToVault: true, itemId: '69', characterId: '2305843009300000001', membershipType: 3 });
    expect(seen[2]!.body).toEqual({ itemIds: ['69', '70'], characterId: '2305843009300000001', membershipType: 3 });
    expect(seen[3]!.body).toMatchObject({ state: true });
  });

  it('returns the envelope’s Response on success', async () => {
    answer = () => ok({ equipResults: [{ itemInstanceId: '69', equipStatus: 1 }] });
    expect(await equipItems('tok', { itemIds: ['69'], characterId: '1', membershipType: 3 })).toEqual({ equipResults: [{ itemInstanceId: '69', equipStatus: 1 }] });
  });

  it('throws BungieError with the code, the endpoint and ThrottleSeconds for a refusal', async () => {
    answer = () =>
      HttpResponse.json({ ErrorCode: ErrorCode.DestinyNoRoomInDestination, ThrottleSeconds: 0, ErrorStatus: 'DestinyNoRoomInDestination', Message: 'There are no item slots available to transfer this item.', MessageData: {} });
    const error = await transferItem('tok', { itemReferenceHash: 1, stackSize: 1, transferToVault: false, itemId: '69', characterId: '1', membershipType: 3 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BungieError);
    expect(error).toMatchObject({ code: 1642, endpoint: '/Destiny2/Actions/Items/TransferItem/', httpStatus: 200 });

    answer = () => HttpResponse.json({ ErrorCode: ErrorCode.PerEndpointRequestThrottleExceeded, ThrottleSeconds: 10, ErrorStatus: 'PerEndpointRequestThrottleExceeded', Message: 'Slow down', MessageData: {} });
    expect(await getDestinyManifest().catch((e: unknown) => e)).toMatchObject({ code: 51, throttleSeconds: 10, endpoint: '/Destiny2/Manifest/' });
  });

  it('throws BungieUnavailableError when the answer is not the envelope (an outage page)', async () => {
    answer = () => new HttpResponse('<html><body>Bungie.net is down</body></html>', { status: 503, headers: { 'Content-Type': 'text/html' } });
    const error = await getProfile('tok', membership, [100]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BungieUnavailableError);
    expect(error).toMatchObject({ httpStatus: 503, endpoint: '/Destiny2/3/Profile/4611686018467000001/' });
  });

  it('shares one code table with the simulator, whose refusals the app explains by the same numbers', () => {
    expect(Codes).toBe(ErrorCode);
    expect([ErrorCode.DestinyCharacterNotInTower, ErrorCode.DestinyItemActionForbidden, ErrorCode.AccessTokenHasExpired]).toEqual([1634, 1663, 2111]);
  });
});
