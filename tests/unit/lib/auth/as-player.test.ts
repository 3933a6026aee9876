import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionEndedError } from '@/lib/auth/access-token';
import { asPlayer } from '@/lib/auth/as-player';
import { ErrorCode } from '@/lib/bungie/error-codes';
import { BungieError, BungieUnavailableError } from '@/lib/bungie/errors';

const tokens = vi.hoisted(() => ({ handed: [] as string[], asked: [] as { staleToken?: string }[] }));
vi.mock('@/lib/auth/access-token', async (original) => ({
  ...(await original<object>()),
  // The stored token is "old" until a refresh is asked for (staleToken), then "new".
  getAccessToken: async (_userId: string, options: { staleToken?: string } = {}) => {
    tokens.asked.push(options.staleToken ? { staleToken: options.staleToken } : {});
    const token = options.staleToken ? 'new' : 'old';
    tokens.handed.push(token);
    return token;
  },
}));

const expired = (httpStatus = 401) => new BungieError(ErrorCode.AccessTokenHasExpired, 'AccessTokenHasExpired', '/Destiny2/3/Profile/1/', httpStatus, 0, 'Access token has expired, please refresh.');
const throttled = (seconds: number) => new BungieError(ErrorCode.PerEndpointRequestThrottleExceeded, 'PerEndpointRequestThrottleExceeded', '/Destiny2/Actions/Items/TransferItem/', 200, seconds, 'Slow down');

/** A Bungie call that fails with each given error in turn, then answers "done"; records the tokens it got. */
function call(...failures: Error[]) {
  const used: string[] = [];
  const fn = async (token: string) => {
    used.push(token);
    const failure = failures.shift();
    if (failure) throw failure;
    return 'done';
  };
  return { fn, used };
}

describe('asPlayer: the one refresh-and-retry path', () => {
  beforeEach(() => {
    tokens.handed.length = 0;
    tokens.asked.length = 0;
  });
  afterEach(() => vi.useRealTimers());

  it('passes the stored token and asks Bungie once when it is accepted', async () => {
    const c = call();
    expect(await asPlayer('user-1', c.fn)).toBe('done');
    expect(c.used).toEqual(['old']);
    expect(tokens.asked).toEqual([{}]);
  });

  it.each([
    ['HTTP 401', expired(401)],
    ['AccessTokenHasExpired in a 200 envelope', expired(200)],
  ])('an expired token (%s): one refresh of that token, one retry with the new one', async (_name, error) => {
    const c = call(error);
    expect(await asPlayer('user-1', c.fn)).toBe('done');
    expect(tokens.asked).toEqual([{}, { staleToken: 'old' }]);
    expect(c.used).toEqual(['old', 'new']);
  });

  it('a refused retry ends the session: SessionEndedError, no second refresh, no third call', async () => {
    const c = call(expired(), expired());
    await expect(asPlayer('user-1', c.fn)).rejects.toBeInstanceOf(SessionEndedError);
    expect(tokens.asked).toEqual([{}, { staleToken: 'old' }]);
    expect(c.used).toEqual(['old', 'new']);
  });

  it('another failure on the retry passes through as it is', async () => {
    const down = new BungieUnavailableError('/Destiny2/3/Profile/1/', 503, 'down');
    const c = call(expired(), down);
    await expect(asPlayer('user-1', c.fn)).rejects.toBe(down);
    expect(c.used).toEqual(['old', 'new']);
  });

  it('other Bungie errors are not retried and ask no refresh', async () => {
    const refusal = new BungieError(ErrorCode.DestinyNoRoomInDestination, 'DestinyNoRoomInDestination', '/Destiny2/Actions/Items/TransferItem/', 200, 0, 'No room');
    const c = call(refusal);
    await expect(asPlayer('user-1', c.fn)).rejects.toBe(refusal);
    expect(c.used).toEqual(['old']);
    expect(tokens.asked).toEqual([{}]);
  });

  it('waits out a short throttle once when asked to (item actions), else passes it on', async () => {
    vi.useFakeTimers();
    const c = call(throttled(2));
    const result = asPlayer('user-1', c.fn, { waitOutThrottleUpTo: 10 });
    await vi.advanceTimersByTimeAsync(1_999);
    expect(c.used).toEqual(['old']);
    await vi.advanceTimersByTimeAsync(1);
    expect(await result).toBe('done');
    expect(c.used).toEqual(['old', 'old']);

    const twice = call(throttled(2), throttled(2));
    const again = asPlayer('user-1', twice.fn, { waitOutThrottleUpTo: 10 }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(await again).toMatchObject({ code: ErrorCode.PerEndpointRequestThrottleExceeded });
    expect(twice.used).toHaveLength(2);

    const long = call(throttled(60));
    await expect(asPlayer('user-1', long.fn, { waitOutThrottleUpTo: 10 })).rejects.toMatchObject({ throttleSeconds: 60 });
    const page = call(throttled(2));
    await expect(asPlayer('user-1', page.fn)).rejects.toMatchObject({ throttleSeconds: 2 });
    expect([long.used, page.used]).toEqual([['old'], ['old']]);
  });
});
