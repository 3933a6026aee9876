import crypto from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { PATCH as setMarks } from '@/app/api/annotations/[instanceId]/route';
import { GET as marks } from '@/app/api/annotations/route';
import { POST as lock } from '@/app/api/items/lock/route';
import { PUT as putMemberships } from '@/app/api/memberships/route';
import { GET as profile } from '@/app/api/profile/route';
import { RedisConnection } from '@/dev/upstash-bridge/redis-connection';
import { vaultAdapter } from '@/lib/auth/adapter';
import { newSessionToken } from '@/lib/auth/session-cache';
import { resolveTokenKeys } from '@/lib/auth/token-crypto';
import { getConfig, resetConfigForTests } from '@/lib/config';
import { getPrisma } from '@/lib/db/client';
import type { VaultView } from '@/lib/inventory/types';
import { APP_ORIGIN, jsonPost, signInPlayer, withAppStack, type TestPlayer } from '@/tests/support/app-harness';
import { meteredUpstash } from '@/tests/support/metered-upstash';

// What a signed-in player costs in cloud mode (issue #15): the vault's 30 s poll and an item action
// through the routes' exported handlers, the manifest and the session cache in Upstash (the REST
// bridge over a private redis-server, which enforces Upstash's script rules), PostgreSQL reached
// through a counting proxy. Costs are read off the wire, as the providers bill them.
// Limits above what this file's requests need within 10 s (none of its tests is about the limit itself).
const env: Record<string, string> = { RATE_LIMIT_PLAYER: '50', RATE_LIMIT_IP: '100' };
// Registered before the app stack's own hook: the Upstash variables must be set when it reads `env`.
const upstash = meteredUpstash(env, () => stack);
const stack = withAppStack({ env, countPostgres: true, ingestManifest: true });
const sim = stack.sim;
let player: TestPlayer;

beforeAll(async () => {
  resetConfigForTests();
  player = await signInPlayer(sim);
});

const meter = () => upstash.meter();

/** A key's value, read from redis-server directly (not through the bridge: nothing billed). */
async function redisGet(key: string): Promise<unknown> {
  const connection = await RedisConnection.open(upstash.redisUrl);
  try {
    const [value] = await connection.send([['GET', key]]);
    return value === null || value === undefined ? null : String(value);
  } finally {
    connection.close();
  }
}

const poll = (cookie: string, etag?: string) => profile(new Request(`${APP_ORIGIN}/api/profile`, { headers: { cookie, ...(etag ? { 'if-none-match': etag } : {}) } }));
const choose = (body: unknown, cookie: string) =>
  putMemberships(new Request(`${APP_ORIGIN}/api/memberships`, { method: 'PUT', headers: { cookie, origin: APP_ORIGIN, 'content-type': 'application/json' }, body: JSON.stringify(body) }));
/**
 * A second device of the player: its own session, polled once (a 200 that caches it) and again with
 * the ETag — a 304 served from the session cache, no Postgres query.
 */
async function secondDeviceCached(): Promise<{ token: string; cookie: string }> {
  const token = newSessionToken(player.userId, crypto.randomUUID());
  await (await getPrisma()).session.create({ data: { sessionToken: token, userId: player.userId, expires: new Date(Date.now() + 86_400_000) } });
  const cookie = `authjs.session-token=${token}`;
  const first = await poll(cookie);
  expect(first.status).toBe(200);
  const read = meter();
  expect((await poll(cookie, first.headers.get('etag')!)).status).toBe(304);
  expect(read().postgresQueries).toBe(0);
  return { token, cookie };
}
const vaultItem = () => sim.world.items.find((i) => i.owner === 'vault' && i.itemInstanceId)!;

describe('cloud mode: the vault poll and an item action', () => {
  let etag = '';

  it('the first poll reads the session from Postgres once and caches it with the access token', async () => {
    const read = meter();
    const answer = await poll(player.cookie);
    expect(answer.status).toBe(200);
    etag = answer.headers.get('etag')!;
    expect(etag).toMatch(/^"p[\w-]{22}"$/);
    const view = (await answer.json()) as VaultView;
    expect(view.count).toBe(sim.world.items.filter((i) => i.owner === 'vault' && i.bucketHash === 138197802).length);
    expect(read().postgresQueries).toBeGreaterThan(0);
  });

  it('an unchanged vault: 304 with the same ETag, no Postgres query, ONE Redis command (session, token and rate limit in one script)', async () => {
    for (let i = 0; i < 3; i++) {
      const callsBefore = sim.stats.total;
      const read = meter();
      const answer = await poll(player.cookie, etag);
      expect(answer.status).toBe(304);
      expect(answer.headers.get('etag')).toBe(etag);
      expect(await answer.text()).toBe('');
      // Bungie is still asked every time: the view is never older than the poll.
      expect(sim.stats.total).toBe(callsBefore + 1);
      const cost = read();
      expect(cost.postgresQueries).toBe(0);
      expect(cost.commands).toEqual(['EVAL']);
      expect(cost.redis.commands).toBe(1);
    }
  });

  it('a changed vault (an item locked in the game): 200 with a new ETag and the change in the body', async () => {
    const item = vaultItem();
    sim.world.items.find((i) => i.itemInstanceId === item.itemInstanceId)!.locked = !item.locked;
    const answer = await poll(player.cookie, etag);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('etag')).not.toBe(etag);
    const view = (await answer.json()) as VaultView;
    const tile = view.groups.flatMap((g) => g.sections.flatMap((s) => s.items)).find((t) => t.instanceId === item.itemInstanceId);
    expect(tile?.locked).toBe(item.locked);
    etag = answer.headers.get('etag')!;
  });

  it('an item action: no Postgres query; Redis: the session script, the player lock taken and released (3 commands)', async () => {
    const item = vaultItem();
    const was = item.locked;
    const read = meter();
    const answer = await lock(jsonPost('/api/items/lock', { itemId: item.itemInstanceId, itemHash: item.itemHash, locked: !was }, { cookie: player.cookie }));
    expect(answer.status).toBe(200);
    expect(item.locked).toBe(!was);
    const cost = read();
    expect(cost.postgresQueries).toBe(0);
    expect(cost.commands).toEqual(['EVAL', 'EVAL', 'EVAL']);
    // Right after the action the poll shows it: the ETag comes from Bungie's answer, not from a cache.
    const after = await poll(player.cookie, etag);
    expect(after.status).toBe(200);
    etag = after.headers.get('etag')!;
  });

  it('the tags refresh: unchanged is a 304 with no Postgres query and one Redis command; a tag set on another device shows at the next one', async () => {
    const list = (cookie: string, etag?: string) => marks(new Request(`${APP_ORIGIN}/api/annotations`, { headers: { cookie, ...(etag ? { 'if-none-match': etag } : {}) } }));
    const first = await list(player.cookie);
    expect(first.status).toBe(200);
    const tag = first.headers.get('etag')!;
    expect(tag).toMatch(/^"m[\w-]+"$/);
    for (let i = 0; i < 2; i++) {
      const read = meter();
      const unchanged = await list(player.cookie, tag);
      expect(unchanged.status).toBe(304);
      const cost = read();
      expect(cost.postgresQueries).toBe(0);
      expect(cost.commands).toEqual(['EVAL']);
    }
    // Another device of the player tags an item.
    const other = newSessionToken(player.userId, crypto.randomUUID());
    await (await getPrisma()).session.create({ data: { sessionToken: other, userId: player.userId, expires: new Date(Date.now() + 86_400_000) } });
    const item = vaultItem();
    const patched = await setMarks(
      new Request(`${APP_ORIGIN}/api/annotations/${item.itemInstanceId}`, {
        method: 'PATCH',
        headers: { cookie: `authjs.session-token=${other}`, origin: APP_ORIGIN, 'content-type': 'application/json' },
        body: JSON.stringify({ tag: 'favorite' }),
      }),
      { params: Promise.resolve({ instanceId: item.itemInstanceId! }) },
    );
    expect(patched.status).toBe(200);
    const changed = await list(player.cookie, tag);
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(tag);
    const body = (await changed.json()) as { annotations: { instanceId: string; tag: string | null }[] };
    expect(body.annotations).toContainEqual(expect.objectContaining({ instanceId: item.itemInstanceId, tag: 'favorite' }));
  });

  it('the vault poll names the tags version (X-Marks-Version) on its 304 and its 200 at no extra command; a tag set on another device changes it at the next poll', async () => {
    const stored = async () => String(await redisGet(`vr:player:${player.userId}:marks`));
    const version = await stored();
    expect(version).toMatch(/^[\w-]{8,}$/);
    const read = meter();
    const unchanged = await poll(player.cookie, etag);
    expect(unchanged.status).toBe(304);
    expect(unchanged.headers.get('x-marks-version')).toBe(version);
    expect(read().commands).toEqual(['EVAL']);
    const full = await poll(player.cookie);
    expect(full.status).toBe(200);
    expect(full.headers.get('x-marks-version')).toBe(version);
    // The list names the same version: the page knows which one it holds.
    const list = await marks(new Request(`${APP_ORIGIN}/api/annotations`, { headers: { cookie: player.cookie } }));
    expect(list.headers.get('x-marks-version')).toBe(version);

    // Another device of the player (its first poll reads its session from Postgres, and names the version too) tags an item.
    const other = await secondDeviceCached();
    const item = vaultItem();
    const patched = await setMarks(
      new Request(`${APP_ORIGIN}/api/annotations/${item.itemInstanceId}`, {
        method: 'PATCH',
        headers: { cookie: other.cookie, origin: APP_ORIGIN, 'content-type': 'application/json' },
        body: JSON.stringify({ tag: 'junk' }),
      }),
      { params: Promise.resolve({ instanceId: item.itemInstanceId! }) },
    );
    expect(patched.status).toBe(200);
    const after = meter();
    const next = await poll(player.cookie, etag);
    // The vault itself is unchanged (a tag is not in Bungie's answer): still a 304, still one command.
    expect(next.status).toBe(304);
    expect(after().commands).toEqual(['EVAL']);
    const changed = next.headers.get('x-marks-version');
    expect(changed).toBe(await stored());
    expect(changed).not.toBe(version);
  });

  it('a session read from Postgres (a cache miss) still names the version: read or set in one command, no list request needed', async () => {
    const token = newSessionToken(player.userId, crypto.randomUUID());
    await (await getPrisma()).session.create({ data: { sessionToken: token, userId: player.userId, expires: new Date(Date.now() + 86_400_000) } });
    const answer = await poll(`authjs.session-token=${token}`, etag);
    expect(answer.status).toBe(304);
    expect(answer.headers.get('x-marks-version')).toBe(String(await redisGet(`vr:player:${player.userId}:marks`)));
  });

  it('a forged cookie naming the player: 401, and none of the player\'s rate limit spent', async () => {
    const forged = `authjs.session-token=${newSessionToken(player.userId, crypto.randomUUID())}`;
    const window = Math.floor(Date.now() / 10_000) * 10_000;
    const key = `vr:ratelimit:player:${player.userId}:${window}`;
    const before = await redisGet(key);
    for (let i = 0; i < 5; i++) expect((await poll(forged)).status).toBe(401);
    // Read in the same 10 s window unless the clock just crossed into the next (then nothing to compare).
    if (Math.floor(Date.now() / 10_000) * 10_000 === window) expect(await redisGet(key)).toBe(before);
    // The player's own session is untouched.
    expect((await poll(player.cookie)).status).toBe(200);
  });

  it('a profile switch (several Destiny profiles) takes effect at once for every cached session of the player', async () => {
    sim.controls.setSecondProfile(true);
    try {
      const second = sim.world.otherProfiles![0]!;
      const psn = sim.world.player.memberships.find((m) => m.membershipType === 2)!;
      const steam = sim.world.player.memberships.find((m) => m.membershipType === 3)!;
      const { cookie: other } = await secondDeviceCached();

      const chosen = await choose({ membershipId: psn.membershipId }, player.cookie);
      expect(chosen.status).toBe(200);
      for (const cookie of [player.cookie, other]) {
        const view = (await (await poll(cookie)).json()) as VaultView;
        expect(view.count).toBe(second.items.filter((i) => i.owner === 'vault').length);
      }
      expect((await choose({ membershipId: steam.membershipId }, other)).status).toBe(200);
      for (const cookie of [player.cookie, other]) {
        const view = (await (await poll(cookie)).json()) as VaultView;
        expect(view.count).toBe(sim.world.items.filter((i) => i.owner === 'vault' && i.bucketHash === 138197802).length);
      }
    } finally {
      sim.controls.setSecondProfile(false);
    }
  });

  it('signing out takes effect at once: the next poll is 401 though the cache had the session', async () => {
    const { token, cookie } = await secondDeviceCached();
    const config = getConfig();
    // What Auth.js calls on sign-out.
    await vaultAdapter(await getPrisma(), resolveTokenKeys(config.tokenKeys, config.authSecret)).deleteSession!(token);
    const answer = await poll(cookie);
    expect(answer.status).toBe(401);
    expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('signed_out');
    // The other device stays signed in.
    expect((await poll(player.cookie)).status).toBe(200);
  });

  // Last: it revokes the simulated Bungie account every test player shares.
  it('Bungie ends the authorization: the poll answers session_ended, the cached token is dropped, and the next poll asks Postgres', async () => {
    const tokenKey = `vr:player:${player.userId}:token`;
    expect(await redisGet(tokenKey)).not.toBeNull();
    sim.controls.revokeAuthorization();
    const first = await poll(player.cookie, etag);
    expect(first.status).toBe(401);
    expect(((await first.json()) as { error: { code: string } }).error.code).toBe('session_ended');
    expect(await redisGet(tokenKey)).toBeNull();
    const read = meter();
    const second = await poll(player.cookie, etag);
    expect(second.status).toBe(401);
    expect(((await second.json()) as { error: { code: string } }).error.code).toBe('session_ended');
    expect(read().postgresQueries).toBeGreaterThan(0);
  });
});
