import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

// One page render: React's request cache, memoised by first argument for the whole file (reset per test).
const request = vi.hoisted(() => ({ memo: new Map<unknown, Map<unknown, unknown>>() }));
vi.mock('react', async (original) => ({
  ...(await original<object>()),
  cache: <A extends unknown[], R>(fn: (...args: A) => R) => (...args: A): R => {
    let byArg = request.memo.get(fn);
    if (!byArg) request.memo.set(fn, (byArg = new Map()));
    if (!byArg.has(args[0])) byArg.set(args[0], fn(...args));
    return byArg.get(args[0]) as R;
  },
}));
// Every database read fails loudly: what the kept row answers must not reach it.
const db = vi.hoisted(() => ({ asked: 0 }));
vi.mock('@/lib/db/client', async (original) => ({
  ...(await original<object>()),
  getPrisma: async () => {
    db.asked++;
    throw new Error('database asked');
  },
}));

const { getAccessToken } = await import('@/lib/auth/access-token');
const { forgetSessionAccount, keepSessionAccount, sessionAccountOf } = await import('@/lib/auth/session-account');
const { activeMembership } = await import('@/lib/memberships/profiles');
const { readSortChoice } = await import('@/lib/search-prefs/search-prefs');
const { encryptToken, resolveTokenKeys } = await import('@/lib/auth/token-crypto');
const { getConfig, resetConfigForTests } = await import('@/lib/config');

const SECRET = 'vault-raider-unit-secret-0123456789abcdef-xyz';
const now = () => Math.floor(Date.now() / 1000);

function account(overrides: Record<string, unknown> = {}) {
  const sealed = encryptToken('the-access-token', resolveTokenKeys(getConfig().tokenKeys, getConfig().authSecret));
  return {
    access_token: sealed.value, token_key_id: sealed.keyId, expires_at: now() + 3600, needs_reauth: false,
    destiny_membership_id: '4611686018400000001', destiny_membership_type: 3,
    destiny_memberships: [{ membershipId: '4611686018400000001', membershipType: 3, displayName: 'Steam' }, { membershipId: '4611686018400000002', membershipType: 2, displayName: 'PSN' }],
    user: { profileChoice: null }, sort: null,
    ...overrides,
  };
}

describe('a page reads what its session lookup kept (lib/auth/session-account.ts)', () => {
  beforeAll(() => {
    vi.stubEnv('AUTH_SECRET', SECRET);
    vi.stubEnv('TOKEN_ENCRYPTION_KEYS', '');
    vi.stubEnv('BUNGIE_SIMULATOR_URL', 'http://bungie.sim.test');
    resetConfigForTests();
  });
  afterAll(() => {
    vi.unstubAllEnvs();
    resetConfigForTests();
  });
  beforeEach(() => {
    request.memo.clear();
    db.asked = 0;
  });

  it('takes the access token, the profile in use and the sort from the kept row, asking the database nothing', async () => {
    keepSessionAccount('u1', account({ user: { profileChoice: { membershipId: '4611686018400000002' } }, sort: 'power' }));
    expect(await getAccessToken('u1')).toBe('the-access-token');
    expect(await activeMembership('u1')).toEqual({ membershipId: '4611686018400000002', membershipType: 2 });
    expect(await readSortChoice('u1')).toBe('power');
    expect(db.asked).toBe(0);
  });

  it('reads the database for another player, another request, and a token that is ending, refused or stale', async () => {
    keepSessionAccount('u1', account());
    expect(sessionAccountOf('u2')).toBeUndefined();
    await expect(getAccessToken('u2')).rejects.toThrow('database asked');
    await expect(getAccessToken('u1', { staleToken: 'the-access-token' })).rejects.toThrow('database asked');
    keepSessionAccount('u1', account({ expires_at: now() + 30 }));
    await expect(getAccessToken('u1')).rejects.toThrow('database asked');
    keepSessionAccount('u1', account({ needs_reauth: true }));
    await expect(getAccessToken('u1')).rejects.toThrow('database asked');
    forgetSessionAccount('u1');
    await expect(readSortChoice('u1')).rejects.toThrow('database asked');
    request.memo.clear();
    expect(sessionAccountOf('u1')).toBeUndefined();
    expect(db.asked).toBe(5);
  });

  it('reads the sort as "tier" when the player never chose one', async () => {
    keepSessionAccount('u1', account());
    expect(await readSortChoice('u1')).toBe('tier');
  });
});
