import { Redis } from '@upstash/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRestartableRedis, type RestartableRedis } from '@/dev/services/redis-server';
import { startUpstashBridge, type UpstashBridge } from '@/dev/upstash-bridge/index';

describe('Upstash REST bridge while redis-server goes down and comes back', () => {
  let server: RestartableRedis;
  let bridge: UpstashBridge;
  let redis: Redis;

  beforeAll(async () => {
    server = await startRestartableRedis();
    bridge = await startUpstashBridge({ redisUrl: server.url, token: 'restart-token' });
    // No retries: each call below is one HTTP request, so a stale connection would show.
    redis = new Redis({ url: bridge.url, token: 'restart-token', retry: false, automaticDeserialization: false });
  });
  afterAll(async () => {
    await bridge?.close();
    await server?.remove();
  });

  it('serves the first request after a restart (its idle connections died with the old server), data kept', async () => {
    await redis.set('restart:a', 'kept');
    await server.stop();
    await server.start();
    expect(await redis.get('restart:a')).toBe('kept');
  });

  it('answers an error while Redis is down, and works again once it is back', async () => {
    await server.stop();
    await expect(redis.get('restart:a')).rejects.toThrow(/redis-server/);
    await server.start();
    expect(await redis.get('restart:a')).toBe('kept');
  });
});
