import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, loadMigrationTarget } from '@/lib/config';

const sim = { BUNGIE_SIMULATOR_URL: 'http://127.0.0.1:3100' };
const pooled = 'postgresql://u:p@ep-x-pooler.example.com:5432/vault?sslmode=require';
const direct = 'postgresql://u:p@ep-x.example.com:5432/vault?sslmode=require';
const qstash = { QSTASH_TOKEN: 't', QSTASH_CURRENT_SIGNING_KEY: 'c', QSTASH_NEXT_SIGNING_KEY: 'n' };

function thrown(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('database configuration on serverless hosts', () => {
  it('refuses to start the embedded database on Vercel, naming DATABASE_URL', () => {
    const error = thrown(() => loadConfig({ ...sim, VERCEL: '1' }));
    expect(error.variable).toBe('DATABASE_URL');
    expect(error.message).toMatch(/serverless host/);
  });

  it('refuses it on AWS Lambda too', () => {
    expect(thrown(() => loadConfig({ ...sim, AWS_LAMBDA_FUNCTION_NAME: 'vault-raider' })).variable).toBe('DATABASE_URL');
  });

  it('never migrates at start-up on Vercel: its functions carry no migration engine', () => {
    expect(loadConfig({ ...sim, ...qstash, VERCEL: '1', DATABASE_URL: pooled }).database).toEqual({ kind: 'postgres', url: pooled, migrateOnStart: false });
    expect(loadConfig({ ...sim, ...qstash, VERCEL: '1', DATABASE_URL: pooled, MIGRATE_ON_START: 'false' }).database).toMatchObject({ migrateOnStart: false });
    const error = thrown(() => loadConfig({ ...sim, ...qstash, VERCEL: '1', DATABASE_URL: pooled, MIGRATE_ON_START: 'true' }));
    expect(error.variable).toBe('MIGRATE_ON_START');
    expect(error.message).toMatch(/db:deploy/);
  });

  it('migrates at start-up on a long-lived server unless told not to', () => {
    expect(loadConfig({ ...sim, DATABASE_URL: pooled }).database).toMatchObject({ migrateOnStart: true });
    expect(loadConfig({ ...sim, DATABASE_URL: pooled, MIGRATE_ON_START: 'false' }).database).toMatchObject({ migrateOnStart: false });
  });

  it('refuses the in-process scheduler on a serverless host, naming QSTASH_TOKEN; keeps it on a long-lived server', () => {
    for (const host of [{ VERCEL: '1' }, { AWS_LAMBDA_FUNCTION_NAME: 'vault-raider' }]) {
      const error = thrown(() => loadConfig({ ...sim, ...host, DATABASE_URL: pooled }));
      expect(error.variable).toBe('QSTASH_TOKEN');
      expect(error.message).toMatch(/nothing runs between requests/);
      expect(loadConfig({ ...sim, ...qstash, ...host, DATABASE_URL: pooled }).scheduler.kind).toBe('qstash');
    }
    expect(loadConfig({ ...sim, DATABASE_URL: pooled }).scheduler.kind).toBe('in-process');
  });

  it('keeps the embedded database off serverless hosts only', () => {
    expect(loadConfig({ ...sim, DATA_DIR: '/tmp/vr' }).database).toEqual({ kind: 'embedded', dataDir: '/tmp/vr/pglite', migrateOnStart: true, fsync: true });
  });
});

describe('loadMigrationTarget (npm run db:deploy)', () => {
  it('migrates over the direct URL when there is one', () => {
    expect(loadMigrationTarget({ DATABASE_URL: pooled, DATABASE_DIRECT_URL: direct })).toEqual({ kind: 'migrate', url: direct });
  });

  it('falls back to DATABASE_URL', () => {
    expect(loadMigrationTarget({ DATABASE_URL: pooled })).toEqual({ kind: 'migrate', url: pooled });
  });

  it('migrates on a Vercel production build', () => {
    expect(loadMigrationTarget({ VERCEL: '1', VERCEL_ENV: 'production', DATABASE_URL: pooled })).toEqual({ kind: 'migrate', url: pooled });
  });

  it('never migrates from a preview or development build', () => {
    for (const stage of ['preview', 'development']) {
      const target = loadMigrationTarget({ VERCEL: '1', VERCEL_ENV: stage, DATABASE_URL: pooled, DATABASE_DIRECT_URL: direct });
      expect(target.kind).toBe('skip');
      if (target.kind === 'skip') expect(target.reason).toContain(`VERCEL_ENV=${stage}`);
    }
  });

  it('says which variable is missing, and never repeats a malformed secret URL', () => {
    expect(thrown(() => loadMigrationTarget({})).variable).toBe('DATABASE_URL');
    const error = thrown(() => loadMigrationTarget({ DATABASE_DIRECT_URL: 'mysql://u:secret@h/db' }));
    expect(error.variable).toBe('DATABASE_DIRECT_URL');
    expect(error.message).not.toContain('secret');
  });
});

describe('the manifest check interval with QStash', () => {
  const withQstash = { ...sim, ...qstash };

  it('refuses an interval that would spend the free 1,000 messages a day', () => {
    const error = thrown(() => loadConfig({ ...withQstash, MANIFEST_REFRESH_MINUTES: '1' }));
    expect(error.variable).toBe('MANIFEST_REFRESH_MINUTES');
    expect(error.message).toMatch(/at least 5 with QStash/);
    expect(() => loadConfig({ ...withQstash, MANIFEST_REFRESH_MINUTES: '4' })).toThrow(ConfigError);
  });

  it('accepts 5 minutes and more with QStash, and any interval in-process', () => {
    expect(loadConfig({ ...withQstash, MANIFEST_REFRESH_MINUTES: '5' }).scheduler.intervalMinutes).toBe(5);
    expect(loadConfig({ ...sim, MANIFEST_REFRESH_MINUTES: '1' }).scheduler.intervalMinutes).toBe(1);
  });
});
