import { describe, expect, it } from 'vitest';
import { BungieUnavailableError, playerMessage } from '@/lib/bungie/errors';
import { DatabaseUnavailableError, isDatabaseUnavailable } from '@/lib/db/unavailable';
import { describeError } from '@/lib/http/errors';

// Shapes seen from Prisma 7 with the pg driver adapter when PostgreSQL is stopped under the app.
const unreachable = Object.assign(new Error("Invalid `prisma.user.count()` invocation:\n\nCan't reach database server at 127.0.0.1:35909"), {
  name: 'PrismaClientKnownRequestError',
  code: 'P1001',
  meta: { driverAdapterError: { name: 'DriverAdapterError', cause: { kind: 'DatabaseNotReachable', host: '127.0.0.1', port: 35909 } } },
});
const shutDown = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01', severity: 'FATAL' });
const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED', syscall: 'connect', errno: -111 });

describe('isDatabaseUnavailable', () => {
  it('recognises an unreachable or restarting database, also wrapped as a cause', () => {
    expect(isDatabaseUnavailable(unreachable)).toBe(true);
    expect(isDatabaseUnavailable(shutDown)).toBe(true);
    expect(isDatabaseUnavailable(new Error('migration failed', { cause: refused }))).toBe(true);
    expect(isDatabaseUnavailable(new DatabaseUnavailableError())).toBe(true);
  });

  it('leaves bugs and refused queries alone', () => {
    expect(isDatabaseUnavailable(new TypeError('x is undefined'))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error('Unique constraint failed'), { code: 'P2002' }))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });
});

describe('what routes and pages say', () => {
  it('answers 503 database_unavailable, with no internals, when the database is down', () => {
    const { status, body } = describeError(unreachable);
    expect(status).toBe(503);
    expect(body.error.code).toBe('database_unavailable');
    expect(body.error.message).toMatch(/database is not answering/);
    expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|prisma|P1001/i);
  });

  it('tells a slow Bungie from a dead one', () => {
    expect(playerMessage(new BungieUnavailableError('/Destiny2/1/Profile/2/', 0, 'Bungie.net timed out', true))).toMatch(/taking too long/);
    expect(playerMessage(new BungieUnavailableError('/Destiny2/1/Profile/2/', 503, 'HTML'))).toMatch(/not answering/);
  });
});
