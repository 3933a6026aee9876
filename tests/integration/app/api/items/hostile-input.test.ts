import { beforeAll, describe, expect, it } from 'vitest';
import { POST as equip } from '@/app/api/items/equip/route';
import { POST as lock } from '@/app/api/items/lock/route';
import { POST as pull } from '@/app/api/items/pull/route';
import { POST as transfer } from '@/app/api/items/transfer/route';
import { APP_ORIGIN, jsonPost, signInPlayer, withAppStack, type TestPlayer } from '@/tests/support/app-harness';

// Bad input gets a 4xx and a sentence, and never reaches Bungie's action endpoints.
const stack = withAppStack();
let player: TestPlayer;
beforeAll(async () => {
  player = await signInPlayer(stack.sim);
});

const ACTIONS = ['TransferItem', 'EquipItem', 'EquipItems', 'SetLockState', 'PullFromPostmaster'];
const actionCalls = () => ACTIONS.reduce((n, a) => n + (stack.sim.stats.byEndpoint[a] ?? 0), 0);
const vaultItem = () => stack.sim.world.items.find((i) => i.owner === 'vault' && i.itemInstanceId)!;
const character = () => stack.sim.world.characters[0]!.characterId;

async function expectError(response: Response, status: number, code: string) {
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(response.status).toBe(status);
  expect(body.error.code).toBe(code);
  expect(body.error.message).toMatch(/^[A-Z].+\.$/);
  expect(JSON.stringify(body)).not.toMatch(/at .+\.ts:\d+|stack/i);
}

describe('hostile input to the item routes', () => {
  it('a forged or foreign item id: 404, and no action reaches Bungie', async () => {
    const calls = actionCalls();
    const item = vaultItem();
    await expectError(await transfer(jsonPost('/api/items/transfer', { itemId: '4611686018999999999', itemHash: item.itemHash, from: 'vault', to: character() }, { cookie: player.cookie })), 404, 'unknown_item');
    await expectError(await lock(jsonPost('/api/items/lock', { itemId: item.itemInstanceId, itemHash: item.itemHash + 1, locked: true }, { cookie: player.cookie })), 404, 'unknown_item');
    await expectError(await equip(jsonPost('/api/items/equip', { characterId: character(), items: [{ itemId: '123', itemHash: 1 }] }, { cookie: player.cookie })), 404, 'unknown_item');
    await expectError(await pull(jsonPost('/api/items/pull', { itemId: item.itemInstanceId, itemHash: item.itemHash, characterId: '2305843009000000001' }, { cookie: player.cookie })), 404, 'unknown_character');
    await expectError(await transfer(jsonPost('/api/items/transfer', { itemId: item.itemInstanceId, itemHash: item.itemHash, from: 'vault', to: '2305843009000000001' }, { cookie: player.cookie })), 404, 'unknown_character');
    expect(actionCalls()).toBe(calls);
  });

  it('signed out or with a forged session cookie: 401', async () => {
    const body = { itemId: '1', itemHash: 1, locked: true };
    await expectError(await lock(jsonPost('/api/items/lock', body)), 401, 'signed_out');
    await expectError(await lock(jsonPost('/api/items/lock', body, { cookie: 'authjs.session-token=forged-token' })), 401, 'signed_out');
  });

  it('from another site: 403 (Origin or Sec-Fetch-Site)', async () => {
    const body = { itemId: '1', itemHash: 1, locked: true };
    await expectError(await lock(jsonPost('/api/items/lock', body, { cookie: player.cookie, origin: 'https://evil.example' })), 403, 'cross_site');
    await expectError(await lock(jsonPost('/api/items/lock', body, { cookie: player.cookie, origin: null, headers: { 'sec-fetch-site': 'cross-site' } })), 403, 'cross_site');
  });

  it.each([
    ['malformed JSON', '{"itemId": ', {}, 400, 'malformed_json'],
    ['wrong types', { itemId: 42, itemHash: '1', locked: 'yes' }, {}, 400, 'invalid_body'],
    ['an unknown field', { itemId: '1', itemHash: 1, locked: true, membershipType: 3 }, {}, 400, 'invalid_body'],
    ['a negative hash', { itemId: '1', itemHash: -5, locked: true }, {}, 400, 'invalid_body'],
    ['not JSON', 'itemId=1', { 'content-type': 'application/x-www-form-urlencoded' }, 415, 'unsupported_media_type'],
    ['a body over 1 MB', JSON.stringify({ itemId: '1', itemHash: 1, locked: true, pad: 'x'.repeat(1_100_000) }), {}, 413, 'body_too_large'],
  ] as const)('%s: %i', async (_name, body, headers, status, code) => {
    await expectError(await lock(jsonPost('/api/items/lock', body, { cookie: player.cookie, headers })), status, code);
  });

  it('an empty equip list and a move to where the item already is: 400', async () => {
    const item = vaultItem();
    await expectError(await equip(jsonPost('/api/items/equip', { characterId: character(), items: [] }, { cookie: player.cookie })), 400, 'invalid_body');
    await expectError(await transfer(jsonPost('/api/items/transfer', { itemId: item.itemInstanceId, itemHash: item.itemHash, from: 'vault', to: 'vault' }, { cookie: player.cookie })), 400, 'same_place');
  });

  it('the origin check accepts the app itself', async () => {
    const item = vaultItem();
    const response = await lock(jsonPost('/api/items/lock', { itemId: item.itemInstanceId, itemHash: item.itemHash, locked: !item.locked }, { cookie: player.cookie, origin: APP_ORIGIN }));
    expect(response.status).toBe(200);
  });
});
