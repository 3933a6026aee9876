import { randomBytes } from 'node:crypto';
import { startTestRedis } from '@/dev/services/redis-server';
import { startUpstashBridge, type UpstashBridge } from '@/dev/upstash-bridge/index';
import { RedisConnection } from '@/dev/upstash-bridge/redis-connection';

/** A redis-server for one test file, and the Upstash REST bridge in front of it. */
export type TestUpstash = {
  /** redis:// URL of the server behind the bridge. */
  redisUrl: string;
  bridge: UpstashBridge;
  token: string;
  /** A key prefix unique to this test file: several files share `TEST_REDIS_URL`'s server. */
  prefix: string;
  /** Stops the bridge (and the private redis-server, if one was started). Idempotent. */
  stop(): Promise<void>;
};

/**
 * Uses the redis-server at `TEST_REDIS_URL` (which `npm test` starts) or, when unset, starts a
 * private one on a free port; then starts the bridge in front of it with a random token.
 */
export async function startTestUpstash(): Promise<TestUpstash> {
  const shared = process.env.TEST_REDIS_URL?.trim();
  const own = shared ? undefined : await startTestRedis();
  const redisUrl = shared || own!.url;
  const token = randomBytes(16).toString('hex');
  const bridge = await startUpstashBridge({ redisUrl, token });
  let stopped: Promise<void> | undefined;
  const prefix = `test:${randomBytes(6).toString('hex')}:`;
  return {
    redisUrl,
    bridge,
    token,
    prefix,
    stop() {
      stopped ??= (async () => {
        await bridge.close();
        if (own) await own.stop();
        else await removeKeys(redisUrl, prefix);
      })();
      return stopped;
    },
  };
}

/** Deletes this file's keys from the shared server, so test runs do not pile up data there. */
async function removeKeys(redisUrl: string, prefix: string): Promise<void> {
  const connection = await RedisConnection.open(redisUrl);
  try {
    let cursor = '0';
    do {
      const [reply] = await connection.send([['SCAN', cursor, 'MATCH', `${prefix}*`, 'COUNT', '1000']]);
      const [next, keys] = reply as [Buffer, Buffer[]];
      cursor = next.toString();
      if (keys.length > 0) await connection.send([['UNLINK', ...keys]]);
    } while (cursor !== '0');
  } finally {
    connection.close();
  }
}
