import { describe, expect, it } from 'vitest';
import { ConfigError, describeConfig, loadConfig } from '@/lib/config';

const sim = { BUNGIE_SIMULATOR_URL: 'http://127.0.0.1:3100' };

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('chooses the embedded backends when only the simulator is named', () => {
    const config = loadConfig({ ...sim, DATA_DIR: '/tmp/vr-data' });
    expect(config.database).toEqual({ kind: 'embedded', dataDir: '/tmp/vr-data/pglite', migrateOnStart: true, fsync: true });
    expect(config.manifestStore).toEqual({ kind: 'postgres' });
    expect(config.scheduler).toEqual({ kind: 'in-process', intervalMinutes: 5 });
    expect(config.bungie.kind).toBe('simulator');
    expect(config.bungie.origin).toBe('http://127.0.0.1:3100');
    expect(config.appUrl).toBe('http://localhost:3000');
  });

  it('chooses the cloud backends when their variables are set', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgresql://u:p@db.example.com:5432/vault',
      MIGRATE_ON_START: 'false',
      UPSTASH_REDIS_REST_URL: 'https://eu1-example.upstash.io/',
      UPSTASH_REDIS_REST_TOKEN: 'tok',
      QSTASH_TOKEN: 'qtok',
      QSTASH_CURRENT_SIGNING_KEY: 'sig_current',
      QSTASH_NEXT_SIGNING_KEY: 'sig_next',
      MANIFEST_REFRESH_MINUTES: '10',
      BUNGIE_API_KEY: 'key',
      BUNGIE_CLIENT_ID: '12345',
      BUNGIE_CLIENT_SECRET: 'secret',
      ADMIN_MEMBERSHIP_IDS: '111, 222',
    });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgresql://u:p@db.example.com:5432/vault', migrateOnStart: false });
    expect(config.manifestStore).toEqual({ kind: 'upstash', url: 'https://eu1-example.upstash.io', token: 'tok' });
    expect(config.scheduler).toMatchObject({ kind: 'qstash', intervalMinutes: 10, url: 'https://qstash.upstash.io' });
    expect(config.bungie).toMatchObject({ kind: 'bungie.net', origin: 'https://www.bungie.net', clientId: '12345' });
    expect(config.adminMembershipIds).toEqual(['111', '222']);
  });

  it.each([
    [{}, 'BUNGIE_API_KEY', /BUNGIE_API_KEY is missing/],
    [{ BUNGIE_API_KEY: 'k', BUNGIE_CLIENT_ID: 'abc', BUNGIE_CLIENT_SECRET: 's' }, 'BUNGIE_CLIENT_ID', /numeric OAuth client id/],
    [{ ...sim, DATABASE_URL: 'mysql://x' }, 'DATABASE_URL', /DATABASE_URL must be a postgres/],
    [{ ...sim, UPSTASH_REDIS_REST_TOKEN: 't' }, 'UPSTASH_REDIS_REST_URL', /UPSTASH_REDIS_REST_URL is missing/],
    [{ ...sim, UPSTASH_REDIS_REST_URL: 'https://x.upstash.io' }, 'UPSTASH_REDIS_REST_TOKEN', /TOKEN is missing/],
    [{ ...sim, QSTASH_TOKEN: 'q' }, 'QSTASH_CURRENT_SIGNING_KEY', /QSTASH_CURRENT_SIGNING_KEY is missing/],
    [{ ...sim, AUTH_SECRET: 'short' }, 'AUTH_SECRET', /at least 32 characters/],
    [{ ...sim, MANIFEST_REFRESH_MINUTES: 'often' }, 'MANIFEST_REFRESH_MINUTES', /whole number of minutes/],
    [{ ...sim, AUTH_URL: 'localhost:3000' }, 'AUTH_URL', /AUTH_URL must be an http/],
    [{ ...sim, NODE_ENV: 'staging' }, 'NODE_ENV', /NODE_ENV must be/],
    [{ ...sim, ADMIN_MEMBERSHIP_IDS: 'me' }, 'ADMIN_MEMBERSHIP_IDS', /comma-separated/],
    [{ ...sim, SKELETON_AFTER_MS: 'soon' }, 'SKELETON_AFTER_MS', /whole number of milliseconds between 0 and 2000/],
    [{ ...sim, SKELETON_AFTER_MS: '5000' }, 'SKELETON_AFTER_MS', /between 0 and 2000/],
  ])('stops on a bad environment with one sentence naming the variable (%#)', (env, variable, message) => {
    const error = configError(env as Record<string, string>);
    expect(error.variable).toBe(variable);
    expect(error.message).toMatch(message);
    expect(error.message.split('\n')).toHaveLength(1);
  });

  it('waits 150 ms for a page’s data before its skeleton unless SKELETON_AFTER_MS says otherwise (0: at once)', () => {
    expect(loadConfig(sim).skeletonAfterMs).toBe(150);
    expect(loadConfig({ ...sim, SKELETON_AFTER_MS: '0' }).skeletonAfterMs).toBe(0);
    expect(loadConfig({ ...sim, SKELETON_AFTER_MS: '400' }).skeletonAfterMs).toBe(400);
  });

  it('never repeats a secret in its error messages', () => {
    const error = configError({ ...sim, AUTH_SECRET: 'hunter2-secret' });
    expect(error.message).not.toContain('hunter2');
    const dbError = configError({ ...sim, DATABASE_URL: 'mysql://user:pa55word@host/db' });
    expect(dbError.message).not.toContain('pa55word');
  });
});

describe('describeConfig', () => {
  it('names every concern in one line without secrets', () => {
    const line = describeConfig(
      loadConfig({
        DATABASE_URL: 'postgresql://u:topsecret@db.example.com/vault',
        UPSTASH_REDIS_REST_URL: 'https://eu1.upstash.io',
        UPSTASH_REDIS_REST_TOKEN: 'redis-token-value',
        ...sim,
      }),
    );
    expect(line).toContain('database=PostgreSQL (db.example.com)');
    expect(line).toContain('manifest store=Upstash Redis (eu1.upstash.io)');
    expect(line).toContain('scheduler=in-process (every 5 min)');
    expect(line).toContain('bungie=Bungie simulator (http://127.0.0.1:3100)');
    expect(line).not.toMatch(/topsecret|redis-token-value/);
    expect(line.includes('\n')).toBe(false);
  });
});

describe('TOKEN_ENCRYPTION_KEYS', () => {
  const k = (n: number) => Buffer.alloc(32, n).toString('base64');
  it('parses id:key pairs, newest first', () => {
    const config = loadConfig({ ...sim, TOKEN_ENCRYPTION_KEYS: `k2:${k(2)}, k1:${k(1)}` });
    expect(config.tokenKeys.map((t) => t.id)).toEqual(['k2', 'k1']);
    expect(config.tokenKeys[0]!.key.length).toBe(32);
  });
  it.each([`k1:${Buffer.alloc(16).toString('base64')}`, 'nokey', `k1:${k(1)},k1:${k(2)}`])('refuses %s', (value) => {
    expect(configError({ ...sim, TOKEN_ENCRYPTION_KEYS: value }).variable).toBe('TOKEN_ENCRYPTION_KEYS');
  });
});
