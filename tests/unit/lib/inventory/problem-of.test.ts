import { describe, expect, it } from 'vitest';
import { BungieError, BungieUnavailableError } from '@/lib/bungie/errors';
import { problemError } from '@/lib/inventory/problem-error';
import { problemOf } from '@/lib/inventory/problem-of';

const refusal = (code: number, status: string, httpStatus = 200) => new BungieError(code, status, '/Destiny2/3/Profile/1/Character/2/Vendors/', httpStatus, 0, status.replace(/([a-z])([A-Z])/g, '$1 $2'));

describe('problemOf: a refusal is not an outage', () => {
  it('turns DestinyCharacterNotFound (1620) into Bungie’s reason, answered 502 bungie_refused, never "unavailable"', () => {
    const problem = problemOf(refusal(1620, 'DestinyCharacterNotFound'), 'xur');
    expect(problem).toEqual({ kind: 'bungie-unavailable', code: 'bungie_refused', message: 'Bungie.net refused this: Destiny Character Not Found' });
    const error = problemError(problem);
    expect([error.code, error.status, error.message]).toEqual(['bungie_refused', 502, 'Bungie.net refused this: Destiny Character Not Found']);
  });

  it('keeps outages, maintenance and throttling as Bungie being unavailable', () => {
    expect(problemOf(refusal(5, 'SystemDisabled', 503), 'vault')).toMatchObject({ kind: 'bungie-unavailable', code: 'bungie_maintenance' });
    expect(problemOf(refusal(3, 'UnhandledException', 500), 'vault')).toMatchObject({ kind: 'bungie-unavailable', code: 'bungie_unavailable' });
    expect(problemOf(refusal(1672, 'DestinyThrottledByGameServer'), 'vault')).toMatchObject({ kind: 'bungie-unavailable', code: 'bungie_throttled' });
    expect(problemOf(new BungieUnavailableError('/Destiny2/Manifest/', 503, 'HTML outage page'), 'vault')).toMatchObject({ kind: 'bungie-unavailable', code: 'bungie_unavailable' });
  });
});
