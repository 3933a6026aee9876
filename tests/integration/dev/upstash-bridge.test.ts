import { Redis } from '@upstash/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestUpstash, type TestUpstash } from '@/tests/support/redis';

describe('Upstash REST bridge over a real redis-server, driven by @upstash/redis', () => {
  let upstash: TestUpstash;
  let redis: Redis;
  let k: (name: string) => string;

  /** A raw protocol call, to see exactly what the bridge puts on the wire. */
  async function raw(path: string, body: unknown, options: { base64?: boolean; token?: string } = {}) {
    const headers: Record<string, string> = { Authorization: `Bearer ${options.token ?? upstash.token}`, 'Content-Type': 'application/json' };
    if (options.base64) headers['Upstash-Encoding'] = 'base64';
    const response = await fetch(`${upstash.bridge.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as unknown };
  }

  beforeAll(async () => {
    upstash = await startTestUpstash();
    redis = new Redis({ url: upstash.bridge.url, token: upstash.token, retry: false });
    k = (name) => `${upstash.prefix}${name}`;
  });
  afterAll(async () => {
    await upstash?.stop();
  });

  it('sets, gets, increments and deletes strings (UTF-8 intact through base64)', async () => {
    expect(await redis.set(k('s'), 'Xûr, Agent of the Nine')).toBe('OK');
    expect(await redis.get(k('s'))).toBe('Xûr, Agent of the Nine');
    expect(await redis.get(k('missing'))).toBeNull();
    expect(await redis.incrby(k('n'), 41)).toBe(41);
    expect(await redis.incr(k('n'))).toBe(42);
    expect(await redis.set(k('nx'), 'a', { nx: true, px: 60_000 })).toBe('OK');
    expect(await redis.set(k('nx'), 'b', { nx: true, px: 60_000 })).toBeNull();
    expect(await redis.pttl(k('nx'))).toBeGreaterThan(50_000);
    expect(await redis.del(k('s'), k('n'), k('nx'))).toBe(3);
  });

  it('stores JSON values the client serializes, and reads them back as objects', async () => {
    await redis.set(k('json'), { hash: 3_588_934_839, name: 'Gjallarhorn' });
    expect(await redis.get(k('json'))).toEqual({ hash: 3_588_934_839, name: 'Gjallarhorn' });
  });

  it('keeps HGETALL a flat array on the wire; the client turns it into an object', async () => {
    expect(await redis.hset(k('h'), { a: '1', b: 'two' })).toBe(2);
    const wire = await raw('/', ['HGETALL', k('h')]);
    expect(wire.status).toBe(200);
    expect((wire.body as { result: string[] }).result.sort()).toEqual(['1', 'a', 'b', 'two']);
    expect(await redis.hgetall(k('h'))).toEqual({ a: 1, b: 'two' });
    expect(await redis.hgetall(k('none'))).toBeNull();
  });

  it('answers HMGET with null for missing fields, in order', async () => {
    expect(await raw('/', ['HMGET', k('h'), 'b', 'zz', 'a'])).toEqual({ status: 200, body: { result: ['two', null, '1'] } });
    expect(await redis.hmget(k('h'), 'b', 'zz', 'a')).toEqual({ b: 'two', zz: null, a: 1 });
    expect(await redis.hmget(k('nothing'), 'x')).toBeNull();
  });

  it('runs pipelines in order, reporting an error in place without failing the rest', async () => {
    const p = redis.pipeline();
    p.set(k('p1'), 'one');
    p.incr(k('p1'));
    p.get(k('p1'));
    p.hset(k('p2'), { f: 'v' });
    const results = await p.exec({ keepErrors: true });
    expect(results.map((r) => r.result)).toEqual(['OK', undefined, 'one', 1]);
    expect(results[1]?.error).toMatch(/^ERR value is not an integer/);
    const wire = await raw('/pipeline', [['GET', k('p1')], ['INCR', k('p1')], ['HGET', k('p2'), 'f'], ['HGET', k('p2'), 'nope']]);
    expect(wire).toEqual({ status: 200, body: [{ result: 'one' }, { error: expect.stringMatching(/^ERR /) }, { result: 'v' }, { result: null }] });
    const failing = redis.pipeline();
    failing.get(k('p1'));
    failing.incr(k('p1'));
    await expect(failing.exec()).rejects.toThrow(/Command 2 \[ incr \] failed: ERR/);
  });

  it('runs multi-exec atomically; a runtime error stays in its entry, a queue-time error aborts all', async () => {
    const tx = redis.multi();
    tx.set(k('t'), '10');
    tx.incrby(k('t'), 5);
    tx.get(k('t'));
    expect(await tx.exec()).toEqual(['OK', 15, 15]);
    const wire = await raw('/multi-exec', [['SET', k('t2'), 'x'], ['INCR', k('t2')], ['GET', k('t2')]]);
    expect(wire).toEqual({ status: 200, body: [{ result: 'OK' }, { error: expect.stringMatching(/^ERR /) }, { result: 'x' }] });
    const aborted = await raw('/multi-exec', [['SET', k('t3'), 'x'], ['GET']]);
    expect(aborted.status).toBe(400);
    expect((aborted.body as { error: string }).error).toMatch(/^EXECABORT/);
    expect(await redis.exists(k('t3'))).toBe(0);
  });

  it('answers a failing single command with HTTP 400 {"error":"ERR ..."}, which the client throws', async () => {
    expect(await raw('/', ['INCR', k('t2')])).toEqual({ status: 400, body: { error: expect.stringMatching(/^ERR value is not an integer/) } });
    const wrongType = await raw('/', ['HGET', k('t2'), 'f']);
    expect(wrongType).toEqual({ status: 400, body: { error: expect.stringMatching(/^WRONGTYPE/) } });
    expect((await raw('/', ['NOSUCHCOMMAND'])).status).toBe(400);
    await expect(redis.incr(k('t2'))).rejects.toThrow(/ERR value is not an integer/);
  });

  it('base64-encodes every string of a result when asked, numbers and null stay raw, nested arrays too', async () => {
    await redis.set(k('b'), 'héllo');
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    expect(await raw('/', ['GET', k('b')], { base64: true })).toEqual({ status: 200, body: { result: b64('héllo') } });
    expect(await raw('/', ['GET', k('b')])).toEqual({ status: 200, body: { result: 'héllo' } });
    expect(await raw('/', ['STRLEN', k('b')], { base64: true })).toEqual({ status: 200, body: { result: 6 } });
    expect(await raw('/', ['GET', k('nil')], { base64: true })).toEqual({ status: 200, body: { result: null } });
    expect(await raw('/', ['HMGET', k('h'), 'a', 'zz'], { base64: true })).toEqual({ status: 200, body: { result: [b64('1'), null] } });
    await redis.rpush(k('l'), 'x');
    const scan = await raw('/', ['SCAN', '0', 'MATCH', k('l'), 'COUNT', 1000], { base64: true });
    const [cursor, keys] = (scan.body as { result: [string, string[]] }).result;
    expect(Buffer.from(cursor, 'base64').toString()).toMatch(/^\d+$/);
    expect(Array.isArray(keys)).toBe(true);
    expect(await raw('/pipeline', [['GET', k('b')], ['STRLEN', k('b')]], { base64: true })).toEqual({ status: 200, body: [{ result: b64('héllo') }, { result: 6 }] });
  });

  it('refuses a wrong or missing token with 401 and runs nothing', async () => {
    expect((await raw('/', ['SET', k('intruder'), '1'], { token: 'wrong' })).status).toBe(401);
    const response = await fetch(`${upstash.bridge.url}/`, { method: 'POST', body: JSON.stringify(['SET', k('intruder'), '1']) });
    expect(response.status).toBe(401);
    expect(await redis.exists(k('intruder'))).toBe(0);
    const intruder = new Redis({ url: upstash.bridge.url, token: 'wrong-token', retry: false });
    await expect(intruder.get(k('b'))).rejects.toThrow(/Unauthorized/);
  });

  it('serves concurrent requests, each on its own connection', async () => {
    const values = await Promise.all(Array.from({ length: 50 }, (_, i) => redis.set(k(`c${i}`), String(i)).then(() => redis.get(k(`c${i}`)))));
    expect(values).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
  it('enforces Upstash restrictions: undeclared script keys, disputed Lua libraries, bodies over 1 MB', async () => {
    const undeclared = `local key = ARGV[1] .. 'x' return redis.call('GET', key)`;
    const refused = await raw('/', ['EVAL', undeclared, '0', k('a')]);
    expect(refused.status).toBe(400);
    expect(String((refused.body as { error: string }).error)).toMatch(/Upstash restriction: .*not declared in KEYS/);
    const inPipeline = await raw('/pipeline', [['SET', k('p'), '1'], ['EVAL', `return cjson.encode({1})`, '0']]);
    expect(inPipeline.status).toBe(400);
    // Refused before Redis ran anything in it.
    expect(await redis.get(k('p'))).toBeNull();
    const declared = await redis.eval(`redis.call('SET', KEYS[1], ARGV[1]) return redis.call('GET', KEYS[1])`, [k('d')], ['ok']);
    expect(declared).toBe('ok');
    const big = await raw('/', ['SET', k('big'), 'x'.repeat(1024 * 1024 + 1)]);
    expect(big.status).toBe(413);
    expect(await redis.get(k('big'))).toBeNull();
  });
});
