import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { POST as lock } from '@/app/api/items/lock/route';
import { POST as transfer } from '@/app/api/items/transfer/route';
import { forgetInventoryIndex, MIN_READ_GAP_MS } from '@/lib/actions/action-client';
import { jsonPost, signInPlayer, withAppStack, type TestPlayer } from '@/tests/support/app-harness';

// Forged or foreign item ids are refused from the player's inventory index: no action reaches
// Bungie, and however many arrive, the index is read at most once per MIN_READ_GAP_MS.
const stack = withAppStack();
let player: TestPlayer;
beforeAll(async () => {
  player = await signInPlayer(stack.sim);
});
beforeEach(() => {
  forgetInventoryIndex(player.userId);
  vi.useFakeTimers({ toFake: ['Date'] });
});
afterEach(() => {
  stack.sim.controls.setOutage(false);
  vi.useRealTimers();
});

const ACTIONS = ['TransferItem', 'EquipItem', 'EquipItems', 'SetLockState', 'PullFromPostmaster'];
const actionCalls = () => ACTIONS.reduce((n, a) => n + (stack.sim.stats.byEndpoint[a] ?? 0), 0);
const profileReads = () => stack.sim.stats.byEndpoint.GetProfile ?? 0;
const titan = () => stack.sim.world.characters[0]!.characterId;
const forged = (n: number) => ({ itemId: String(4611686018400000000n + BigInt(n)), itemHash: 1000 + n, from: 'vault', to: titan() });
const tick = (ms: number) => vi.setSystemTime(Date.now() + ms);

async function codeOf(response: Response): Promise<[number, string]> {
  const body = (await response.json()) as { error?: { code: string } };
  return [response.status, body.error?.code ?? 'ok'];
}

describe('forged item ids', () => {
  it('a flood of 50, one after another: every one 404, at most one GetProfile, no action call', async () => {
    const [reads, actions] = [profileReads(), actionCalls()];
    for (let n = 0; n < 50; n++) {
      expect(await codeOf(await transfer(jsonPost('/api/items/transfer', forged(n), { cookie: player.cookie })))).toEqual([404, 'unknown_item']);
      tick(150);
    }
    expect(profileReads() - reads).toBeLessThanOrEqual(1);
    expect(actionCalls()).toBe(actions);
  });

  it('a flood of 50 at once: 404 or 429 (too many queued), at most one GetProfile, no action call', async () => {
    const [reads, actions] = [profileReads(), actionCalls()];
    const answers = await Promise.all(Array.from({ length: 50 }, (_, n) => transfer(jsonPost('/api/items/transfer', forged(n), { cookie: player.cookie })).then(codeOf)));
    for (const answer of answers) expect([[404, 'unknown_item'], [429, 'too_many_actions']]).toContainEqual(answer);
    expect(answers.filter(([status]) => status === 404).length).toBeGreaterThanOrEqual(20);
    expect(profileReads() - reads).toBeLessThanOrEqual(1);
    expect(actionCalls()).toBe(actions);
  });

  it('a flood spread over two minutes reads the profile at most once per MIN_READ_GAP_MS', async () => {
    const [reads, actions] = [profileReads(), actionCalls()];
    const started = Date.now();
    for (let n = 0; n < 60; n++) {
      expect((await codeOf(await transfer(jsonPost('/api/items/transfer', forged(n), { cookie: player.cookie }))))[0]).toBe(404);
      tick(2_000);
    }
    expect(profileReads() - reads).toBeLessThanOrEqual(1 + Math.floor((Date.now() - started) / MIN_READ_GAP_MS));
    expect(actionCalls()).toBe(actions);
  });

  it('while Bungie is down, 20 forged ids make one GetProfile attempt, each answered with a sentence', async () => {
    stack.sim.controls.setOutage(true);
    const reads = profileReads();
    for (let n = 0; n < 20; n++) {
      const [status, code] = await codeOf(await transfer(jsonPost('/api/items/transfer', forged(n), { cookie: player.cookie })));
      expect(status).toBe(503);
      expect(code).toBe('bungie_unavailable');
    }
    expect(profileReads() - reads).toBe(1);
  });

  it('an item acquired after the index was read is found with one re-read; an unknown id right after costs nothing', async () => {
    expect((await codeOf(await transfer(jsonPost('/api/items/transfer', forged(1), { cookie: player.cookie }))))[0]).toBe(404);
    const itemHash = stack.sim.world.items.find((i) => i.owner === 'vault' && i.itemInstanceId)!.itemHash;
    const itemId = stack.sim.controls.addVaultItem(itemHash);
    tick(MIN_READ_GAP_MS + 1_000);
    const reads = profileReads();
    const response = await lock(jsonPost('/api/items/lock', { itemId, itemHash, locked: true }, { cookie: player.cookie }));
    expect(response.status).toBe(200);
    expect(profileReads() - reads).toBe(1);
    expect((await codeOf(await transfer(jsonPost('/api/items/transfer', forged(2), { cookie: player.cookie }))))[0]).toBe(404);
    expect(profileReads() - reads).toBe(1);
  });
});
