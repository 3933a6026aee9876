import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from '@upstash/redis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startQstashEmulator, type QstashEmulator } from '@/dev/qstash-emulator';
import { startPostgresCounter } from '@/dev/services/postgres-counter';
import { DEFAULT_TEST_POSTGRES_URL } from '@/tests/support/postgres';
import { qstashKeys } from '@/tests/support/qstash';
import { startTestUpstash, type TestUpstash } from '@/tests/support/redis';

// The counters `npm run bench:cost` bills from: Upstash counts every command of a pipeline or a
// transaction, and QStash every delivery attempt.
describe('the Upstash bridge counts what Upstash would bill', () => {
  let upstash: TestUpstash;
  let redis: Redis;
  beforeAll(async () => {
    upstash = await startTestUpstash();
    redis = new Redis({ url: upstash.bridge.url, token: upstash.token, retry: false });
  });
  afterAll(async () => {
    await upstash?.stop();
  });

  it('counts a pipeline of 3 as 3 commands, a transaction of 2 as 2, a single command as 1, and the bytes both ways', async () => {
    upstash.bridge.resetCounters();
    const k = (name: string) => `${upstash.prefix}${name}`;
    const pipeline = redis.pipeline();
    pipeline.set(k('a'), 'one');
    pipeline.get(k('a'));
    pipeline.del(k('a'));
    await pipeline.exec();
    expect(upstash.bridge.counters()).toMatchObject({ requests: 1, commands: 3 });
    const multi = redis.multi();
    multi.incr(k('n'));
    multi.del(k('n'));
    await multi.exec();
    expect(upstash.bridge.counters()).toMatchObject({ requests: 2, commands: 5 });
    await redis.set(k('big'), 'x'.repeat(10_000));
    await redis.get(k('big'));
    await redis.del(k('big'));
    const counted = upstash.bridge.counters();
    expect(counted).toMatchObject({ requests: 5, commands: 8 });
    // The 10,000 characters went in once and came back once (base64: 4/3 bigger).
    expect(counted.bytesIn).toBeGreaterThan(10_000);
    expect(counted.bytesOut).toBeGreaterThan(13_000);
    upstash.bridge.resetCounters();
    expect(upstash.bridge.counters()).toEqual({ requests: 0, commands: 0, bytesIn: 0, bytesOut: 0 });
  });
});

describe('the QStash emulator counts what QStash would bill', () => {
  let emulator: QstashEmulator;
  let app: http.Server;
  let failNext = 0;
  const keys = qstashKeys();
  beforeAll(async () => {
    emulator = await startQstashEmulator({ token: keys.token, currentSigningKey: keys.current, retryDelayMs: 5 });
    app = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(failNext-- > 0 ? 500 : 200).end('{}'));
    });
    await new Promise<void>((r) => app.listen(0, '127.0.0.1', r));
  });
  afterAll(async () => {
    await emulator?.close();
    await new Promise((r) => app?.close(r));
  });

  it('counts every attempt as a message: a delivery retried twice costs 3', async () => {
    const appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}/job`;
    const schedule = await fetch(`${emulator.url}/v2/schedules/${appUrl}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${keys.token}`, 'Upstash-Cron': '*/5 * * * *' },
    });
    expect(schedule.status).toBe(201);
    const { scheduleId } = (await schedule.json()) as { scheduleId: string };
    await emulator.trigger(scheduleId);
    expect(emulator.counters()).toEqual({ messages: 1, deliveries: 1, failed: 0 });
    failNext = 2;
    await emulator.trigger(scheduleId);
    expect(emulator.counters()).toEqual({ messages: 4, deliveries: 2, failed: 0 });
    emulator.resetCounters();
    expect(emulator.counters()).toEqual({ messages: 0, deliveries: 0, failed: 0 });
  });
});

describe('the counting Postgres proxy counts what reaches the database', () => {
  it('counts a simple query, a parameterized one and a transaction of 3 (a 100 KB one split across packets) as 5 queries, time-stamped', async () => {
    const counter = await startPostgresCounter(process.env.TEST_POSTGRES_URL?.trim() || DEFAULT_TEST_POSTGRES_URL);
    const client = new pg.Client({ connectionString: counter.url });
    try {
      await client.connect();
      const before = Date.now();
      counter.reset();
      expect((await client.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
      expect((await client.query('select $1::int + 1 as two', [1])).rows).toEqual([{ two: 2 }]);
      await client.query('begin');
      await client.query('select $1::text as t', ['x'.repeat(100_000)]);
      await client.query('commit');
      const counts = counter.counts();
      expect(counts.queries).toBe(5);
      expect(counts.times).toHaveLength(5);
      expect(counts.times[0]).toBeGreaterThanOrEqual(before);
    } finally {
      await client.end();
      await counter.close();
    }
  });
});
