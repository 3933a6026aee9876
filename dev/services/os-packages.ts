import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';

/** An OS program the tests need, and the Debian package that brings it. */
export type Requirement = { what: string; found: () => boolean; debianPackage: string };

export const POSTGRES_BIN_DIRS = ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin'];

/** Folder of `initdb`/`postgres`, if a PostgreSQL server is installed. */
export function postgresBinDir(): string | undefined {
  return POSTGRES_BIN_DIRS.find((dir) => fs.existsSync(`${dir}/postgres`) && fs.existsSync(`${dir}/initdb`));
}

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

export const chromiumPath = (): string | undefined =>
  ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));

export const requirements: Record<'postgresql' | 'redis' | 'chromium', Requirement> = {
  postgresql: { what: 'a PostgreSQL server', found: () => postgresBinDir() !== undefined, debianPackage: 'postgresql' },
  redis: { what: 'redis-server', found: () => onPath('redis-server'), debianPackage: 'redis-server' },
  chromium: { what: 'Chromium', found: () => chromiumPath() !== undefined, debianPackage: 'chromium' },
};

/**
 * Installs what is missing with apt-get when we are root on Debian; otherwise stops with one
 * sentence saying what to install. Never skips silently.
 */
export function ensureOsPackages(needed: Requirement[], log: (line: string) => void): void {
  const missing = needed.filter((r) => !r.found());
  if (missing.length === 0) return;
  const names = missing.map((r) => r.debianPackage);
  const canApt = process.getuid?.() === 0 && onPath('apt-get');
  if (!canApt) {
    throw new Error(`Missing ${missing.map((r) => r.what).join(', ')}: install the Debian package(s) ${names.join(' ')} (e.g. sudo apt-get install -y ${names.join(' ')}) and run again.`);
  }
  log(`installing ${names.join(' ')} with apt-get …`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...names], { stdio: 'inherit', env });
  const still = missing.filter((r) => !r.found());
  if (still.length > 0) throw new Error(`apt-get ran but ${still.map((r) => r.what).join(', ')} is still missing.`);
}
